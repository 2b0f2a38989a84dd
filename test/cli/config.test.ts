import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig, validateConfig } from '../../src/cli/config.js';
import { ClosewaitError } from '../../src/cli/errors.js';
import { getRuleCatalog } from '../../src/cli/rule-catalog.js';
import { getRuleOptions, selectRules } from '../../src/cli/rule-selection.js';
import { configs } from '../../src/index.js';
import { fixture } from './helpers.js';

const catalog = getRuleCatalog();
const leakRule = catalog.find((rule) => rule.id === 'no-leaked-socket')!;
const poolResource = { type: { from: 'file', name: 'Pool' }, release: ['close'] } as const;

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scratch directory holding `files` (with a package.json so the upward search stops there). */
function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'closewait-config-'));
  temporary.push(dir);
  for (const [name, text] of Object.entries({ 'package.json': '{}', ...files })) writeFileSync(path.join(dir, name), text);
  return dir;
}

function getError(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ClosewaitError);
    return (error as Error).message;
  }
  throw new Error('expected a ClosewaitError');
}

describe('finding and loading the config', () => {
  it('uses closewait.config.json', () => {
    const loaded = loadConfig(fixture('config-file'), undefined, catalog);
    expect(loaded.file).toBe(fixture('config-file', 'closewait.config.json'));
    expect(loaded.config).toEqual({ resources: [poolResource] });
  });

  it('uses the closewait key of package.json', () => {
    const loaded = loadConfig(fixture('package-config'), undefined, catalog);
    expect(loaded.file).toBe(fixture('package-config', 'package.json'));
    expect(loaded.config).toEqual({ rules: { 'no-leaked-socket': { resources: [poolResource] } } });
  });

  it('searches upward from a subdirectory, and stops at the package root', () => {
    expect(findConfigFile(fixture('config-file', 'src'))).toBe(fixture('config-file', 'closewait.config.json'));
    expect(findConfigFile(scratch({}))).toBeUndefined();
  });

  it('has no config when there is none', () => {
    expect(loadConfig(scratch({}), undefined, catalog)).toEqual({ file: undefined, config: {} });
  });

  it('loads --config, and says so when it is missing', () => {
    const dir = scratch({ 'other.json': '{ "presets": ["clients"] }' });
    expect(loadConfig(dir, 'other.json', catalog).config).toEqual({ presets: ['clients'] });
    expect(getError(() => loadConfig(dir, 'nope.json', catalog))).toBe('config file not found: nope.json');
  });

  it('points at broken JSON', () => {
    const dir = scratch({ 'closewait.config.json': '{\n  "presets": ["clients"]\n  "rules": {}\n}\n' });
    expect(getError(() => loadConfig(dir, undefined, catalog))).toMatch(/^closewait\.config\.json:3:3: invalid JSON: /);
  });
});

describe('validating the config', () => {
  it('reports every problem of the invalid-config fixture in one message', () => {
    expect(getError(() => loadConfig(fixture('invalid-config'), undefined, catalog))).toBe(
      'closewait.config.json: invalid config: presets[1]: must be one of "clients"; ' +
        'rules["no-leaked-socket"].resources[0].type: missing property "package"; ' +
        'rules["no-leaked-socket"].resources[0].release: must NOT have fewer than 1 items; ' +
        'rules["no-such-rule"]: unknown rule (known rules: ' + catalog.map((rule) => rule.id).join(', ') + ')',
    );
  });

  it.each([
    [[], 'must be a JSON object'],
    [{ resource: [] }, 'unknown property "resource" (allowed: $schema, extends, rules, resources, presets, borrowingFunctions)'],
    [{ rules: [] }, 'rules: must be an object from rule id to "off", "on" or an options object'],
    [{ rules: { 'no-leaked-socket': 'error' } }, 'rules["no-leaked-socket"]: must be "off", "on" or an options object'],
    [{ rules: { 'no-leaked-socket': { checkEverything: true } } }, 'rules["no-leaked-socket"]: unknown property "checkEverything"'],
    [{ resources: [{ type: { from: 'npm', package: 'pg', name: 'Client' }, release: ['end'] }] }, 'resources[0].type.from: must be one of "package", "file", "lib"'],
    [{ resources: [{ type: { from: 'file', name: 'Pool', package: 'x' }, release: ['close'] }] }, 'resources[0].type: unknown property "package"'],
    [{ resources: [{ type: 'pg', release: ['end'] }] }, 'resources[0].type: must be object'],
    [{ borrowingFunctions: [{ from: 'lib', name: 42 }] }, 'borrowingFunctions[0].name: must be string'],
  ])('explains %j', (config, problem) => {
    expect(getError(() => validateConfig(config, 'cfg', catalog))).toContain(`cfg: invalid config: ${problem}`);
  });

  it('accepts every documented shape', () => {
    const config = {
      $schema: 'https://example.com/any-schema.json',
      presets: ['clients'],
      resources: [poolResource, { type: { from: 'package', package: 'pg', name: ['Client', 'PoolClient'] }, release: ['end', 'release'] }],
      borrowingFunctions: [{ from: 'package', package: 'my-logger', name: 'logSocket' }],
      rules: { 'no-leaked-socket': 'on' },
    };
    expect(validateConfig(config, 'cfg', catalog)).toBe(config);
    expect(validateConfig({ extends: 'strict' }, 'cfg', catalog)).toEqual({ extends: 'strict' });
    expect(validateConfig({ extends: 'recommended' }, 'cfg', catalog)).toEqual({ extends: 'recommended' });
  });

  it('takes only the names of the rule sets in "extends"', () => {
    expect(getError(() => validateConfig({ extends: './base.json' }, 'cfg', catalog))).toBe('cfg: invalid config: extends: must be one of "recommended", "strict"');
  });
});

describe('selecting rules', () => {
  const ids = (selected: ReturnType<typeof selectRules>) => selected.map(({ rule }) => rule.id);

  it('runs the recommended rules by default', () => {
    expect(ids(selectRules(catalog, {}, { only: [], ignore: [] }))).toEqual(catalog.filter((rule) => rule.recommended).map((rule) => rule.id));
  });

  it('lets --rule override an "off" in the config, and --ignore-rule win over both', () => {
    const allIds = catalog.map((rule) => rule.id);
    const config = { rules: Object.fromEntries(allIds.map((id) => [id, 'off' as const])) };
    expect(getError(() => selectRules(catalog, config, { only: [], ignore: [] }))).toBe('no rules left to run (check --rule, --ignore-rule and the config file)');
    expect(ids(selectRules(catalog, config, { only: ['no-leaked-socket'], ignore: [] }))).toEqual(['no-leaked-socket']);
    expect(getError(() => selectRules(catalog, {}, { only: ['no-leaked-socket'], ignore: ['no-leaked-socket'] }))).toMatch(/^no rules left/);
    expect(getError(() => selectRules(catalog, {}, { only: [], ignore: allIds }))).toMatch(/^no rules left/);
  });

  it('turns a rule off, or a rule that is not recommended on, from the config', () => {
    const recommended = ids(selectRules(catalog, {}, { only: [], ignore: [] }));
    expect(ids(selectRules(catalog, { rules: { 'no-leaked-socket': 'off' } }, { only: [], ignore: [] }))).toEqual(recommended.filter((id) => id !== 'no-leaked-socket'));
    const optIn = catalog.find((rule) => !rule.recommended);
    if (optIn) expect(ids(selectRules(catalog, { rules: { [optIn.id]: 'on' } }, { only: [], ignore: [] }))).toContain(optIn.id);
  });

  it('runs the rules of ESLint\'s configs.strict, with its options, for "extends": "strict"', () => {
    const selected = selectRules(catalog, { extends: 'strict' }, { only: [], ignore: [] });
    // ESLint's entries are 'error' or ['error', options]: the CLI's options are the rule's defaults with strict's on top.
    const eslint = Object.entries(configs.strict.rules).map(([id, entry]) => [id.replace(/^closewait\//, ''), Array.isArray(entry) ? entry[1] : {}] as const);
    expect(ids(selected)).toEqual(eslint.map(([id]) => id).sort());
    for (const [id, options] of eslint) expect(selected.find(({ rule }) => rule.id === id)!.options).toMatchObject(options as object);
    expect(getRuleOptions(leakRule, { extends: 'strict' })).toMatchObject({ checkThrowingCalls: true });
    expect(getRuleOptions(leakRule, { extends: 'recommended' })).toMatchObject({ checkThrowingCalls: false });
    expect(ids(selectRules(catalog, { extends: 'recommended' }, { only: [], ignore: [] }))).toEqual(ids(selectRules(catalog, {}, { only: [], ignore: [] })));
  });

  it('lets a rule\'s own options win over the strict set\'s', () => {
    expect(getRuleOptions(leakRule, { extends: 'strict', rules: { 'no-leaked-socket': { checkThrowingCalls: false } } })).toMatchObject({ checkThrowingCalls: false });
  });

  it('rejects unknown rule ids with the list of known ones', () => {
    expect(getError(() => selectRules(catalog, {}, { only: ['no-leak'], ignore: [] }))).toBe(
      `unknown rule 'no-leak' in --rule (known rules: ${catalog.map((rule) => rule.id).join(', ')})`,
    );
    expect(getError(() => selectRules(catalog, {}, { only: [], ignore: ['x', 'y'] }))).toMatch(/^unknown rule 'x', 'y' in --ignore-rule/);
  });

  it("merges the rule's defaults, the shared options and the rule's own, adding up lists", () => {
    const pg = { type: { from: 'package', package: 'pg', name: 'Client' }, release: ['end'] } as const;
    const options = getRuleOptions(leakRule, { presets: ['clients'], resources: [pg], rules: { 'no-leaked-socket': { presets: ['clients'], resources: [poolResource] } } });
    expect(options).toEqual({ resources: [pg, poolResource], presets: ['clients'], borrowingFunctions: [], checkThrowingCalls: false });
  });
});
