/** A typed RuleTester rooted at test/fixtures/rules (real tsconfig, real @types/node). */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'rules');

/** test/fixtures/deno: `types: ["deno"]`, no @types/node. */
export const denoFixturesDir = path.join(fixturesDir, '..', 'deno');

export function createRuleTester(rootDir: string = fixturesDir): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
        tsconfigRootDir: rootDir,
      },
    },
  });
}

/**
 * Runs a rule's tests. rule-tester 8.72 carries its own copy of @typescript-eslint/utils 8.72,
 * whose RuleModule type differs nominally from the 8.73 one our rules are built with.
 */
export function runRuleTests<MessageIds extends string, Options extends readonly unknown[]>(
  name: string,
  rule: TSESLint.RuleModule<MessageIds, Options, unknown>,
  tests: RunTests<MessageIds, Options>,
  rootDir: string = fixturesDir,
): void {
  createRuleTester(rootDir).run(name, rule as never, tests);
}
