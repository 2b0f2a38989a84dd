/**
 * The CLI and the ESLint plugin run one engine, so on the same project with the same options they
 * must report the same findings at the same positions with the same messages. ESLint runs
 * in-process with typescript-eslint's typed parser and the plugin from source.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { loadConfig } from '../../src/cli/config.js';
import { getRuleCatalog } from '../../src/cli/rule-catalog.js';
import { selectRules } from '../../src/cli/rule-selection.js';
import { run } from '../../src/cli/run.js';
import { fixture, repoRoot } from './helpers.js';

interface Row {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

async function lintWithEslint(dir: string, files: readonly string[]): Promise<Row[]> {
  const catalog = getRuleCatalog();
  const selected = selectRules(catalog, loadConfig(dir, undefined, catalog).config, { only: [], ignore: [] });
  const rules: Linter.RulesRecord = Object.fromEntries(selected.map(({ rule, options }) => [`closewait/${rule.id}`, ['error', options]]));
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: { parser: tsParser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
        plugins: { closewait: plugin as unknown as ESLint.Plugin },
        rules,
      },
    ],
  });
  const results = await eslint.lintFiles(files.map((file) => path.join(dir, file)));
  return results.flatMap((result) =>
    result.messages.map((message) => {
      expect(message.fatal, message.message).toBeFalsy();
      return {
        file: path.relative(dir, result.filePath).split(path.sep).join('/'),
        line: message.line,
        column: message.column,
        ruleId: (message.ruleId ?? '').replace(/^closewait\//, ''),
        message: message.message,
      };
    }),
  );
}

const sortRows = (rows: Row[]) => [...rows].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));

describe.each([
  ['leaks', fixture('leaks'), 'src'],
  ['js-project', fixture('js-project'), 'lib'],
  ['config-file', fixture('config-file'), 'src'],
  ['clean', fixture('clean'), 'src'],
  ['example', path.join(repoRoot, 'example'), 'src'],
  ['model', fixture('model'), 'src'],
])('on %s', (_name, dir, sources) => {
  it('the CLI reports exactly what ESLint reports', async () => {
    const cli = run({ cwd: dir }).findings.map(({ file, line, column, ruleId, message }) => ({ file, line, column, ruleId, message }));
    const eslint = await lintWithEslint(dir, [sources]);
    expect(sortRows(cli)).toEqual(sortRows(eslint));
  });
});

// The fixture of the wrapper, promise-chain and collection models: not a vacuous equality.
describe('on the model fixture', () => {
  it('reports a wrapper leak, a class that never releases, a promise chain and a collection drop', () => {
    const ids = run({ cwd: fixture('model') }).findings.map((finding) => `${finding.file}:${finding.line} ${finding.messageId}`);
    expect(ids).toEqual([
      'src/channel.ts:22 fieldNeverReleased',
      'src/chat.ts:12 endListenerDropsOwner',
      'src/send.ts:6 leakAtExit',
      'src/send.ts:12 bodyDroppedAtEnd',
    ]);
  });
});

// A package typed by an ambient module in a project declaration file, in a directory where no
// node_modules can type it instead: both front ends must see the declaration.
describe('on a project typing pg with `declare module` in a .d.ts file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'closewait-ambient-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: [], noEmit: true },
      include: ['src', 'types'],
    }),
    'types/pg.d.ts': [
      "declare module 'pg' {",
      '  export class Client {',
      '    connect(): Promise<void>;',
      '    query(text: string): Promise<unknown>;',
      '    end(): Promise<void>;',
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/count.ts': [
      "import { Client } from 'pg';",
      'export async function count(): Promise<unknown> {',
      '  const client = new Client();',
      '  await client.connect();',
      "  return client.query('select 1');",
      '}',
      '',
    ].join('\n'),
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }

  it('the CLI reports exactly what ESLint reports, and both report the client', async () => {
    const cli = run({ cwd: dir }).findings.map(({ file, line, column, ruleId, message }) => ({ file, line, column, ruleId, message }));
    const eslint = await lintWithEslint(dir, ['src']);
    expect(sortRows(cli)).toEqual(sortRows(eslint));
    expect(cli.map(({ file, line, ruleId }) => ({ file, line, ruleId }))).toEqual([{ file: 'src/count.ts', line: 5, ruleId: 'no-leaked-socket' }]);
  });
});
