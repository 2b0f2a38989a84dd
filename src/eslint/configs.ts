/** Flat configs derived from each rule's `meta.docs`: a test keeps them in agreement. */
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../../rules/index.js';

type RuleEntries = Record<string, TSESLint.FlatConfig.RuleLevel>;

function ruleEntries(include: (docs: { recommended: boolean; strict?: boolean }) => boolean): RuleEntries {
  const entries: RuleEntries = {};
  for (const [id, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs as { recommended: boolean; strict?: boolean };
    if (include(docs)) entries[`closewait/${id}`] = 'error';
  }
  return entries;
}

/** `recommended`: the rules whose findings are bugs on any code base. `strict`: also the opt-in checks. */
export function createConfigs(plugin: TSESLint.FlatConfig.Plugin) {
  return {
    recommended: {
      name: 'closewait/recommended',
      plugins: { closewait: plugin },
      rules: ruleEntries((docs) => docs.recommended),
    },
    strict: {
      name: 'closewait/strict',
      plugins: { closewait: plugin },
      rules: ruleEntries((docs) => docs.recommended || docs.strict === true),
    },
  } satisfies Record<string, TSESLint.FlatConfig.Config>;
}
