/**
 * What the CLI needs to know about each rule, read from the rule modules' `meta` (the same record
 * the ESLint plugin exports), so a new rule shows up in the CLI without touching it.
 */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { rules } from '../../rules/index.js';
import type { CheckId } from '../engine/index.js';
import { strictRuleOptions } from '../eslint/configs.js';
import { compareStrings } from './compare.js';

export interface RuleMeta {
  readonly id: CheckId;
  readonly description: string;
  readonly helpUri: string;
  /** In the recommended set, which the CLI runs by default. */
  readonly recommended: boolean;
  /** In the strict set (`"extends": "strict"`, ESLint's `configs.strict`): the recommended rules and the opt-in ones. */
  readonly strict: boolean;
  /** The options the strict set gives the rule (its opt-in checks), or `{}`. */
  readonly strictOptions: Readonly<Record<string, unknown>>;
  readonly type: 'problem' | 'suggestion' | 'layout';
  readonly messages: Readonly<Record<string, string>>;
  /** JSON schema of the rule's options object (the first element of `meta.schema`), if it takes one. */
  readonly optionsSchema: JSONSchema4 | undefined;
  readonly defaultOptions: Readonly<Record<string, unknown>>;
}

interface LooseRule {
  readonly meta: {
    readonly type: RuleMeta['type'];
    readonly docs?: { readonly description?: string; readonly recommended?: boolean; readonly strict?: boolean; readonly url?: string };
    readonly messages: Readonly<Record<string, string>>;
    readonly schema?: JSONSchema4 | readonly JSONSchema4[];
    readonly defaultOptions?: readonly unknown[];
  };
  readonly defaultOptions?: readonly unknown[];
}

/** Every rule of the plugin, sorted by id. Rule ids are the engine's check ids. */
export function getRuleCatalog(): RuleMeta[] {
  return Object.entries(rules as Record<string, LooseRule>)
    .map(([id, rule]) => toRuleMeta(id, rule))
    .sort((a, b) => compareStrings(a.id, b.id));
}

function toRuleMeta(id: string, rule: LooseRule): RuleMeta {
  const { meta } = rule;
  const schema = Array.isArray(meta.schema) ? (meta.schema as readonly JSONSchema4[])[0] : (meta.schema as JSONSchema4 | undefined);
  const defaults = (meta.defaultOptions ?? rule.defaultOptions ?? [])[0];
  const strictOptions = (strictRuleOptions as Partial<Record<string, readonly unknown[]>>)[id]?.[0];
  return {
    id: id as CheckId,
    description: meta.docs?.description ?? id,
    helpUri: meta.docs?.url ?? '',
    recommended: meta.docs?.recommended === true,
    strict: meta.docs?.recommended === true || meta.docs?.strict === true,
    strictOptions: isPlainObject(strictOptions) ? strictOptions : {},
    type: meta.type,
    messages: meta.messages,
    optionsSchema: schema,
    defaultOptions: isPlainObject(defaults) ? defaults : {},
  };
}

/** A JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
