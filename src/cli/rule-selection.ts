/**
 * Which rules run and with which engine options: the recommended rules by default, changed by the
 * config file (`off` / `on` / options) and then by `--rule` / `--ignore-rule`, which win.
 */
import type { EngineOptions } from '../engine/index.js';
import type { ClosewaitConfig } from './config.js';
import { sharedOptionSchemas } from './config.js';
import { ClosewaitError } from './errors.js';
import { isPlainObject, type RuleMeta } from './rule-catalog.js';

export interface SelectedRule {
  readonly rule: RuleMeta;
  readonly options: EngineOptions;
}

export interface RuleFlags {
  /** Run only these (`--rule`); empty: decide from the config and the recommended set. */
  readonly only: readonly string[];
  readonly ignore: readonly string[];
}

/** The rules to run, in catalog order; throws on an unknown id or when nothing is left to run. */
export function selectRules(catalog: readonly RuleMeta[], config: ClosewaitConfig, flags: RuleFlags): SelectedRule[] {
  assertKnownRules(catalog, flags.only, '--rule');
  assertKnownRules(catalog, flags.ignore, '--ignore-rule');
  const selected = catalog
    .filter((rule) => (flags.only.length > 0 ? flags.only.includes(rule.id) : isEnabledByConfig(rule, config)))
    .filter((rule) => !flags.ignore.includes(rule.id));
  if (selected.length === 0) throw new ClosewaitError('no rules left to run (check --rule, --ignore-rule and the config file)');
  return selected.map((rule) => ({ rule, options: getRuleOptions(rule, config) }));
}

function assertKnownRules(catalog: readonly RuleMeta[], ids: readonly string[], flag: string): void {
  const unknown = ids.filter((id) => !catalog.some((rule) => rule.id === id));
  if (unknown.length > 0) {
    throw new ClosewaitError(`unknown rule ${unknown.map((id) => `'${id}'`).join(', ')} in ${flag} (known rules: ${catalog.map((rule) => rule.id).join(', ')})`);
  }
}

function isEnabledByConfig(rule: RuleMeta, config: ClosewaitConfig): boolean {
  const setting = config.rules?.[rule.id];
  if (setting === undefined) return config.extends === 'strict' ? rule.strict : rule.recommended;
  return setting !== 'off';
}

/**
 * The rule's defaults, then the strict set's options (with `"extends": "strict"`), then the shared
 * options it accepts, then its own: arrays add up, other values replace.
 */
export function getRuleOptions(rule: RuleMeta, config: ClosewaitConfig): EngineOptions {
  const properties = (rule.optionsSchema as { properties?: unknown } | undefined)?.properties;
  const accepted = Object.keys(isPlainObject(properties) ? properties : {});
  const shared = Object.fromEntries(
    Object.keys(sharedOptionSchemas)
      .filter((key) => accepted.includes(key) && (config as Record<string, unknown>)[key] !== undefined)
      .map((key) => [key, (config as Record<string, unknown>)[key]]),
  );
  const own = config.rules?.[rule.id];
  const base = config.extends === 'strict' ? mergeOptions(rule.defaultOptions, rule.strictOptions) : rule.defaultOptions;
  return mergeOptions(mergeOptions(base, shared), isPlainObject(own) ? own : {}) as EngineOptions;
}

function mergeOptions(base: Readonly<Record<string, unknown>>, extra: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const previous = merged[key];
    merged[key] = Array.isArray(previous) && Array.isArray(value) ? getUnion(previous as unknown[], value as unknown[]) : value;
  }
  return merged;
}

/** Both lists, without repeating an entry that is in both (`presets: ['clients']` twice). */
function getUnion(first: readonly unknown[], second: readonly unknown[]): unknown[] {
  const seen = new Set(first.map((item) => JSON.stringify(item)));
  return [...first, ...second.filter((item) => !seen.has(JSON.stringify(item)))];
}
