/**
 * ESLint's inline directives, honoured by the CLI exactly as ESLint honours them: the same fixtures
 * (test/fixtures/directives, and the example monorepo) through `new ESLint()` with the plugin and
 * through the CLI give the same findings, the same suppressed findings with the same reasons, and,
 * with --report-unused-disable-directives, the same unused-directive reports for closewait rules.
 */
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../../src/index.js';
import { UNUSED_DIRECTIVE_RULE } from '../../../src/cli/analyse.js';
import { getRuleCatalog } from '../../../src/cli/rule-catalog.js';
import { run } from '../../../src/cli/run.js';
import { repoRoot } from '../helpers.js';

interface Row {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

interface Lint {
  reported: Row[];
  suppressed: (Row & { justifications: string[] })[];
}

const byPosition = (a: Row, b: Row) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));

/** ESLint with every closewait rule on, typed by each file's tsconfig, reporting unused directives; rows that concern closewait only. */
async function lintWithEslint(dir: string, tsconfigs: readonly string[]): Promise<Lint> {
  const rules: Linter.RulesRecord = Object.fromEntries(getRuleCatalog().map((rule) => [`closewait/${rule.id}`, 'error']));
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: { project: tsconfigs, tsconfigRootDir: dir } },
        linterOptions: { reportUnusedDisableDirectives: 'error' },
        plugins: { closewait: plugin as unknown as ESLint.Plugin },
        rules,
      },
    ],
  });
  const results = await eslint.lintFiles(['.']);
  const rows = (result: ESLint.LintResult, message: Linter.LintMessage) => ({
    file: path.relative(dir, result.filePath).split(path.sep).join('/'),
    line: message.line,
    column: message.column,
    rule: message.ruleId ?? UNUSED_DIRECTIVE_RULE,
    message: message.message,
  });
  const concernsClosewait = (row: Row) => row.rule.startsWith('closewait/') || (row.rule === UNUSED_DIRECTIVE_RULE && row.message.includes("'closewait/"));
  return {
    reported: results.flatMap((result) => result.messages.map((message) => rows(result, message))).filter(concernsClosewait).sort(byPosition),
    suppressed: results
      .flatMap((result) => result.suppressedMessages.map((message) => ({ ...rows(result, message), justifications: message.suppressions.map((suppression) => suppression.justification) })))
      .filter(concernsClosewait)
      .sort(byPosition),
  };
}

function runCli(dir: string): Lint {
  const result = run({ cwd: dir, rules: getRuleCatalog().map((rule) => rule.id), reportUnusedDisableDirectives: true });
  expect(result.errors).toEqual([]);
  const toRow = (finding: { file: string; line: number; column: number; ruleId: string; message: string }): Row => ({
    file: finding.file,
    line: finding.line,
    column: finding.column,
    rule: finding.ruleId === UNUSED_DIRECTIVE_RULE ? UNUSED_DIRECTIVE_RULE : `closewait/${finding.ruleId}`,
    message: finding.message,
  });
  return {
    reported: result.findings.map(toRow).sort(byPosition),
    suppressed: result.suppressedInSource.map((finding) => ({ ...toRow(finding), justifications: [...finding.justifications] })).sort(byPosition),
  };
}

describe.each([
  ['directive forms', path.join(repoRoot, 'test', 'fixtures', 'directives'), ['./tsconfig.json']],
  ['the example monorepo', path.join(repoRoot, 'test', 'fixtures', 'monorepo'), ['./packages/*/tsconfig.json']],
])('%s', (_name, dir, tsconfigs) => {
  it('the CLI reports, silences and flags unused directives exactly as ESLint does', async () => {
    const eslint = await lintWithEslint(dir, tsconfigs);
    const cli = runCli(dir);
    expect(cli.reported).toEqual(eslint.reported);
    expect(cli.suppressed).toEqual(eslint.suppressed);
    expect(eslint.suppressed.length).toBeGreaterThan(0);
  });
});
