/** Small syntax helpers shared by the lifecycle analyses. */
import type * as ts from 'typescript';
import type { Ts } from '../host.js';

/** Skips the wrappers that do not change a value: parentheses, `as`, `!`, `satisfies`, `<T>x`. */
export function skipOuterExpressions(ts: Ts, node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/**
 * The outermost expression whose value is `node`'s through parentheses, `as` and `!` (the other
 * way from skipOuterExpressions): where `(new net.Socket() as Socket).connect(…)` uses the value.
 */
export function getOutermostWrapper(ts: Ts, node: ts.Node): ts.Node {
  let value = node;
  while (ts.isParenthesizedExpression(value.parent) || ts.isAsExpression(value.parent) || ts.isNonNullExpression(value.parent)) value = value.parent;
  return value;
}

/**
 * What a call calls, wrappers skipped: `(0, net_1.createServer)(…)`, the call TypeScript's
 * CommonJS output makes of an imported function, calls `net_1.createServer` (a comma expression is
 * its last operand).
 */
export function skipToCallee(ts: Ts, node: ts.Expression): ts.Expression {
  let current = skipOuterExpressions(ts, node);
  while (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.CommaToken) current = skipOuterExpressions(ts, current.right);
  return current;
}

export type FunctionWithBody = ts.FunctionLikeDeclaration & { body: ts.Block | ts.Expression };

/** Function-like nodes that have their own body (analysed as separate graphs). */
export function isFunctionWithBody(ts: Ts, node: ts.Node): node is FunctionWithBody {
  // One switch on the kind: this runs on every node of every walk.
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.Constructor:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
      return (node as ts.FunctionLikeDeclaration).body !== undefined;
    default:
      return false;
  }
}

/** Visits every node of a function body except the insides of nested functions and classes. */
export function forEachNodeInBody(ts: Ts, fn: FunctionWithBody, visit: (node: ts.Node) => void): void {
  const walk = (node: ts.Node): void => {
    visit(node);
    if (isFunctionWithBody(ts, node) || ts.isClassLike(node)) return;
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(fn.body, walk);
}

/** Visits every node below `root`, nested functions included. */
export function forEachDescendant(ts: Ts, root: ts.Node, visit: (node: ts.Node) => void): void {
  const walk = (node: ts.Node): void => {
    visit(node);
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(root, walk);
}

/** The name of the method called by `x.name(...)` / `x?.name(...)`, with its receiver. */
export function getMethodCall(
  ts: Ts,
  call: ts.CallExpression,
): { receiver: ts.Expression; name: string } | undefined {
  const callee = skipOuterExpressions(ts, call.expression);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    return { receiver: callee.expression, name: callee.name.text };
  }
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) {
    return { receiver: callee.expression, name: callee.argumentExpression.text };
  }
  // `x[Symbol.asyncDispose]()`: named as the class member is (`[Symbol.asyncDispose]`).
  if (ts.isElementAccessExpression(callee) && isWellKnownSymbol(ts, callee.argumentExpression)) {
    return { receiver: callee.expression, name: `[Symbol.${callee.argumentExpression.name.text}]` };
  }
  return undefined;
}

/** `Symbol.dispose`, `Symbol.asyncDispose`, `Symbol.iterator`…: a property of the global `Symbol`. */
function isWellKnownSymbol(ts: Ts, node: ts.Expression): node is ts.PropertyAccessExpression & { name: ts.Identifier } {
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Symbol' && ts.isIdentifier(node.name);
}

/** The string value of a literal argument (`'data'`, `"end"`, a no-substitution template). */
export function getStringLiteralValue(ts: Ts, node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

export const listenerMethods: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
]);

/** Whether `node` lies inside `container` (inclusive). */
export function isWithin(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end && node.getSourceFile() === container.getSourceFile();
}

/**
 * The parameter that receives the argument at `index` of a call: a TypeScript `this` parameter
 * (`function (this: net.Server, socket)`) takes no argument, and a rest parameter takes every
 * argument from its position on. Undefined for an argument the function never names.
 */
export function getParameterOfArgument(
  ts: Ts,
  fn: ts.SignatureDeclarationBase,
  index: number,
): ts.ParameterDeclaration | undefined {
  const parameters = fn.parameters.filter((parameter) => !isThisParameter(ts, parameter));
  const last = parameters[parameters.length - 1];
  return parameters[index] ?? (last?.dotDotDotToken ? last : undefined);
}

/** A TypeScript `this` parameter: a type annotation for `this`, not a parameter. */
export function isThisParameter(ts: Ts, parameter: ts.ParameterDeclaration): boolean {
  return ts.isIdentifier(parameter.name) && ts.identifierToKeywordKind(parameter.name) === ts.SyntaxKind.ThisKeyword;
}

/**
 * The values an expression may evaluate to, outer wrappers and one `await` skipped: either branch
 * of `?:`, either side of `||` and `??`, the right of `&&` and `,`, else the expression itself.
 * Not an assignment's right side: that value is also kept where it is assigned.
 */
export function getValueOperands(ts: Ts, expression: ts.Expression): ts.Expression[] {
  let node = skipOuterExpressions(ts, expression);
  if (ts.isAwaitExpression(node)) node = skipOuterExpressions(ts, node.expression);
  if (ts.isConditionalExpression(node)) return [...getValueOperands(ts, node.whenTrue), ...getValueOperands(ts, node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
        return [...getValueOperands(ts, node.left), ...getValueOperands(ts, node.right)];
      case ts.SyntaxKind.AmpersandAmpersandToken:
      case ts.SyntaxKind.CommaToken:
        return getValueOperands(ts, node.right);
    }
  }
  return [node];
}

/**
 * The function, class or file whose `this` a `this` keyword denotes: the nearest enclosing one that
 * is not an arrow function (arrows take `this` from where they are written).
 */
export function getThisContainer(ts: Ts, node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isArrowFunction(current)) continue;
    if (ts.isFunctionLike(current) || ts.isClassLike(current) || ts.isClassStaticBlockDeclaration(current) || ts.isSourceFile(current)) return current;
  }
  return undefined;
}

/**
 * The nodes whose range (leading trivia included) holds `position`, from the file's child down to
 * the deepest; forEachChild's children, so no JSDoc. Iterative: the tree can be deep.
 */
export function getNodesAt(ts: Ts, sourceFile: ts.SourceFile, position: number): ts.Node[] {
  const path: ts.Node[] = [];
  let node: ts.Node = sourceFile;
  for (;;) {
    const next: ts.Node | undefined = ts.forEachChild(node, (child) => (child.pos <= position && position < child.end ? child : undefined));
    if (!next) return path;
    path.push(next);
    node = next;
  }
}
