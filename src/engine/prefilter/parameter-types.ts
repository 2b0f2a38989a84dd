/**
 * What a parameter holds where a function stores it, read from its declaration. The checker's
 * answer (`getTypeAtLocation` of the reference) is the parameter's declared type narrowed by the
 * flow graph from the function's start to the reference, a walk that resolves every call statement
 * on the way (is it an assertion?); for stores such as `this.options = options` that cost mongodb's
 * re-lint ~40 ms of every edit.
 *
 * Narrowing only removes constituents of a declared union (truthiness, `typeof`, equality,
 * discriminants, `'key' in x`, or intersects with `Record<'key', unknown>`), which cannot make a
 * resource of a type none of whose constituents is one, except through the constructs that bring in
 * a type from elsewhere: `x instanceof C` (an intersection with `C` when unrelated), `#field in x`,
 * a call in a condition whose signature is a type predicate or an assertion (`isSocket(x)`,
 * `x.isSocket()`, `assert(x …)`), `x.constructor === C`, and an assignment to the parameter. A
 * function with none of these on the parameter's name (anywhere in it, nested functions included,
 * shadowing ignored) holds the declared type at every store, less constituents at most. Telling a
 * predicate needs the callee's declarations: by binding for a name, by the receiver's declared
 * type for a member in TypeScript; in JavaScript a member call is taken as one (its receiver's type
 * is inference's), and the store is typed by the checker as before.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../lifecycle/context.js';
import { getDeclaredTypeScreen } from './declared-types.js';

/**
 * Whether the parameter of `fn` that `expression` reads may hold a resource there: `false` when its
 * declaration settles that it cannot (a TypeScript annotation the declared-type screen reads as no
 * resource, or no type at all, which is `any`), and nothing in `fn` may narrow it into one;
 * `undefined` when only the checker can tell (a JSDoc type, an initializer, a setter's parameter,
 * which takes its getter's type, an object literal's method, a copy through a local).
 */
export function ownParameterMayBeResource(context: AnalysisContext, expression: ts.Expression, fn: ts.SignatureDeclaration): false | undefined {
  const { ts } = context;
  const parameter = getStoredParameter(context, expression, fn);
  if (!parameter) return undefined;
  // The declaration first: the narrowing references' callees may need the checker.
  if (parameter.type) {
    if (getDeclaredTypeScreen(context).declaredMayBeResource(parameter.type, fn) !== false) return undefined;
  } else if ((fn.getSourceFile().flags & ts.NodeFlags.JavaScriptFile) !== 0 && (ts.getJSDocType(parameter) || ts.getJSDocTypeTag(fn))) {
    // A JSDoc type (`@param {net.Socket} socket`, or the function's `@type`) may name a value's
    // instance type, which the screen does not read.
    return undefined;
  } else if (parameter.initializer && !isPrimitiveLiteral(ts, parameter.initializer)) {
    // An initializer gives an unannotated parameter its type (a primitive's, for a literal).
    return undefined;
  }
  return isNarrowable(context, fn, parameter.name.text) ? undefined : false;
}

/**
 * The type the parameter `expression` reads has there, when it is its declared type, less `null`
 * and `undefined` at most: a parameter nothing in `fn` may narrow into another type, declared as
 * one type or one type and `null` or `undefined` (narrowing can only remove those). The checker's
 * declared type of the parameter (getTypeOfSymbol) skips the flow graph's walk back to the start
 * of the function, which resolves every call statement on the way (an assertion?). Undefined when
 * the reference must be typed where it is.
 */
export function getUnnarrowedParameterType(context: AnalysisContext, expression: ts.Expression, fn: ts.SignatureDeclaration): ts.Type | undefined {
  const { ts, checker } = context;
  const parameter = getStoredParameter(context, expression, fn);
  if (!parameter || isNarrowable(context, fn, parameter.name.text) || isTested(context, fn, parameter.name.text)) return undefined;
  const symbol = context.getSymbol(parameter.name);
  if (!symbol) return undefined;
  const type = checker.getTypeOfSymbol(symbol);
  // A type parameter (`S extends Socket | undefined`) may be read as its constraint where it is used.
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => part.flags & ts.TypeFlags.Instantiable) ? undefined : type;
}

/**
 * Whether some reference to `name` in `fn` is tested, so that narrowing may remove constituents of
 * its type there (`if (sock === undefined) this.sock = sock` stores `undefined`; `if (!sock)` on a
 * socket leaves `never`): the reference, or a member read of it (a discriminant), is an operand of
 * an operator other than `=`'s right side, `typeof`'s, a test (`if`, loops, `?:`, `switch`,
 * `case`), or destructured (a destructured discriminant narrows).
 */
function isTested(context: AnalysisContext, fn: ts.SignatureDeclaration, name: string): boolean {
  return findReference(context.ts, fn, name, (reference) => isTestedReference(context.ts, reference)) !== undefined;
}

function isTestedReference(ts: AnalysisContext['ts'], identifier: ts.Identifier): boolean {
  let node: ts.Node = identifier;
  for (;;) {
    const parent = node.parent;
    if (isOuterExpression(ts, parent) || ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node)) {
      node = parent;
      continue;
    }
    if (ts.isBinaryExpression(parent)) return !(parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken);
    if (ts.isPrefixUnaryExpression(parent) || ts.isTypeOfExpression(parent)) return true;
    if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent) || ts.isSwitchStatement(parent)) return parent.expression === node;
    if (ts.isForStatement(parent)) return parent.condition === node;
    if (ts.isConditionalExpression(parent)) return parent.condition === node;
    if (ts.isCaseClause(parent)) return true;
    return ts.isVariableDeclaration(parent) && parent.initializer === node && !ts.isIdentifier(parent.name);
  }
}

/** The parameter of `fn` that `expression` reads, when no contextual type or spread types it and the read keeps its type. */
function getStoredParameter(context: AnalysisContext, expression: ts.Expression, fn: ts.SignatureDeclaration): (ts.ParameterDeclaration & { readonly name: ts.Identifier }) | undefined {
  const { ts } = context;
  // `(x)`, `x!` and `x satisfies T` have x's type, less null and undefined; `x as T` has T, and
  // so has JavaScript's `/** @type {T} */ (x)`.
  const { operand: node, casts } = unwrapCasts(ts, expression);
  if (casts.some((cast) => !ts.isSatisfiesExpression(cast)) || !ts.isIdentifier(node)) return undefined;
  const parameter = context.getSymbol(node)?.valueDeclaration;
  if (!parameter || !ts.isParameter(parameter) || parameter.parent !== fn || !ts.isIdentifier(parameter.name)) return undefined;
  if (parameter.dotDotDotToken || !isTypedByItsDeclaration(ts, fn)) return undefined;
  return parameter as ts.ParameterDeclaration & { readonly name: ts.Identifier };
}

/**
 * Whether the value a store reads through the parameter of `fn` may have another type than the
 * parameter's declaration: `expression` is a cast (`sock as net.Socket`, JavaScript's
 * `/** @type {net.Socket} *\/ (sock)`), or reads a local copy typed or cast where it is declared
 * (isRetypedCopy) or that something may narrow, or the parameter is typed from elsewhere (a
 * setter's, from its getter; a JSDoc `@type` on the function), or something in `fn` may narrow it
 * (findNarrowingReference). The pre-filter's reading of a class
 * (may it store a resource?) must say "may" then, whatever the declaration says.
 */
export function storedParameterMayBeRetyped(context: AnalysisContext, expression: ts.Expression, parameter: ts.ParameterDeclaration, fn: ts.SignatureDeclaration): boolean {
  const { ts } = context;
  const inJavaScript = (fn.getSourceFile().flags & ts.NodeFlags.JavaScriptFile) !== 0;
  const { operand: node, casts } = unwrapCasts(ts, expression);
  if (casts.some((cast) => !ts.isSatisfiesExpression(cast))) return true;
  if (!ts.isIdentifier(parameter.name) || !isTypedByItsDeclaration(ts, fn) || (inJavaScript && ts.getJSDocTypeTag(fn))) return true;
  if (ts.isIdentifier(node) && node.text !== parameter.name.text && (isRetypedCopy(context, node) || isNarrowable(context, fn, node.text))) return true;
  return isNarrowable(context, fn, parameter.name.text);
}

/**
 * A local copy of a parameter (getOwnParameter follows one) declared with a type of its own: an
 * annotation or JSDoc `@type` (`const s: net.Socket = raw`), or an initializer cast (`raw as
 * net.Socket`, `<net.Socket>raw`, `raw satisfies T`, JavaScript's `/** @type {T} *\/ (raw)`),
 * which getOwnParameter skips to reach the parameter.
 */
function isRetypedCopy(context: AnalysisContext, copy: ts.Identifier): boolean {
  const { ts } = context;
  const declaration = context.getSymbol(copy)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration)) return false;
  if (declaration.type || ts.getJSDocType(declaration)) return true;
  return declaration.initializer !== undefined && unwrapCasts(ts, declaration.initializer).casts.length > 0;
}

/**
 * What `expression` holds under parentheses, `!` and casts, and the casts on the way: `x as T`,
 * `<T>x`, `x satisfies T` and, in JavaScript, `/** @type {T} *\/ (x)` (a parenthesized expression
 * with a JSDoc type tag, which the checker reads as a cast). Only `satisfies` keeps x's type.
 */
function unwrapCasts(ts: AnalysisContext['ts'], expression: ts.Expression): { readonly operand: ts.Expression; readonly casts: readonly ts.Expression[] } {
  const inJavaScript = (expression.getSourceFile().flags & ts.NodeFlags.JavaScriptFile) !== 0;
  const casts: ts.Expression[] = [];
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node) || ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
    const isCast = ts.isParenthesizedExpression(node) ? inJavaScript && ts.getJSDocTypeTag(node) !== undefined : !ts.isNonNullExpression(node);
    if (isCast) casts.push(node);
    node = node.expression;
  }
  return { operand: node, casts };
}

/** Per analysis context (whether a callee is a predicate is its checker's answer): per function, per name. */
const narrowable = new WeakMap<AnalysisContext, WeakMap<ts.SignatureDeclaration, Map<string, boolean>>>();

/** Whether `fn` has a reference to `name` that may narrow it (findNarrowingReference), once per function and name. */
function isNarrowable(context: AnalysisContext, fn: ts.SignatureDeclaration, name: string): boolean {
  let byFunction = narrowable.get(context);
  if (!byFunction) narrowable.set(context, (byFunction = new WeakMap()));
  let byName = byFunction.get(fn);
  if (!byName) byFunction.set(fn, (byName = new Map()));
  let answer = byName.get(name);
  if (answer === undefined) byName.set(name, (answer = findNarrowingReference(context, fn, name) !== undefined));
  return answer;
}

/**
 * A constructor, a class's method or a function declaration, whose parameters no contextual type fills in (a setter's
 * unannotated parameter takes its getter's type; a function expression's, its context's).
 */
function isTypedByItsDeclaration(ts: AnalysisContext['ts'], fn: ts.SignatureDeclaration): boolean {
  if (ts.isMethodDeclaration(fn)) return !ts.isObjectLiteralExpression(fn.parent);
  return ts.isConstructorDeclaration(fn) || ts.isFunctionDeclaration(fn);
}

/** The first reference to `name` in `fn` that may narrow it beyond its declared type (see the file's comment), if any. */
export function findNarrowingReference(context: AnalysisContext, fn: ts.SignatureDeclaration, name: string): ts.Identifier | undefined {
  return findReference(context.ts, fn, name, (reference) => isNarrowingReference(context, reference));
}

/** The first identifier named `name` in `fn` (nested functions included, by its text alone) that `test` accepts. */
function findReference(ts: AnalysisContext['ts'], fn: ts.SignatureDeclaration, name: string, test: (reference: ts.Identifier) => boolean): ts.Identifier | undefined {
  let found: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node)) {
      if (node.text === name && test(node)) found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return found;
}

function isNarrowingReference(context: AnalysisContext, identifier: ts.Identifier): boolean {
  const { ts } = context;
  let node: ts.Node = identifier;
  while (isOuterExpression(ts, node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind;
    if (operator === ts.SyntaxKind.InstanceOfKeyword) return true;
    // `'key' in x` keeps the constituents that may have the key, or makes `T & Record<'key',
    // unknown>`: no kind either way. `#field in x` narrows x to the class declaring the field.
    if (operator === ts.SyntaxKind.InKeyword) return parent.right === node && ts.isPrivateIdentifier(parent.left);
    return parent.left === node && isAssignmentOperator(ts, operator);
  }
  // A type predicate or an assertion signature (`isSocket(x)`, `assert(x)`), where its result is a condition.
  if (ts.isCallExpression(parent)) return parent.arguments.includes(node as ts.Expression) && mayNarrowAsCondition(ts, parent) && calleeMayNarrow(context, parent);
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  }
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node) {
    // `x.constructor === C` (named, or by a literal key).
    const member = ts.isPropertyAccessExpression(parent) ? parent.name.text : ts.isStringLiteralLike(parent.argumentExpression) ? parent.argumentExpression.text : undefined;
    if (member === 'constructor') return true;
    // `x.isSocket()`, a `this is Socket` predicate.
    let access: ts.Node = parent;
    while (isOuterExpression(ts, access.parent)) access = access.parent;
    return ts.isCallExpression(access.parent) && access.parent.expression === access && mayNarrowAsCondition(ts, access.parent) && calleeMayNarrow(context, access.parent);
  }
  if ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === node) return true;
  return isDestructuringTarget(ts, node);
}

/**
 * Whether a call may narrow what it is given into a resource: unless every declaration its callee
 * resolves to (binding, and the receiver's declared type) declares its return type, and that type
 * is no predicate (`boolean`, `asserts x`) or a predicate of a type the declared-type screen reads
 * as no resource (`Array.isArray`'s `any[]`, `Buffer.isBuffer`'s `Buffer`). An undeclared return
 * may be an inferred predicate (TypeScript 5.5: `(x) => x instanceof Socket`).
 */
function calleeMayNarrow(context: AnalysisContext, call: ts.CallExpression): boolean {
  const { ts } = context;
  let callee: ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee)) callee = callee.expression;
  // In JavaScript a member's symbol needs its receiver's type, which only inference gives: the
  // checker types the store instead, as it would have anyway.
  if (!ts.isIdentifier(callee) && (call.getSourceFile().flags & ts.NodeFlags.JavaScriptFile) !== 0) return true;
  const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression) ? callee.argumentExpression : undefined;
  const declarations = name && context.getSymbol(name)?.getDeclarations();
  if (!declarations || declarations.length === 0) return true;
  return declarations.some((declaration) => {
    if (!ts.isFunctionLike(declaration)) return true;
    const inJavaScript = (declaration.getSourceFile().flags & ts.NodeFlags.JavaScriptFile) !== 0;
    const returnType = declaration.type ?? (inJavaScript ? ts.getJSDocReturnType(declaration) : undefined);
    if (!returnType) return true;
    if (!ts.isTypePredicateNode(returnType)) return false;
    // `value is T` of a generic callee: the call's arguments fill T in (`isInstance(value, Socket)`).
    return returnType.type !== undefined && getDeclaredTypeScreen(context).declaredMayBeResource(returnType.type, undefined) !== false;
  });
}

/**
 * Whether a call's result is where the binder makes it a condition, so that a type predicate narrows
 * its argument: the test of an `if`, a loop or `?:`, an operand of `&&`, `||`, `??`, `!` or an
 * equality (`isSocket(x) === true`), a
 * `case` (of `switch (true)`), or a `const` the checker may read as an aliased condition; or a
 * statement of its own, an assertion. A call whose result is an argument, a value stored or
 * returned, or `super(…)`, narrows nothing.
 */
function mayNarrowAsCondition(ts: AnalysisContext['ts'], call: ts.CallExpression): boolean {
  if (call.expression.kind === ts.SyntaxKind.SuperKeyword) return false;
  let node: ts.Node = call;
  while (isOuterExpression(ts, node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind;
    return (
      operator === ts.SyntaxKind.AmpersandAmpersandToken ||
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.QuestionQuestionToken ||
      operator === ts.SyntaxKind.AmpersandAmpersandEqualsToken ||
      operator === ts.SyntaxKind.BarBarEqualsToken ||
      operator === ts.SyntaxKind.QuestionQuestionEqualsToken ||
      operator === ts.SyntaxKind.CommaToken ||
      // `isSocket(x) === true`
      operator === ts.SyntaxKind.EqualsEqualsEqualsToken ||
      operator === ts.SyntaxKind.EqualsEqualsToken ||
      operator === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      operator === ts.SyntaxKind.ExclamationEqualsToken
    );
  }
  if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) return parent.expression === node;
  if (ts.isForStatement(parent)) return parent.condition === node;
  if (ts.isConditionalExpression(parent)) return parent.condition === node;
  if (ts.isCaseClause(parent) || ts.isExpressionStatement(parent)) return true;
  return ts.isVariableDeclaration(parent) && parent.initializer === node;
}

/** `[x] = …`, `({ x } = …)`, `({ a: x } = …)`, `[...x] = …`, and the same in `for (… of …)`. */
function isDestructuringTarget(ts: AnalysisContext['ts'], node: ts.Node): boolean {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) {
      current = parent;
    } else if (ts.isPropertyAssignment(parent) && parent.initializer === current) {
      current = parent;
    } else if (ts.isObjectLiteralExpression(parent) && current !== node) {
      current = parent;
    } else if (isOuterExpression(ts, parent) && current !== node) {
      current = parent;
    } else {
      if (current === node) return false;
      if (ts.isBinaryExpression(parent)) return parent.left === current && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
      return (ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === current;
    }
  }
}

function isPrimitiveLiteral(ts: AnalysisContext['ts'], node: ts.Expression): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return true;
    default:
      return false;
  }
}

function isOuterExpression(ts: AnalysisContext['ts'], node: ts.Node): boolean {
  return ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isSatisfiesExpression(node);
}

function isAssignmentOperator(ts: AnalysisContext['ts'], operator: ts.SyntaxKind): boolean {
  return operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment;
}
