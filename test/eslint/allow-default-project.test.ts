/**
 * JavaScript files linted through typescript-eslint's `allowDefaultProject`: they are typed with the
 * root tsconfig.json's options when there is one, and with TypeScript's defaults when there is none
 * (TypeScript 6: no @types package at all). Either the leaks are found or closewait says it cannot
 * see the types; never a silent pass. Each run is the real `eslint` binary in its own process
 * (typescript-eslint keeps one project service per process) with the BUILT plugin, so
 * `npm run build` first.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const fixtureDir = path.join(rootDir, 'test', 'fixtures', 'allow-default-project');
const builtPlugin = path.join(rootDir, 'dist', 'src', 'index.js');

let scratch: string;
beforeAll(() => {
  if (!existsSync(builtPlugin)) throw new Error('dist/ is missing: run `npm run build` first');
  scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-default-project-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(path.join(fixtureDir, 'eslint.allow-default-project.mjs'), { force: true });
});

/** A flat config for `dir`'s scripts/, loading the parser and the built plugin by absolute URL (the copies outside the repository have no node_modules). */
function writeEslintConfig(dir: string): string {
  const file = path.join(dir, 'eslint.allow-default-project.mjs');
  const parser = pathToFileURL(path.join(rootDir, 'node_modules', '@typescript-eslint', 'parser', 'dist', 'index.js')).href;
  writeFileSync(
    file,
    `import tsParser from '${parser}';
import closewait from '${pathToFileURL(builtPlugin).href}';

export default [
  {
    ...closewait.configs.recommended,
    files: ['scripts/*.{js,cjs}'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { projectService: { allowDefaultProject: ['scripts/*.js', 'scripts/*.cjs'] }, tsconfigRootDir: import.meta.dirname },
    },
  },
];
`,
  );
  return file;
}

interface EslintJsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; message: string }[];
}

/** `eslint --format json scripts` in `dir`: each message as `file:line:column rule [message of no-missing-types]`. */
function lint(dir: string): Promise<string[]> {
  const config = writeEslintConfig(dir);
  const eslintBin = path.join(rootDir, 'node_modules', 'eslint', 'bin', 'eslint.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [eslintBin, '--config', config, '--format', 'json', 'scripts'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      if (error && error.code === 2) return reject(new Error(stderr));
      const results = JSON.parse(stdout) as EslintJsonResult[];
      resolve(
        results.flatMap((result) =>
          result.messages.map((message) =>
            `${path.relative(dir, result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? '(fatal)'} ${message.ruleId === 'closewait/no-missing-types' ? message.message : ''}`.trimEnd(),
          ),
        ),
      );
    });
  });
}

/** The fixture copied outside the repository (no node_modules above it), without its tsconfig.json. */
function copyOutside(name: string): string {
  const dir = path.join(scratch, name);
  cpSync(fixtureDir, dir, { recursive: true });
  rmSync(path.join(dir, 'tsconfig.json'));
  return dir;
}

const missing = (file: string, column: number, fix: string) =>
  `${file}:1:${column} closewait/no-missing-types closewait cannot see the types of \`node:net\`, so the sockets and responses it creates are not checked in this file: ${fix}.`;

describe('JavaScript files in the default project', () => {
  it('are checked with the root tsconfig.json’s types', async () => {
    expect(await lint(fixtureDir)).toEqual(['scripts/send.js:5:20 closewait/no-leaked-socket', 'scripts/status.cjs:5:38 closewait/consume-response-body']);
  });

  it('are reported as unchecked when there is no tsconfig.json (TypeScript 6 loads no @types package)', async () => {
    const fix = 'install @types/node and use a tsconfig.json with "node" in compilerOptions.types';
    expect(await lint(copyOutside('no-tsconfig'))).toEqual([
      missing('scripts/send.js', 17, fix),
      missing('scripts/status.cjs', 22, fix).replace('node:net', 'node:http'),
    ]);
  });
});
