/**
 * Set-ups where the types closewait needs are missing: the CLI says so (one line per module on
 * stderr, naming a file and the fix, exit status 2) and never reports such a run as clean.
 * Projects "without @types/node" are copies outside the repository, whose node_modules would
 * otherwise supply it.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMissingTypesErrors } from '../../src/cli/missing-types.js';
import { getDefaultCompilerOptions } from '../../src/cli/project.js';
import { fixture, repoRoot, runCli } from './helpers.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-types-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of test/fixtures/cli/<name> outside the repository: no node_modules above it. */
function copyOutside(name: string): string {
  const dir = path.join(scratch, name);
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

const summaryWithError = (files: number) => `✖ No findings, but types missing for 1 module left files unchecked (${files} files analysed)\n`;

describe('a TypeScript 6 tsconfig that lists no `types`', () => {
  const cwd = fixture('ts6-no-types');

  it('names the module once, with its first file and the fix, and exits 2', () => {
    const run = runCli([], { cwd });
    expect(run).toEqual({
      code: 2,
      stdout: summaryWithError(3),
      stderr: 'closewait: src/send.ts:1:22: cannot see the types of `node:net` (and in 1 other file): add "node" to compilerOptions.types\n',
    });
  });

  it('puts the error in every report, with its place', () => {
    const run = runCli(['-f', 'json'], { cwd });
    const report = JSON.parse(run.stdout) as { summary: { errors: number }; errors: unknown[] };
    expect(report.summary.errors).toBe(1);
    expect(report.errors).toEqual([
      { file: 'src/send.ts', line: 1, column: 22, message: 'cannot see the types of `node:net` (and in 1 other file): add "node" to compilerOptions.types', kind: 'missing-types' },
    ]);
  });

  it('checks the types whichever rules --rule selects', () => {
    expect(runCli(['--rule', 'no-leaked-socket'], { cwd }).code).toBe(2);
  });

  it('passes only when the check is turned off explicitly', () => {
    expect(runCli(['--ignore-rule', 'no-missing-types'], { cwd })).toEqual({
      code: 0,
      stdout: '✔ No socket lifecycle problems found (3 files analysed)\n',
      stderr: '',
    });
  });
});

describe('a file listed by two projects, one of which sees the types', () => {
  it('is analysed with the types, and only the files no project could type are reported', () => {
    const run = runCli(['-f', 'json'], { cwd: fixture('types-in-one-project') });
    const report = JSON.parse(run.stdout) as { findings: { file: string; line: number; ruleId: string }[]; errors: { message: string }[] };
    // src/send.ts is untyped in untyped/ (analysed first) and typed in typed/: its leak is found.
    expect(report.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual(['src/send.ts:5 no-leaked-socket']);
    expect(run.stderr).toBe('closewait: src/only-untyped.ts:1:25: cannot see the types of `node:net`: add "node" to compilerOptions.types\n');
    expect(run.code).toBe(2);
  });
});

describe('a project without @types/node', () => {
  it('says to install it and list it in `types`', () => {
    const run = runCli([], { cwd: copyOutside('ts6-no-types') });
    expect(run).toEqual({
      code: 2,
      stdout: summaryWithError(3),
      stderr: 'closewait: src/send.ts:1:22: cannot see the types of `node:net` (and in 1 other file): install @types/node and add "node" to compilerOptions.types\n',
    });
    // The README's "When types are missing" shows this run.
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`console\n$ npx closewait\n${run.stderr}\`\`\`\n`);
  });
});

describe('a followed package that ships no types', () => {
  it('says which @types package to install', () => {
    const dir = path.join(scratch, 'untyped-package');
    mkdirSync(path.join(dir, 'node_modules', 'untyped-broker'), { recursive: true });
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'node_modules', 'untyped-broker', 'package.json'), JSON.stringify({ name: 'untyped-broker', main: 'index.js' }));
    writeFileSync(path.join(dir, 'node_modules', 'untyped-broker', 'index.js'), 'exports.Connection = class Connection {};\n');
    writeFileSync(path.join(dir, 'src', 'broker.ts'), "import { Connection } from 'untyped-broker';\n\nexport const open = () => new Connection();\n");
    writeFileSync(
      path.join(dir, 'closewait.config.json'),
      JSON.stringify({ resources: [{ type: { from: 'package', package: 'untyped-broker', name: 'Connection' }, release: ['close'] }] }),
    );
    const run = runCli(['src'], { cwd: dir });
    expect(run.stderr).toBe('closewait: src/broker.ts:1:28: cannot see the types of `untyped-broker`: install @types/untyped-broker\n');
    expect(run.code).toBe(2);
  });
});

describe('a JavaScript project with no tsconfig and no @types/node', () => {
  it('is analysed with the @types/node closewait ships, and its leaks are reported', () => {
    const run = runCli(['-f', 'json'], { cwd: copyOutside('js-no-types') });
    const report = JSON.parse(run.stdout) as { findings: { file: string; line: number; column: number; ruleId: string }[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`)).toEqual([
      'lib/client.cjs:5:38 consume-response-body',
      'lib/send.js:5:20 no-leaked-socket',
    ]);
    expect(run.code).toBe(1);
  });

  it("takes Node's types from closewait's own dependencies, unless the project has its own", () => {
    const own = path.join(scratch, 'own-types');
    mkdirSync(path.join(own, 'node_modules', '@types', 'node'), { recursive: true });
    writeFileSync(path.join(own, 'node_modules', '@types', 'node', 'package.json'), JSON.stringify({ name: '@types/node', version: '20.0.0' }));
    expect(getDefaultCompilerOptions(own)).toMatchObject({ types: ['node'], typeRoots: [path.join(own, 'node_modules', '@types')] });
    // Ours is installed under an alias, so that it never becomes the user's @types/node (TypeScript 5 loads every @types package).
    expect(getDefaultCompilerOptions(path.join(scratch, 'js-no-types'))).toMatchObject({ types: ['closewait-node-types'], typeRoots: [path.join(repoRoot, 'node_modules')] });
  });
});

describe('one error per module or global and fix', () => {
  const record = (file: string, fix: string) => ({ key: 'missingGlobalTypes:fetch', name: 'fetch', file, line: 2, column: 26, fix });

  it('keeps apart the files that need different fixes, and counts the others', () => {
    const lib = 'add "node" to compilerOptions.types, or add "DOM" to compilerOptions.lib';
    const typedAny = 'it is typed `any` here; give it a type';
    expect(getMissingTypesErrors([record('src/c.ts', lib), record('src/a.ts', typedAny), record('src/b.ts', lib)])).toEqual([
      { file: 'src/a.ts', line: 2, column: 26, message: `cannot see the types of \`fetch\`: ${typedAny}`, kind: 'missing-types' },
      { file: 'src/b.ts', line: 2, column: 26, message: `cannot see the types of \`fetch\` (and in 1 other file): ${lib}`, kind: 'missing-types' },
    ]);
  });
});
