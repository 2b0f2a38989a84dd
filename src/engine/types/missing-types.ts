/**
 * Missing type information. Every check recognises resources by their types, so a file that uses
 * a followed module or global (followed.ts) without its declarations looks clean while nothing in
 * it was checked. This finds, per file, each such module or global once, at its first import or
 * use: an unresolved module (TS2307: no @types/node, or TypeScript 6 with no `types`), a package
 * that ships only JavaScript, a module declared by an untyped shorthand (`declare module 'ws';`),
 * an import that binds an error type (a default import without esModuleInterop), a global with no
 * symbol (`fetch` without DOM or @types/node), or a global whose declaration in scope is `any`.
 */
import { isBuiltin } from 'node:module';
import type * as ts from 'typescript';
import type { EngineHost, Ts } from '../host.js';
import { getFileIndex } from '../lifecycle/file-index.js';
import { getNodesAt } from '../lifecycle/syntax.js';
import { normalizePackageName } from '../resources/origin.js';
import { anyGlobalFix, getGlobalFix, getModuleFix, type ModuleProblem } from './fixes.js';
import type { FollowedApis } from './followed.js';

export interface MissingTypes {
  readonly kind: 'module' | 'global';
  /** As the file writes it: `node:net`, `ws`, `fetch`. */
  readonly name: string;
  /** The module specifier of the first import, or the first use of the global. */
  readonly node: ts.Node;
  /** What to do, e.g. `install @types/node and add "node" to compilerOptions.types`. */
  readonly fix: string;
}

/**
 * The followed modules and globals `sourceFile` uses without their types, in source order, each
 * once. Throws nothing; asks the checker only about the imports of followed modules and the uses
 * of followed globals.
 */
export function getMissingTypes(host: EngineHost, sourceFile: ts.SourceFile, followed: FollowedApis): MissingTypes[] {
  const { ts } = host;
  const found = new Map<string, MissingTypes | null>();
  for (const node of getCandidates(ts, sourceFile, followed)) {
    const specifier = getModuleSpecifier(ts, node);
    if (specifier) {
      const module = getFollowedModule(specifier.text, followed);
      if (module !== undefined && !found.has(`module:${module}`)) found.set(`module:${module}`, getMissingModule(host, sourceFile, specifier, node, module));
    } else if (ts.isIdentifier(node) && followed.globals.has(node.text) && !found.has(`global:${node.text}`) && isUse(ts, node)) {
      const missing = getMissingGlobal(host, sourceFile, node, followed);
      // A global that resolves fine here may still be shadowed badly elsewhere: keep looking.
      if (missing) found.set(`global:${node.text}`, missing);
    }
  }
  return [...found.values()].filter((missing): missing is MissingTypes => missing !== null);
}

/**
 * The nodes that may import a module or use a followed global, in the order a walk of the file
 * meets them (exported for its property test), found without a walk of its own (the other checks share one, file-index.ts): the
 * import and export statements of the file and of its module blocks; its calls (`import()`,
 * `require()`), from that one walk; and, by their text, the identifiers spelled like a followed
 * global and the `import('x')` types, each found by descending to its position. A name in a
 * comment or a string leads to no identifier there, and is skipped.
 */
export function getCandidates(ts: Ts, sourceFile: ts.SourceFile, followed: FollowedApis): ts.Node[] {
  const candidates: ts.Node[] = [];
  const addStatements = (statements: readonly ts.Statement[]): void => {
    for (const statement of statements) {
      if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) candidates.push(statement);
      else if (ts.isModuleDeclaration(statement)) {
        let body = statement.body;
        while (body && ts.isModuleDeclaration(body)) body = body.body;
        if (body && ts.isModuleBlock(body)) addStatements(body.statements);
      }
    }
  };
  addStatements(sourceFile.statements);
  for (const invocation of getFileIndex(ts, sourceFile).invocations) if (ts.isCallExpression(invocation)) candidates.push(invocation);
  const { text } = sourceFile;
  for (const name of ['import', ...followed.globals.keys()]) {
    for (let position = text.indexOf(name); position !== -1; position = text.indexOf(name, position + name.length)) {
      const path = getNodesAt(ts, sourceFile, position);
      if (name === 'import') {
        for (const node of path) if (ts.isImportTypeNode(node)) candidates.push(node);
        continue;
      }
      const deepest = path[path.length - 1];
      if (deepest && ts.isIdentifier(deepest) && deepest.text === name && deepest.getStart(sourceFile) === position) candidates.push(deepest);
    }
  }
  // Source order, an enclosing node before what it encloses, each once (a walk's pre-order).
  const unique = [...new Set(candidates)];
  const starts = new Map(unique.map((node) => [node, node.getStart(sourceFile)]));
  return unique.sort((a, b) => starts.get(a)! - starts.get(b)! || b.end - a.end);
}

/** `require('…')`. */
function isRequireCall(ts: Ts, node: ts.CallExpression): boolean {
  return ts.isIdentifier(node.expression) && node.expression.text === 'require';
}

/** The string naming a module in an import, export-from, `import x = require()`, `import()`, import type, or `require()`. */
function getModuleSpecifier(ts: Ts, node: ts.Node): ts.StringLiteralLike | undefined {
  let specifier: ts.Node | undefined;
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) specifier = node.moduleSpecifier;
  else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) specifier = node.moduleReference.expression;
  else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) specifier = node.argument.literal;
  else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
    // `require()` in TypeScript too: it binds `any` there (getMissingModule says so).
    if (node.expression.kind === ts.SyntaxKind.ImportKeyword || isRequireCall(ts, node)) specifier = node.arguments[0];
  }
  return specifier && ts.isStringLiteralLike(specifier) ? specifier : undefined;
}

/** The followed module a specifier names (`node:net` → `net`, `undici/types/fetch` → `undici`), if any. */
function getFollowedModule(text: string, followed: FollowedApis): string | undefined {
  const name = normalizePackageName(text);
  if (followed.modules.has(name)) return name;
  const root = getPackageName(name);
  return followed.modules.has(root) ? root : undefined;
}

/** `@scope/pkg/sub` → `@scope/pkg`, `pkg/sub` → `pkg`. */
function getPackageName(name: string): string {
  const parts = name.split('/');
  return name.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? name);
}

function getMissingModule(host: EngineHost, sourceFile: ts.SourceFile, specifier: ts.StringLiteralLike, statement: ts.Node, module: string): MissingTypes | null {
  const problem = getModuleProblem(host, sourceFile, specifier, statement, module);
  if (!problem) return null;
  const builtin = specifier.text.startsWith('node:') || isBuiltin(module);
  return { kind: 'module', name: specifier.text, node: specifier, fix: getModuleFix(host, sourceFile, module, builtin, problem) };
}

function getModuleProblem(host: EngineHost, sourceFile: ts.SourceFile, specifier: ts.StringLiteralLike, statement: ts.Node, module: string): ModuleProblem | undefined {
  const { ts, checker, program } = host;
  // TypeScript types `require()` in a TypeScript file as a plain function (`any` from @types/node),
  // never as the module: nothing it binds is followed, whether the module has types or not.
  if ((sourceFile.flags & ts.NodeFlags.JavaScriptFile) === 0 && ts.isCallExpression(statement) && isRequireCall(ts, statement)) {
    return (checker.getTypeAtLocation(statement).flags & ts.TypeFlags.Any) !== 0 ? { kind: 'require', specifier: specifier.text } : undefined;
  }
  const symbol = checker.getSymbolAtLocation(specifier);
  if (!symbol) {
    const mode = program.getModeForUsageLocation?.(sourceFile, specifier);
    const resolution = ts.resolveModuleName(specifier.text, sourceFile.fileName, program.getCompilerOptions(), ts.sys, undefined, undefined, mode);
    const extension = resolution.resolvedModule?.extension;
    const javaScriptFile = extension === '.js' || extension === '.jsx' || extension === '.mjs' || extension === '.cjs';
    return { kind: 'unresolved', javaScriptFile, installed: javaScriptFile || isPackageInstalled(ts, sourceFile.fileName, module) };
  }
  const declarations = symbol.getDeclarations() ?? [];
  if (declarations.length > 0 && declarations.every((declaration) => ts.isModuleDeclaration(declaration) && declaration.body === undefined)) {
    const file = declarations[0]!.getSourceFile().fileName;
    return { kind: 'shorthand', declarationFile: toDisplayPath(program.getCurrentDirectory(), file) };
  }
  const helper = getInteropHelper(ts, statement);
  const bindings = helper ? [helper.binding] : getImportBindings(ts, statement);
  // A binding of a type alone (`import { spawn, type SpawnOptions }`) has no value to be `any`; a
  // type-only import (`import type net from 'node:net'`) is missing only when it binds nothing.
  const isMissing = (name: ts.Identifier): boolean =>
    isTypeOnlyBinding(ts, name) ? bindsNothing(host, name) : bindsValue(host, name) && (checker.getTypeAtLocation(name).flags & ts.TypeFlags.Any) !== 0;
  if (bindings.some(isMissing)) {
    return helper ? { kind: 'helper', helper: helper.name } : { kind: 'binding', import: statement };
  }
  return undefined;
}

/**
 * `const net_1 = __importDefault(require("net"))`: TypeScript's CommonJS output wraps a `require()`
 * in an interop helper (`__importDefault`, `__importStar`) declared in the same JavaScript file,
 * untyped, so what it binds is `any` and nothing made through it is followed. The binding and the
 * helper's name, when `call` is such a wrapped `require()`.
 */
function getInteropHelper(ts: Ts, call: ts.Node): { binding: ts.Identifier; name: string } | undefined {
  if (!ts.isCallExpression(call)) return undefined;
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const wrapper = node.parent;
  if (!ts.isCallExpression(wrapper) || !wrapper.arguments.includes(node as ts.Expression)) return undefined;
  let value: ts.Node = wrapper;
  while (ts.isParenthesizedExpression(value.parent)) value = value.parent;
  const declaration = value.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== value || !ts.isIdentifier(declaration.name)) return undefined;
  const callee = wrapper.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : 'a helper';
  return { binding: declaration.name, name };
}

/** Whether an import's name stands for a value (a function, class, variable, namespace), not only for a type. */
function bindsValue(host: EngineHost, name: ts.Identifier): boolean {
  const { ts, checker } = host;
  let symbol = checker.getSymbolAtLocation(name);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol === undefined || (symbol.flags & ts.SymbolFlags.Value) !== 0;
}

/**
 * A name a type-only import declares (`import type net from …`, `import type * as net from …`,
 * `import { type Socket } from …`, `import type { Socket } from …`, `import type net = require(…)`):
 * TypeScript gives it no value, so the checker types it `any` wherever it is read as one.
 */
function isTypeOnlyBinding(ts: Ts, name: ts.Identifier): boolean {
  const parent = name.parent;
  if (ts.isImportSpecifier(parent)) return parent.isTypeOnly || parent.parent.parent.isTypeOnly;
  if (ts.isNamespaceImport(parent)) return parent.parent.isTypeOnly;
  if (ts.isImportClause(parent)) return parent.isTypeOnly;
  return ts.isImportEqualsDeclaration(parent) && parent.isTypeOnly;
}

/** Whether an import's name resolves to nothing (a default import of a module with none, without esModuleInterop). */
function bindsNothing(host: EngineHost, name: ts.Identifier): boolean {
  const { ts, checker } = host;
  const symbol = checker.getSymbolAtLocation(name);
  const aliased = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return !aliased?.getDeclarations()?.length;
}

/** The names an import declares: default, namespace, named, or `import x = require()`. */
function getImportBindings(ts: Ts, statement: ts.Node): ts.Identifier[] {
  if (ts.isImportEqualsDeclaration(statement)) return [statement.name];
  if (!ts.isImportDeclaration(statement) || !statement.importClause) return [];
  const { name, namedBindings } = statement.importClause;
  const names = name ? [name] : [];
  if (namedBindings && ts.isNamespaceImport(namedBindings)) names.push(namedBindings.name);
  else if (namedBindings) names.push(...namedBindings.elements.map((element) => element.name));
  return names;
}

/** Whether node_modules/<module>/package.json exists from the file's directory upward (installed, but TypeScript cannot resolve it). */
function isPackageInstalled(ts: Ts, fileName: string, module: string): boolean {
  if (isBuiltin(module)) return true;
  let dir = fileName.replace(/\\/g, '/').replace(/\/[^/]*$/, '');
  for (;;) {
    if (ts.sys.fileExists(`${dir}/node_modules/${module}/package.json`)) return true;
    const parent = dir.replace(/\/[^/]*$/, '');
    if (parent === dir || parent === '') return false;
    dir = parent;
  }
}

/**
 * An identifier that reads the global: any reference to it as a value or a type (`fetch(u)`, `const
 * get = fetch`, `(0, fetch)(u)`, `{ fetch }`, `x instanceof Response`, `r: Response`), and a member
 * of the global object (`globalThis.fetch`, `window.WebSocket`). Not a name being declared, a
 * property's name (`{ fetch: custom }` destructured), a label, the right side of a qualified name,
 * or the operand of `typeof` (a feature test: `typeof Deno === 'undefined'`).
 */
function isUse(ts: Ts, node: ts.Identifier): boolean {
  const { parent } = node;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) {
    const object = parent.expression;
    return ts.isIdentifier(object) && globalObjects.has(object.text);
  }
  if (ts.isShorthandPropertyAssignment(parent)) return parent.name === node;
  if ((parent as ts.NamedDeclaration).name === node || (parent as { propertyName?: ts.Node }).propertyName === node) return false;
  // `typeof fetch === 'function'`: a test for the global, which creates nothing.
  if (ts.isTypeOfExpression(parent)) return false;
  if (ts.isQualifiedName(parent)) return parent.left === node;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isNamespaceExport(parent) || ts.isNamespaceExportDeclaration(parent)) return false;
  if (ts.isJsxAttribute(parent) || ts.isMetaProperty(parent)) return false;
  return true;
}

/** The names of the global object: a followed global read off one is the global. */
const globalObjects: ReadonlySet<string> = new Set(['globalThis', 'window', 'self', 'global']);

function getMissingGlobal(host: EngineHost, sourceFile: ts.SourceFile, node: ts.Identifier, followed: FollowedApis): MissingTypes | undefined {
  const { ts, checker } = host;
  const provider = followed.globals.get(node.text);
  const symbol = checker.getSymbolAtLocation(node);
  if (!symbol) {
    const fix = getGlobalFix(host, sourceFile, provider?.from === 'package' ? provider.package : undefined);
    return { kind: 'global', name: node.text, node, fix };
  }
  // An imported binding is the import's business (checked as a module); a type name resolved is enough.
  if (symbol.flags & ts.SymbolFlags.Alias || ts.isQualifiedName(node.parent) || ts.isTypeReferenceNode(node.parent)) return undefined;
  if ((checker.getTypeAtLocation(node).flags & ts.TypeFlags.Any) === 0) return undefined;
  return { kind: 'global', name: node.text, node, fix: anyGlobalFix };
}

/** `file` relative to `root` when inside it, with `/` separators. */
function toDisplayPath(root: string, file: string): string {
  const normalizedRoot = root.replace(/\\/g, '/').replace(/\/$/, '');
  const normalized = file.replace(/\\/g, '/');
  return normalized.startsWith(`${normalizedRoot}/`) ? normalized.slice(normalizedRoot.length + 1) : normalized;
}
