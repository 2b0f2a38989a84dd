/**
 * A project with files nested too deeply for TypeScript (1,000 nested `if`s, 5,000 nested
 * parentheses, and a generated file the project imports): the CLI names that code in one line each
 * and reports every other finding, in those files too. Before, TypeScript's binder or parser
 * overflowed the stack and the run lost every finding.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers.js';

let project: string;

const leak = (name: string) => `
export function ${name}(port: number, skip: boolean): void {
  const socket = net.connect(port);
  if (skip) return;
  socket.end();
}
`;

const nestedIfs = (n: number) => `${Array.from({ length: n }, (_, i) => `if (x > ${i}) {\n`).join('')}return 1;\n${'}\n'.repeat(n)}`;

beforeAll(() => {
  project = mkdtempSync(path.join(os.tmpdir(), 'closewait-deep-'));
  mkdirSync(path.join(project, 'src'));
  const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: ['node'], typeRoots: [path.join(repoRoot, 'node_modules', '@types')] };
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
  writeFileSync(path.join(project, 'src', 'leak.ts'), `import net from 'node:net';\n${leak('send')}`);
  writeFileSync(path.join(project, 'src', 'deep-ifs.ts'), `import net from 'node:net';\nexport function deep(x: number): number {\n${nestedIfs(1_000)}  return 0;\n}\n${leak('afterIfs')}`);
  // Outside `include`, but imported: TypeScript binds it all the same.
  mkdirSync(path.join(project, 'generated'));
  writeFileSync(path.join(project, 'generated', 'table.ts'), `export function lookup(x: number): number {\n${nestedIfs(1_000)}  return 0;\n}\n`);
  writeFileSync(path.join(project, 'src', 'uses-table.ts'), `import net from 'node:net';\nimport { lookup } from '../generated/table.js';\n${leak('useTable').replace('const socket', 'lookup(port);\n  const socket')}`);
  writeFileSync(
    path.join(project, 'src', 'deep-parens.ts'),
    `import net from 'node:net';\nexport function parens(x: number): number {\n  return ${'('.repeat(5_000)}x${')'.repeat(5_000)};\n}\n${leak('afterParens')}`,
  );
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('code nested too deeply for TypeScript', () => {
  it('is named in one line per file, and every other finding is reported', () => {
    const run = runCli(['-f', 'json'], { cwd: project });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { file: string; line: number }[]; skipped: { file: string; line: number; message: string }[] };
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['src/deep-ifs.ts:2009', 'src/deep-parens.ts:8', 'src/leak.ts:5', 'src/uses-table.ts:7']);
    const note = (function_: string) => `not analysed: the function \`${function_}\`, nested more than 300 levels deep (TypeScript itself cannot check code that deep); the rest of the file was analysed`;
    // By file, as every list of the report.
    expect(run.stderr).toBe(
      'closewait: generated/table.ts: left out: the function `lookup`, nested more than 300 levels deep, in a file the analysed ones import\n' +
        `closewait: src/deep-ifs.ts:2:1: ${note('deep')}\n` +
        `closewait: src/deep-parens.ts:2:1: ${note('parens')}\n`,
    );
    expect(report.skipped.map((skipped) => `${skipped.file}:${skipped.line ?? ''}`)).toEqual(['generated/table.ts:', 'src/deep-ifs.ts:2', 'src/deep-parens.ts:2']);
  });

  it('says so in the summary, and even with --quiet', () => {
    const run = runCli(['-q'], { cwd: project });
    expect(run.stdout).toContain('✖ 4 findings in 4 files (4 files analysed, code left out in 3 files)\n');
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(3);
  });
});
