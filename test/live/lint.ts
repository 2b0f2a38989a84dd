/**
 * Lints the live reproduction programs as fixtures: the real ESLint class, typescript-eslint's parser
 * with type information (test/live/tsconfig.json, the programs' own project) and the plugin's
 * `recommended` config, so a bad program must be reported by its rule and by no other closewait rule.
 */
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { expect } from 'vitest';
import plugin from '../../src/index.js';
import { rules } from '../../rules/index.js';
import { liveDir } from './harness.js';

const tsconfigPath = path.join(liveDir, 'tsconfig.json');

export interface LintFinding {
  readonly ruleId: string | null;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly fatal: boolean;
}

/** Whether `closewait/<id>` is registered in rules/index.ts. */
export function isRuleRegistered(id: string): boolean {
  return Object.hasOwn(rules, id);
}

/** An ESLint instance with the recommended config, plus `ruleOverrides` (rule options of an opt-in check). */
export function createLiveESLint(ruleOverrides: Linter.RulesRecord = {}): ESLint {
  return new ESLint({
    cwd: liveDir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tsParser as Linter.Parser,
          parserOptions: { project: tsconfigPath, tsconfigRootDir: liveDir },
        },
      },
      plugin.configs.recommended as unknown as Linter.Config,
      { files: ['**/*.ts'], rules: ruleOverrides },
    ],
  });
}

/** The lint messages of one program (a path relative to test/live). */
export async function lintProgram(eslint: ESLint, program: string): Promise<LintFinding[]> {
  const [result] = await eslint.lintFiles([path.join(liveDir, program)]);
  return (result?.messages ?? []).map((message) => ({
    ruleId: message.ruleId,
    line: message.line,
    column: message.column,
    message: message.message,
    fatal: message.fatal === true,
  }));
}

/** One line per message, for assertion output. */
export function formatFindings(program: string, findings: readonly LintFinding[]): string {
  if (findings.length === 0) return `${program}: (no messages)`;
  return findings
    .map((f) => `${program}:${f.line}:${f.column} ${f.ruleId ?? '(fatal)'} ${f.message}`)
    .join('\n');
}

const eslintByConfig = new Map<string, ESLint>();

/** One ESLint instance per rule configuration (each builds its own typed program), reused across tests. */
function getLiveESLint(ruleId: string, ruleOptions: Record<string, unknown> | undefined): ESLint {
  const entry: Linter.RuleEntry = ruleOptions ? ['error', ruleOptions] : 'error';
  const key = JSON.stringify([ruleId, entry]);
  let eslint = eslintByConfig.get(key);
  if (!eslint) {
    eslint = createLiveESLint({ [`closewait/${ruleId}`]: entry });
    eslintByConfig.set(key, eslint);
  }
  return eslint;
}

function expectRegistered(ruleId: string, programs: readonly string[]): void {
  expect(
    isRuleRegistered(ruleId),
    `closewait/${ruleId} is not registered in rules/index.ts: its live programs (${programs.join(', ')}) cannot be linted yet`,
  ).toBe(true);
}

/**
 * Asserts, in one go, that `bad` is reported by `closewait/<ruleId>` and by no other rule, and that
 * `good` is reported by nothing: both linted with the recommended config, the rule under test
 * switched on (with `ruleOptions` for an opt-in check).
 */
export async function expectLintPair(ruleId: string, bad: string, good: string, ruleOptions?: Record<string, unknown>): Promise<void> {
  expectRegistered(ruleId, [bad, good]);
  const eslint = getLiveESLint(ruleId, ruleOptions);
  const badFindings = await lintProgram(eslint, bad);
  const goodFindings = await lintProgram(eslint, good);
  const details = `${formatFindings(bad, badFindings)}\n${formatFindings(good, goodFindings)}`;
  expect(badFindings.filter((finding) => finding.fatal), details).toEqual([]);
  expect(badFindings.length, `${bad} must be reported by closewait/${ruleId}\n${details}`).toBeGreaterThan(0);
  expect([...new Set(badFindings.map((finding) => finding.ruleId))], details).toEqual([`closewait/${ruleId}`]);
  expect(goodFindings, details).toEqual([]);
}

/** Asserts that `program` (a helper of a pair, such as a forked worker) is reported by nothing. */
export async function expectLintClean(ruleId: string, program: string): Promise<void> {
  expectRegistered(ruleId, [program]);
  const findings = await lintProgram(getLiveESLint(ruleId, undefined), program);
  expect(findings, formatFindings(program, findings)).toEqual([]);
}
