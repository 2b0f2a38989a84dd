/**
 * Package-level checks (eslint-plugin-unicorn's test/package.js): one id, three files; every rule
 * exported; meta complete; configs agree with `meta.docs`; docs pages share one outline; the engine
 * stays free of ESLint and ts-morph.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { docsUrl } from '../../src/eslint/create-rule.js';
import { rules } from '../../rules/index.js';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const packageJson = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

const ruleIds = Object.keys(rules).sort();

interface Docs {
  description?: string;
  recommended?: boolean;
  strict?: boolean;
  requiresTypeChecking?: boolean;
  url?: string;
}
const getDocs = (id: string): Docs => (rules[id as keyof typeof rules].meta.docs ?? {}) as Docs;

type SchemaNode = Readonly<Record<string, unknown>>;
const isSchemaNode = (value: unknown): value is SchemaNode => typeof value === 'object' && value !== null;

/** Paths (from `where`) of schema properties that lack a `description`, searched through nested schemas. */
function getUndescribedProperties(schema: unknown, where: string): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, index) => getUndescribedProperties(item, `${where}[${index}]`));
  if (!isSchemaNode(schema)) return [];
  const missing: string[] = [];
  const properties = isSchemaNode(schema['properties']) ? schema['properties'] : {};
  for (const [name, property] of Object.entries(properties)) {
    const description = isSchemaNode(property) ? property['description'] : undefined;
    if (typeof description !== 'string' || description === '') missing.push(`${where}.properties.${name}`);
    missing.push(...getUndescribedProperties(property, `${where}.properties.${name}`));
  }
  for (const key of ['items', 'additionalItems', 'oneOf', 'anyOf', 'allOf', 'not', 'additionalProperties']) {
    missing.push(...getUndescribedProperties(schema[key], `${where}.${key}`));
  }
  for (const key of ['definitions', '$defs']) {
    const definitions = isSchemaNode(schema[key]) ? schema[key] : {};
    for (const [name, definition] of Object.entries(definitions)) {
      missing.push(...getUndescribedProperties(definition, `${where}.${key}.${name}`));
    }
  }
  return missing;
}

function hasOptions(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.length > 0;
  if (!isSchemaNode(schema)) return false;
  // An object schema describes the whole options array; `{ type: 'array', items: [] }` means none.
  return !(schema['type'] === 'array' && Array.isArray(schema['items']) && schema['items'].length === 0);
}

/** Headings (`#`…`######`) of a Markdown page, outside fenced code blocks. */
function getHeadings(markdown: string): { level: number; text: string }[] {
  const headings: { level: number; text: string }[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/u.exec(line)?.[1];
    if (marker !== undefined) {
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/u.exec(line);
    if (heading) headings.push({ level: heading[1]!.length, text: heading[2]! });
  }
  return headings;
}

describe('rules', () => {
  it('has at least one rule', () => {
    expect(ruleIds.length).toBeGreaterThan(0);
  });

  it('exports every module in rules/', () => {
    const files = readdirSync(path.join(rootDir, 'rules'))
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && !file.endsWith('.d.ts'))
      .map((file) => file.slice(0, -'.ts'.length))
      .sort();
    expect(ruleIds).toEqual(files);
  });

  it('has a rule for every docs page', () => {
    const pages = readdirSync(path.join(rootDir, 'docs', 'rules'))
      .filter((file) => file.endsWith('.md'))
      .map((file) => file.slice(0, -'.md'.length));
    expect(pages.filter((page) => !ruleIds.includes(page))).toEqual([]);
  });

  it('has a test file for every rule and no test file without a rule', () => {
    const testDir = path.join(rootDir, 'test', 'rules');
    const tests = existsSync(testDir)
      ? readdirSync(testDir)
          .filter((file) => file.endsWith('.test.ts'))
          .map((file) => file.slice(0, -'.test.ts'.length))
      : [];
    expect(tests.filter((id) => !ruleIds.includes(id))).toEqual([]);
  });
});

describe.each(ruleIds)('rule %s', (id) => {
  const rule = rules[id as keyof typeof rules];
  const docs = getDocs(id);

  it.each([`rules/${id}.ts`, `docs/rules/${id}.md`, `test/rules/${id}.test.ts`])('has %s', (file) => {
    expect(existsSync(path.join(rootDir, file)), `${file} is missing`).toBe(true);
  });

  it('is the default export of its module', async () => {
    const modulePath = path.join(rootDir, 'rules', `${id}.ts`);
    const module = (await import(/* @vite-ignore */ modulePath)) as { default: unknown };
    expect(module.default).toBe(rule);
  });

  it('has a description without a trailing period', () => {
    expect(docs.description).toBeTypeOf('string');
    expect(docs.description?.trim()).not.toBe('');
    expect(docs.description).not.toMatch(/\.\s*$/u);
  });

  it('links to its docs page', () => {
    expect(docs.url).toBe(docsUrl(id));
  });

  it('requires type checking and says whether it is recommended', () => {
    expect(docs.requiresTypeChecking).toBe(true);
    expect(docs.recommended).toBeTypeOf('boolean');
    if (docs.strict !== undefined) expect(docs.strict).toBeTypeOf('boolean');
    expect(docs.recommended === true && docs.strict === true, '`strict: true` implies `recommended: false`').toBe(false);
  });

  it('has a type and messages', () => {
    expect(['problem', 'suggestion', 'layout']).toContain(rule.meta.type);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
  });

  it('describes every schema property', () => {
    expect(getUndescribedProperties(rule.meta.schema, 'schema')).toEqual([]);
  });

  it('sets meta.defaultOptions when it has options', () => {
    if (!hasOptions(rule.meta.schema)) return;
    expect(rule.meta.defaultOptions, 'meta.defaultOptions').toBeDefined();
    expect((rule.meta.defaultOptions ?? []).length).toBeGreaterThan(0);
  });
});

describe('configs', () => {
  const configuredRules = (name: 'recommended' | 'strict'): string[] =>
    Object.keys(plugin.configs[name].rules).sort();
  const prefixed = (ids: string[]): string[] => ids.map((id) => `closewait/${id}`).sort();

  it('recommended has exactly the rules with docs.recommended', () => {
    expect(configuredRules('recommended')).toEqual(prefixed(ruleIds.filter((id) => getDocs(id).recommended === true)));
  });

  it('strict has the recommended rules plus the rules with docs.strict', () => {
    const strictIds = ruleIds.filter((id) => getDocs(id).recommended === true || getDocs(id).strict === true);
    expect(configuredRules('strict')).toEqual(prefixed(strictIds));
  });

  it.each(['recommended', 'strict'] as const)('%s registers the plugin as closewait and reports errors', (name) => {
    const config = plugin.configs[name];
    expect(config.plugins.closewait).toBe(plugin);
    const severities = Object.values(config.rules).map((entry) => (Array.isArray(entry) ? entry[0] : entry));
    expect(new Set(severities)).toEqual(new Set(['error']));
  });
});

describe('plugin', () => {
  it('has the name and version of package.json', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version });
  });

  it('exposes the rules of rules/index.ts', () => {
    expect(plugin.rules).toBe(rules);
  });
});

describe.each(ruleIds)('docs/rules/%s.md', (id) => {
  const file = path.join(rootDir, 'docs', 'rules', `${id}.md`);
  const markdown = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const headings = getHeadings(markdown);
  const docs = getDocs(id);
  const ruleModule = rules[id as keyof typeof rules];

  it(`starts with "# closewait/${id}"`, () => {
    expect(markdown.split('\n', 1)[0]).toBe(`# closewait/${id}`);
  });

  it('has the sections Why, Examples (Incorrect, Correct) and Options, in that order', () => {
    const h2 = headings.filter((heading) => heading.level === 2).map((heading) => heading.text);
    const wanted = ['Why', 'Examples', 'Options'];
    expect(h2.filter((text) => wanted.includes(text))).toEqual(wanted);

    const examplesStart = headings.findIndex((heading) => heading.level === 2 && heading.text === 'Examples');
    const examplesEnd = headings.findIndex((heading, index) => index > examplesStart && heading.level <= 2);
    const subsections = headings
      .slice(examplesStart + 1, examplesEnd === -1 ? undefined : examplesEnd)
      .filter((heading) => heading.level === 3)
      .map((heading) => heading.text);
    expect(subsections).toEqual(['Incorrect', 'Correct']);
  });

  it('has badges that agree with meta', () => {
    const badges = markdown.split('\n').slice(1, 6).join('\n');
    expect(badges.includes('💼'), '💼 (in a config)').toBe(docs.recommended === true || docs.strict === true);
    expect(badges.includes('✅'), '✅ (recommended)').toBe(docs.recommended === true);
    expect(badges.includes('💡'), '💡 (suggestions)').toBe(ruleModule.meta.hasSuggestions === true);
    expect(badges.includes('💭'), '💭 (type information)').toBe(docs.requiresTypeChecking === true);
  });
});

describe('src/engine', () => {
  const engineDir = path.join(rootDir, 'src', 'engine');
  const files = existsSync(engineDir)
    ? readdirSync(engineDir, { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.[cm]?tsx?$/u.test(file))
        .map((file) => path.join(engineDir, file))
    : [];
  const forbidden = /^(?:eslint(?:\/.*)?|@typescript-eslint\/.+|ts-morph(?:\/.*)?)$/u;

  /** Module specifiers of every import, export-from, `import x = require()`, `require()` and `import()`. */
  function getImports(file: string): { specifier: string; typeOnly: boolean; line: number }[] {
    const sourceFile = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const found: { specifier: string; typeOnly: boolean; line: number }[] = [];
    const add = (node: ts.Node, specifier: ts.Node | undefined, typeOnly: boolean): void => {
      if (specifier && ts.isStringLiteralLike(specifier)) {
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
        found.push({ specifier: specifier.text, typeOnly, line });
      }
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node)) {
        add(node, node.moduleSpecifier, node.importClause?.isTypeOnly === true);
      } else if (ts.isExportDeclaration(node)) {
        add(node, node.moduleSpecifier, node.isTypeOnly);
      } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
        add(node, node.moduleReference.expression, node.isTypeOnly);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
        add(node, node.argument.literal, true);
      } else if (
        ts.isCallExpression(node) &&
        (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
      ) {
        add(node, node.arguments[0], false);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return found;
  }

  it('has source files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('imports neither eslint, @typescript-eslint/* nor ts-morph', () => {
    const offending = files.flatMap((file) =>
      getImports(file)
        .filter((entry) => forbidden.test(entry.specifier))
        .map((entry) => `${path.relative(rootDir, file)}:${entry.line} imports ${entry.specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('imports typescript for types only (the `ts` namespace is handed in)', () => {
    const offending = files.flatMap((file) =>
      getImports(file)
        .filter((entry) => entry.specifier === 'typescript' && !entry.typeOnly)
        .map((entry) => `${path.relative(rootDir, file)}:${entry.line} imports typescript at run time`),
    );
    expect(offending).toEqual([]);
  });
});
