/**
 * Declarations by name, for the whole program: `x.connect()` can only call something declared
 * (or assigned) under the name `connect` somewhere in the program, whatever `x` is. Each file is
 * indexed once, by syntax alone, and the index is kept with its SourceFile, so the declaration
 * files a run or an editor shares between programs (TypeScript's lib, @types/node) are indexed once.
 *
 * Indexed: functions, classes, methods, accessors, properties and property signatures, variables,
 * binding elements, parameter properties, object-literal members, export specifiers and `export
 * default`, and JavaScript's assignment declarations (`this.m = …`, `exports.m = …`,
 * `Foo.prototype.m = …`, `x['m'] = …`, `Object.defineProperty(x, 'm', …)`). In a TypeScript file
 * an assignment declares only a property of a function (`function f() {}; f.m = …`, TypeScript's
 * expando declarations); the binder reads every other one (`this.m = …`, `options.m = …`) as a
 * write to a member declared elsewhere, which is indexed where it is declared. Names computed from a
 * value (`[kResume]() {}`, `x[key] = …`) are indexed together, under computedNameKey. A name with no
 * entry comes from an index signature, a mapped type or an untyped value: callers treat it as unknown.
 */
import type * as ts from 'typescript';
import type { Ts } from '../host.js';

export type NamedDeclarationIndex = ReadonlyMap<string, readonly ts.Node[]>;

/**
 * The index entry of the declarations whose name is computed from a value (`[kResume]() {}`,
 * `[Symbol.iterator]()`, `x[key] = …`): no identifier can spell it, so no property name collides.
 */
export const computedNameKey = '[computed]';

/** getExpandoRoot's answer for a target whose receiver is itself a property: kept whatever the file declares. */
const anyName = Symbol('any name');

const fileIndexes = new WeakMap<ts.SourceFile, NamedDeclarationIndex>();

/** Per Program: the indexes of its files that declare anything (looked up once, not once per name), and the answers so far. */
interface ProgramIndex {
  readonly files: readonly NamedDeclarationIndex[];
  readonly byName: Map<string, readonly ts.Node[]>;
}
const programIndexes = new WeakMap<ts.Program, ProgramIndex>();
const none: readonly ts.Node[] = [];

/** Every declaration named `name` in the program's files (the lib and declaration files included). */
export function getDeclarationsNamed(ts: Ts, program: ts.Program, name: string): readonly ts.Node[] {
  let index = programIndexes.get(program);
  if (!index) {
    const files = program.getSourceFiles().map((sourceFile) => getFileIndex(ts, sourceFile)).filter((file) => file.size > 0);
    programIndexes.set(program, (index = { files, byName: new Map() }));
  }
  let found = index.byName.get(name);
  if (!found) {
    const collected: ts.Node[] = [];
    for (const file of index.files) {
      const declarations = file.get(name);
      if (declarations) for (const declaration of declarations) collected.push(declaration);
    }
    found = collected.length > 0 ? collected : none;
    index.byName.set(name, found);
  }
  return found;
}

/** The named declarations of one file. */
export function getFileIndex(ts: Ts, sourceFile: ts.SourceFile): NamedDeclarationIndex {
  let index = fileIndexes.get(sourceFile);
  if (!index) {
    index = buildFileIndex(ts, sourceFile);
    fileIndexes.set(sourceFile, index);
  }
  return index;
}

function buildFileIndex(ts: Ts, sourceFile: ts.SourceFile): NamedDeclarationIndex {
  const index = new Map<string, ts.Node[]>();
  const javaScript = (sourceFile.flags & ts.NodeFlags.JavaScriptFile) !== 0;
  // TypeScript's assignments to a property of a name, kept until the file's functions are known.
  const expandos: { readonly root: string | typeof anyName; readonly name: string; readonly node: ts.Node }[] = [];
  const functionNames = new Set<string>();
  const add = (name: string | undefined, node: ts.Node): void => {
    if (name === undefined) return;
    const list = index.get(name);
    if (list) list.push(node);
    else index.set(name, [node]);
  };
  // An explicit stack: a file may nest deeper than the call stack allows (the checker never walks
  // it all, and a linter's program is not cut to size as the CLI's is).
  const stack: ts.Node[] = [sourceFile];
  // Tokens, identifiers and literals (every kind before FirstNode) have no children and declare nothing.
  const push = (child: ts.Node): void => {
    if (child.kind >= ts.SyntaxKind.FirstNode) stack.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!javaScript && isFunctionDefinition(ts, node)) functionNames.add(((node as ts.NamedDeclaration).name as ts.Identifier).text);
    switch (node.kind) {
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.VariableDeclaration:
      case ts.SyntaxKind.BindingElement:
        if (isReachableAsProperty(ts, sourceFile, node)) add(getPropertyName(ts, (node as ts.NamedDeclaration).name), node);
        break;
      case ts.SyntaxKind.MethodDeclaration:
      case ts.SyntaxKind.MethodSignature:
      case ts.SyntaxKind.PropertyDeclaration:
      case ts.SyntaxKind.PropertySignature:
      case ts.SyntaxKind.GetAccessor:
      case ts.SyntaxKind.PropertyAssignment:
      case ts.SyntaxKind.ShorthandPropertyAssignment:
      case ts.SyntaxKind.ExportSpecifier:
        add(getPropertyName(ts, (node as ts.NamedDeclaration).name) ?? getComputedNameKey(ts, (node as ts.NamedDeclaration).name), node);
        break;
      case ts.SyntaxKind.Parameter:
        if (ts.isParameterPropertyDeclaration(node, node.parent)) add(getPropertyName(ts, node.name), node);
        break;
      case ts.SyntaxKind.ExportAssignment:
        add('default', node);
        break;
      case ts.SyntaxKind.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        if (binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken) break;
        const name = getAssignedPropertyName(ts, binary.left) ?? (ts.isElementAccessExpression(binary.left) ? computedNameKey : undefined);
        if (javaScript) add(name, node);
        else if (name !== undefined) {
          const root = getExpandoRoot(ts, binary.left);
          if (root !== undefined) expandos.push({ root, name, node });
        }
        break;
      }
      case ts.SyntaxKind.CallExpression: {
        // `Object.defineProperty(x, 'm', { value, get })`: a declaration in JavaScript only.
        if (!javaScript) break;
        const call = node as ts.CallExpression;
        const callee = call.expression;
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'defineProperty' && call.arguments.length >= 3) {
          const key = call.arguments[1]!;
          add(ts.isStringLiteralLike(key) ? key.text : computedNameKey, node);
        }
        break;
      }
    }
    ts.forEachChild(node, push);
  }
  // The binder declares `f.m = …` when `f` names a function of the file it is in (a declaration, or
  // a variable initialised with a function); any scope of the file counts, which is never fewer.
  for (const { root, name, node } of expandos) if (root === anyName || functionNames.has(root)) add(name, node);
  return index;
}

/** `function f() {}`, `const f = () => …`, `let f = function () {}`: what TypeScript lets a property be assigned to (isFunctionSymbol). */
function isFunctionDefinition(ts: Ts, node: ts.Node): boolean {
  if (ts.isFunctionDeclaration(node)) return node.name !== undefined;
  if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer) return false;
  return ts.isFunctionExpression(node.initializer) || ts.isArrowFunction(node.initializer);
}

/**
 * In TypeScript, the name whose property an assignment may declare: `f` of `f.m = …` or
 * `f['m'] = …`, which must name a function; `anyName` for a longer chain of names (`ns.f.m = …`:
 * the binder looks `f` up among the members of `ns`, which the file's functions do not tell).
 * Undefined for `this.m = …`, `this.a.m = …` and any target not a chain of names
 * (getAssignmentDeclarationKind: no declaration in a TypeScript file).
 */
function getExpandoRoot(ts: Ts, target: ts.Expression): string | typeof anyName | undefined {
  if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return undefined;
  let receiver: ts.Expression = target.expression;
  let depth = 0;
  while (ts.isPropertyAccessExpression(receiver) || (ts.isElementAccessExpression(receiver) && ts.isStringLiteralLike(receiver.argumentExpression))) {
    receiver = receiver.expression;
    depth++;
  }
  if (!ts.isIdentifier(receiver)) return undefined;
  return depth === 0 ? receiver.text : anyName;
}

/**
 * Whether a function, class or variable can be read as a property of something: one a module
 * exports, a namespace's member, a global of a script or of a declaration file. A local of a
 * function, or a module's own unexported one, is only ever read by its name (followed through
 * its symbol), never as `x.name`.
 */
function isReachableAsProperty(ts: Ts, sourceFile: ts.SourceFile, declaration: ts.Node): boolean {
  let statement: ts.Node = declaration;
  while (ts.isBindingElement(statement) || ts.isObjectBindingPattern(statement) || ts.isArrayBindingPattern(statement) || ts.isVariableDeclaration(statement) || ts.isVariableDeclarationList(statement)) {
    statement = statement.parent;
  }
  const container = statement.parent;
  if (ts.isModuleBlock(container)) return true;
  if (!ts.isSourceFile(container)) return false;
  if (sourceFile.isDeclarationFile || !ts.isExternalModule(sourceFile)) return true;
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

/** The name a declaration is known by as a property: `m`, `#m`, `'m'`, `0`; undefined for a computed or destructured name. */
function getPropertyName(ts: Ts, name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** A name computed from a value (not a string or number literal): the entry of computedNameKey. */
function getComputedNameKey(ts: Ts, name: ts.Node | undefined): string | undefined {
  return name && ts.isComputedPropertyName(name) && !ts.isNumericLiteral(name.expression) ? computedNameKey : undefined;
}

/** `a.m = …` and `a['m'] = …` assign the property `m`. */
function getAssignedPropertyName(ts: Ts, target: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(target)) return target.name.text;
  if (ts.isElementAccessExpression(target) && ts.isStringLiteralLike(target.argumentExpression)) return target.argumentExpression.text;
  return undefined;
}
