/**
 * A project with a file nested too deeply for TypeScript (1,000 nested `if`s, 5,000 nested
 * parentheses): the CLI names that code in one line and reports every other finding, in that file
 * too. Before, TypeScript's binder overflowed the stack and the run lost every finding.
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
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['src/deep-ifs.ts:2009', 'src/deep-parens.ts:8', 'src/leak.ts:5']);
    const note = (function_: string) => `not analysed: the function \`${function_}\`, nested more than 300 levels deep (TypeScript itself cannot check code that deep); the rest of the file was analysed`;
    expect(run.stderr).toBe(`closewait: src/deep-ifs.ts:2:1: ${note('deep')}\nclosewait: src/deep-parens.ts:2:1: ${note('parens')}\n`);
    expect(report.skipped.map((skipped) => `${skipped.file}:${skipped.line}`)).toEqual(['src/deep-ifs.ts:2', 'src/deep-parens.ts:2']);
  });

  it('says so in the summary, and even with --quiet', () => {
    const run = runCli(['-q'], { cwd: project });
    expect(run.stdout).toContain('✖ 3 findings in 3 files (3 files analysed, 2 files analysed in part)\n');
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(2);
  });
});
