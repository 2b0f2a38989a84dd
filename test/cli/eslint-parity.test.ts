/**
 * The CLI and the ESLint plugin run one engine, so on the same project with the same options they
 * must report the same findings at the same positions with the same messages. ESLint runs
 * in-process with typescript-eslint's typed parser and the plugin from source.
 */
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
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
])('on %s', (_name, dir, sources) => {
  it('the CLI reports exactly what ESLint reports', async () => {
    const cli = run({ cwd: dir }).findings.map(({ file, line, column, ruleId, message }) => ({ file, line, column, ruleId, message }));
    const eslint = await lintWithEslint(dir, [sources]);
    expect(sortRows(cli)).toEqual(sortRows(eslint));
  });
});
