/**
 * ESLint with a file nested deeply enough that TypeScript's checker can overflow the stack inside
 * the rules (nested calls are the costliest: about 20 checker frames each; whether it does depends
 * on the stack left): the rest of that file and every other file are linted as usual, and nothing
 * throws out of a rule. (Deeper still, typescript-eslint's own parser gives up first: docs/cli.md.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let project: string;

const leak = (name: string) => `
export function ${name}(port: number, skip: boolean): void {
  const socket = net.connect(port);
  if (skip) return;
  socket.end();
}
`;

beforeAll(() => {
  project = mkdtempSync(path.join(os.tmpdir(), 'closewait-eslint-deep-'));
  mkdirSync(path.join(project, 'src'));
  const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: ['node'], typeRoots: [path.join(repoRoot, 'node_modules', '@types')] };
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
  // Linted first: 480 nested calls, past what the checker resolves on Node's default stack.
  const calls = `${'Math.abs('.repeat(480)}x${')'.repeat(480)}`;
  writeFileSync(path.join(project, 'src', 'a-deep.ts'), `import net from 'node:net';\nexport function deep(x: number): number {\n  return ${calls};\n}\n${leak('after')}`);
  writeFileSync(path.join(project, 'src', 'b-leak.ts'), `import net from 'node:net';\n${leak('send')}`);
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('ESLint on a project with a very deeply nested file', () => {
  it('lints every other function and file as usual', async () => {
    const eslint = new ESLint({
      cwd: project,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser as Linter.Parser, parserOptions: { projectService: true, tsconfigRootDir: project } },
          plugins: { closewait: plugin as unknown as ESLint.Plugin },
          rules: plugin.configs.recommended.rules as Linter.RulesRecord,
        },
      ],
    });
    const results = await eslint.lintFiles(['src']);
    const messages = results.flatMap((result) =>
      result.messages.map((message) => `${path.relative(project, result.filePath)}:${message.line} ${message.ruleId ?? `fatal: ${message.message}`}`),
    );
    expect(messages).toEqual(['src/a-deep.ts:8 closewait/no-leaked-socket', 'src/b-leak.ts:5 closewait/no-leaked-socket']);
  });
});
