/**
 * A project on TypeScript 5 (test/fixtures/typescript-5): the CLI and ESLint must report the same
 * findings although the CLI type-checks with ts-morph's TypeScript 6, whose defaults differ (`types`,
 * `strict`, `esModuleInterop`, …).
 *
 * The fixture's node_modules is made here: `typescript` is this repository's `typescript-5` (the
 * npm alias of typescript@5.4.5, the oldest version the peer range allows), and the packages that
 * load `typescript` (typescript-eslint's parser, typescript-estree, project-service, ts-api-utils,
 * and the built plugin) are linked next to it. ESLint runs in a child process with
 * `--preserve-symlinks`, so each linked package resolves `typescript` from the fixture, as it would
 * in a project that installed TypeScript 5 (one node_modules tree cannot hold two copies of the
 * parser for two TypeScripts).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findProjectTypeScript, getProjectDefaults } from '../../src/cli/project-typescript.js';
import { parseTsconfig } from '../../src/cli/tsconfig.js';
import { repoRoot, runCli } from './helpers.js';

const projectDir = path.join(repoRoot, 'test', 'fixtures', 'typescript-5');
const links: Readonly<Record<string, string>> = {
  typescript: 'node_modules/typescript-5',
  '@typescript-eslint/parser': 'node_modules/@typescript-eslint/parser',
  '@typescript-eslint/typescript-estree': 'node_modules/@typescript-eslint/typescript-estree',
  '@typescript-eslint/project-service': 'node_modules/@typescript-eslint/project-service',
  'ts-api-utils': 'node_modules/ts-api-utils',
  'eslint-plugin-closewait/package.json': 'package.json',
  'eslint-plugin-closewait/dist': 'dist',
};

/** Links the fixture's node_modules (gitignored); safe to run twice, or from two workers. */
function linkNodeModules(): void {
  for (const [name, target] of Object.entries(links)) {
    const link = path.join(projectDir, 'node_modules', name);
    if (existsSync(link)) continue;
    mkdirSync(path.dirname(link), { recursive: true });
    try {
      symlinkSync(path.relative(path.dirname(link), path.join(repoRoot, target)), link);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

interface Row {
  file: string;
  line: number;
  column: number;
  ruleId: string;
}

function runEslint(): Promise<{ code: number; stdout: string; stderr: string }> {
  const eslintBin = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--preserve-symlinks', eslintBin, '--format', 'json', 'src'], { cwd: projectDir, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const byPosition = (a: Row, b: Row) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column);

describe('a project on TypeScript 5.4', () => {
  beforeAll(() => {
    if (!existsSync(path.join(repoRoot, 'dist', 'src', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    linkNodeModules();
  });

  it("is linted by ESLint with the project's TypeScript 5.4", () => {
    const probe = `console.log(require(require.resolve('typescript', { paths: [require.resolve('@typescript-eslint/typescript-estree')] })).version)`;
    const version = execFileSync(process.execPath, ['--preserve-symlinks', '-e', probe], { cwd: projectDir, encoding: 'utf8' });
    expect(version.trim()).toBe('5.4.5');
    expect(findProjectTypeScript(projectDir)?.version).toBe('5.4.5');
  });

  it("gets TypeScript 5's defaults pinned where TypeScript 6 would differ", () => {
    const parsed = parseTsconfig(path.join(projectDir, 'tsconfig.json'), projectDir);
    const pinned = getProjectDefaults(findProjectTypeScript(projectDir), parsed.options);
    expect(pinned).toMatchObject({ strictNullChecks: false, noImplicitAny: false, esModuleInterop: false, allowSyntheticDefaultImports: false, ignoreDeprecations: '6.0' });
    // Every @types package above the project, as TypeScript 5 includes them when `types` is absent.
    expect(pinned.types).toContain('node');
    expect(pinned.types).toContain('ws');
    // The tsconfig's own choices are never overridden.
    expect(pinned).not.toHaveProperty('target');
    expect(pinned).not.toHaveProperty('module');
  });

  it('gets the same findings from the CLI as from ESLint', async () => {
    const eslint = await runEslint();
    const results = JSON.parse(eslint.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; message: string }[] }[];
    const eslintRows = results
      .flatMap((result) => result.messages.map((message) => ({ file: path.relative(projectDir, result.filePath), line: message.line, column: message.column, ruleId: message.ruleId ?? '(fatal)' })))
      .sort(byPosition);
    expect(eslintRows).toEqual([
      { file: 'src/default-import.ts', line: 2, column: 17, ruleId: 'closewait/no-missing-types' },
      { file: 'src/send.ts', line: 6, column: 20, ruleId: 'closewait/no-leaked-socket' },
      { file: 'src/status.ts', line: 4, column: 21, ruleId: 'closewait/consume-response-body' },
      { file: 'src/type-default-import.ts', line: 2, column: 22, ruleId: 'closewait/no-missing-types' },
    ]);
    expect(results.find((result) => result.filePath.endsWith('default-import.ts'))?.messages[0]?.message).toBe(
      "closewait cannot see the types of `node:net`, so the sockets and responses it creates are not checked in this file: fix the import: Module '\"node:net\"' has no default export (TS1192).",
    );

    const cli = runCli(['-f', 'json'], { cwd: projectDir });
    const report = JSON.parse(cli.stdout) as { findings: { file: string; line: number; column: number; ruleId: string }[]; errors: { file: string; line: number; column: number; message: string }[] };
    const cliRows = [
      ...report.findings.map(({ file, line, column, ruleId }) => ({ file, line, column, ruleId: `closewait/${ruleId}` })),
      ...report.errors.map(({ file, line, column }) => ({ file, line, column, ruleId: 'closewait/no-missing-types' })),
    ].sort(byPosition);
    expect(cliRows).toEqual(eslintRows);
    expect(cli.stderr).toBe(
      "closewait: src/default-import.ts:2:17: cannot see the types of `node:net`: fix the import: Module '\"node:net\"' has no default export (TS1192)\n" +
        "closewait: src/type-default-import.ts:2:22: cannot see the types of `node:tls`: fix the import: Module '\"node:tls\"' has no default export (TS1192)\n",
    );
    expect(cli.code).toBe(2);
  });
});
