/** Flat configs derived from each rule's `meta.docs`: a test keeps them in agreement. */
import type { TSESLint } from '@typescript-eslint/utils';
import { rules, type RuleId } from '../../rules/index.js';
import type { Options as ConsumeResponseBodyOptions } from '../../rules/consume-response-body.js';
import type { Options as EndHalfOpenSocketOptions } from '../../rules/end-half-open-socket.js';
import type { Options as NoLeakedSocketOptions } from '../../rules/no-leaked-socket.js';

type RuleEntries = Record<string, TSESLint.FlatConfig.RuleEntry>;

/**
 * Options `strict` passes to rules whose opt-in checks are options rather than rules (typed by each
 * rule's `Options`). The CLI's `"extends": "strict"` applies the same options.
 */
export const strictRuleOptions: Partial<Record<RuleId, readonly unknown[]>> = {
  'end-half-open-socket': [{ requireFinWaitTimeout: true }] satisfies EndHalfOpenSocketOptions,
  'no-leaked-socket': [{ checkThrowingCalls: true }] satisfies NoLeakedSocketOptions,
  'consume-response-body': [{ checkThrowingCalls: true }] satisfies ConsumeResponseBodyOptions,
};

function ruleEntries(
  include: (docs: { recommended: boolean; strict?: boolean }) => boolean,
  options: Partial<Record<string, readonly unknown[]>> = {},
): RuleEntries {
  const entries: RuleEntries = {};
  for (const [id, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs as { recommended: boolean; strict?: boolean };
    if (!include(docs)) continue;
    const ruleOptions = options[id];
    entries[`closewait/${id}`] = ruleOptions ? ['error', ...ruleOptions] : 'error';
  }
  return entries;
}

/** One of the plugin's flat configs: its name, the plugin registered as `closewait`, and rule entries. */
export interface ClosewaitFlatConfig<Plugin> {
  readonly name: string;
  readonly plugins: { readonly closewait: Plugin };
  readonly rules: RuleEntries;
}

/**
 * `recommended`: the rules whose findings are bugs on any code base. `strict`: also the opt-in
 * rules, and the opt-in checks of recommended rules (`strictRuleOptions`). Generic in the plugin's
 * type, so the configs carry the plugin's own exported type (which ESLint's `Plugin` accepts).
 */
export function createConfigs<Plugin>(plugin: Plugin): { readonly recommended: ClosewaitFlatConfig<Plugin>; readonly strict: ClosewaitFlatConfig<Plugin> } {
  return {
    recommended: {
      name: 'closewait/recommended',
      plugins: { closewait: plugin },
      rules: ruleEntries((docs) => docs.recommended),
    },
    strict: {
      name: 'closewait/strict',
      plugins: { closewait: plugin },
      rules: ruleEntries((docs) => docs.recommended || docs.strict === true, strictRuleOptions),
    },
  };
}
