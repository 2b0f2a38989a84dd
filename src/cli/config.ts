/**
 * The config file: `closewait.config.json`, or the `closewait` key of package.json, found from the
 * working directory up to the package root, or named with `--config`. It holds engine options
 * shared by every rule (custom resource types, presets, borrowing functions), the rule set it starts
 * from (`extends`: recommended or strict) and per-rule settings.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { CustomResource, PresetName, TypeSpecifier } from '../engine/index.js';
import { borrowingFunctionsSchema, presetsSchema, resourcesSchema } from '../eslint/schemas.js';
import { ClosewaitError } from './errors.js';
import { readJsonFile } from './json-file.js';
import { findUp } from './find-up.js';
import { isPlainObject, type RuleMeta } from './rule-catalog.js';
import { getSchemaErrors } from './schema-errors.js';

/** `off` disables a rule, `on` enables it with its defaults, an object enables it with these options. */
export type RuleSetting = 'off' | 'on' | Readonly<Record<string, unknown>>;

/** The rule set a config starts from, named as the ESLint plugin's configs are. */
export type ConfigBase = 'recommended' | 'strict';

export interface ClosewaitConfig {
  /** `strict`: also the opt-in rules and checks, as ESLint's `configs.strict`; default `recommended`. */
  readonly extends?: ConfigBase;
  readonly resources?: readonly CustomResource[];
  readonly presets?: readonly PresetName[];
  readonly borrowingFunctions?: readonly TypeSpecifier[];
  readonly rules?: Readonly<Record<string, RuleSetting>>;
}

export interface LoadedConfig {
  /** Absolute path of the file it came from; undefined when there is none. */
  readonly file: string | undefined;
  readonly config: ClosewaitConfig;
}

export const CONFIG_FILE_NAME = 'closewait.config.json';

/** Options shared by every rule, with the schemas they are checked against. */
export const sharedOptionSchemas: Readonly<Record<string, JSONSchema4>> = {
  resources: resourcesSchema,
  presets: presetsSchema,
  borrowingFunctions: borrowingFunctionsSchema,
};

const extendsSchema: JSONSchema4 = { type: 'string', enum: ['recommended', 'strict'] };

/** Find and load the config for `cwd`, or load `explicitFile`; validated against the rules in `catalog`. */
export function loadConfig(cwd: string, explicitFile: string | undefined, catalog: readonly RuleMeta[]): LoadedConfig {
  const file = explicitFile === undefined ? findConfigFile(cwd) : path.resolve(cwd, explicitFile);
  if (file === undefined) return { file: undefined, config: {} };
  const label = path.relative(cwd, file) || file;
  if (explicitFile !== undefined && !existsSync(file)) throw new ClosewaitError(`config file not found: ${label}`);
  const json = readJsonFile(file, label);
  const isPackageJson = path.basename(file) === 'package.json';
  const raw = isPackageJson && isPlainObject(json) ? (json['closewait'] ?? {}) : json;
  const where = isPackageJson ? `${label} "closewait"` : label;
  return { file, config: validateConfig(raw, where, catalog) };
}

/** The nearest closewait.config.json, or package.json with a `closewait` key, from `cwd` up to the package root. */
export function findConfigFile(cwd: string): string | undefined {
  return findUp(cwd, (dir) => {
    const configFile = path.join(dir, CONFIG_FILE_NAME);
    if (existsSync(configFile)) return configFile;
    const packageFile = path.join(dir, 'package.json');
    if (!existsSync(packageFile)) return undefined;
    const json = readJsonFile(packageFile, packageFile);
    return isPlainObject(json) && 'closewait' in json ? packageFile : undefined;
  });
}

/** Check `value` is a config for these rules; throws one ClosewaitError listing every problem. */
export function validateConfig(value: unknown, where: string, catalog: readonly RuleMeta[]): ClosewaitConfig {
  const problems = getConfigProblems(value, catalog);
  if (problems.length > 0) throw new ClosewaitError(`${where}: invalid config: ${problems.join('; ')}`);
  return value as ClosewaitConfig;
}

function getConfigProblems(value: unknown, catalog: readonly RuleMeta[]): string[] {
  if (!isPlainObject(value)) return ['must be a JSON object'];
  const problems: string[] = [];
  const allowed = ['$schema', 'extends', 'rules', ...Object.keys(sharedOptionSchemas)];
  for (const [key, option] of Object.entries(value)) {
    const schema = key === 'extends' ? extendsSchema : sharedOptionSchemas[key];
    if (schema) problems.push(...getSchemaErrors(schema, option, key));
    else if (!allowed.includes(key)) problems.push(`unknown property ${JSON.stringify(key)} (allowed: ${allowed.join(', ')})`);
  }
  if ('rules' in value) problems.push(...getRulesProblems(value['rules'], catalog));
  return problems;
}

function getRulesProblems(rules: unknown, catalog: readonly RuleMeta[]): string[] {
  if (!isPlainObject(rules)) return ['rules: must be an object from rule id to "off", "on" or an options object'];
  const problems: string[] = [];
  for (const [id, setting] of Object.entries(rules)) {
    const where = `rules[${JSON.stringify(id)}]`;
    const rule = catalog.find((candidate) => candidate.id === id);
    if (!rule) problems.push(`${where}: unknown rule (known rules: ${catalog.map((known) => known.id).join(', ')})`);
    else if (setting === 'off' || setting === 'on') continue;
    else if (!isPlainObject(setting)) problems.push(`${where}: must be "off", "on" or an options object`);
    else if (!rule.optionsSchema) problems.push(`${where}: this rule takes no options`);
    else problems.push(...getSchemaErrors(rule.optionsSchema, setting, where));
  }
  return problems;
}
