/** Syntax shared by the prefilters: the values a variable may hold, and who can type a parameter. */
import type * as ts from 'typescript';
import type { Ts } from '../host.js';
import type { AnalysisContext } from '../lifecycle/context.js';

/**
 * Parentheses and `!` keep a value's type; `as` and `<T>` replace it (with anything). `satisfies`
 * keeps it. A comma expression is its last operand: `(0, http_1.get)(url)`, the call TypeScript
 * emits for an imported function in CommonJS output, calls `http_1.get`.
 */
export function skipValuePreservingWrappers(ts: Ts, expression: ts.Expression): ts.Expression {
  let node = expression;
  for (;;) {
    if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.CommaToken) node = node.right;
    else return node;
  }
}

/** A function whose parameters can take their types from where it is written: an argument, an initializer, a literal's member. */
export function isContextuallyTyped(ts: Ts, fn: ts.Node): boolean {
  if (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) return true;
  return (ts.isMethodDeclaration(fn) || ts.isGetAccessor(fn) || ts.isSetAccessor(fn)) && ts.isObjectLiteralExpression(fn.parent);
}

/**
 * The values a variable is given: its initializer and every `name = value` to an identifier of
 * that name in its file (flow narrowing types a call by the last assignment). Undefined when it is
 * not a plain `let`/`const`/`var` of the file (then anything may flow in).
 */
export function getAssignedValues(ts: Ts, declaration: ts.VariableDeclaration): ts.Expression[] | undefined {
  const name = (declaration.name as ts.Identifier).text;
  const values: ts.Expression[] = declaration.initializer ? [declaration.initializer] : [];
  for (const assignment of getIdentifierAssignments(ts, declaration.getSourceFile()).get(name) ?? []) values.push(assignment.right);
  return values;
}

/**
 * `name = value` (and `||=`, `??=`, `&&=`) to a plain identifier called `name` in the file, in
 * source order, whatever it resolves to: one walk of the file answers every name.
 */
export function getAssignmentsNamed(ts: Ts, sourceFile: ts.SourceFile, name: string): readonly ts.BinaryExpression[] {
  return getIdentifierAssignments(ts, sourceFile).get(name) ?? [];
}

const assignmentsByFile = new WeakMap<ts.SourceFile, Map<string, ts.BinaryExpression[]>>();

/** `name = value` (and `||=`, `??=`, `&&=`) to a plain identifier, by name, in one file, each list in source order. */
function getIdentifierAssignments(ts: Ts, sourceFile: ts.SourceFile): Map<string, ts.BinaryExpression[]> {
  let byName = assignmentsByFile.get(sourceFile);
  if (byName) return byName;
  const found = new Map<string, ts.BinaryExpression[]>();
  // An explicit stack: the file may nest deeper than the call stack allows.
  const stack: ts.Node[] = [sourceFile];
  const push = (child: ts.Node): void => {
    stack.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isBinaryExpression(node) && ts.isIdentifier(node.left)) {
      const operator = node.operatorToken.kind;
      if (
        operator === ts.SyntaxKind.EqualsToken ||
        operator === ts.SyntaxKind.BarBarEqualsToken ||
        operator === ts.SyntaxKind.QuestionQuestionEqualsToken ||
        operator === ts.SyntaxKind.AmpersandAmpersandEqualsToken
      ) {
        const list = found.get(node.left.text);
        if (list) list.push(node);
        else found.set(node.left.text, [node]);
      }
    }
    ts.forEachChild(node, push);
  }
  // The stack pops children last to first: put each list back in source order.
  for (const list of found.values()) list.sort((a, b) => a.pos - b.pos);
  assignmentsByFile.set(sourceFile, (byName = found));
  return byName;
}

/**
 * The operands a conditional or binary expression may evaluate to: either branch of `?:`, either
 * side of `||` and `??`, the right of `&&`, `,` and `=`; none for any other operator (its value is
 * a number, a string or a boolean). Undefined for any other node.
 */
export function getResultOperands(ts: Ts, node: ts.Expression): readonly ts.Expression[] | undefined {
  if (ts.isConditionalExpression(node)) return [node.whenTrue, node.whenFalse];
  if (!ts.isBinaryExpression(node)) return undefined;
  switch (node.operatorToken.kind) {
    case ts.SyntaxKind.BarBarToken:
    case ts.SyntaxKind.QuestionQuestionToken:
      return [node.left, node.right];
    case ts.SyntaxKind.AmpersandAmpersandToken:
    case ts.SyntaxKind.CommaToken:
    case ts.SyntaxKind.EqualsToken:
      return [node.right];
    default:
      return [];
  }
}

/** Literals and operators whose value is neither a function nor a resource: object and array literals, strings, numbers, `true`, `null`, `typeof x`, `!x`… */
export function isInertValueSyntax(ts: Ts, node: ts.Node): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.ObjectLiteralExpression:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.DeleteExpression:
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
      return true;
    default:
      return false;
  }
}

/**
 * Whether an argument may evaluate to a function (a callback to register): not a literal, an
 * object or array literal, a class (constructed, never called) or an operator whose result is
 * none of those. Decided before any question about the call: a call whose callback slot holds no
 * function registers nothing, whatever it calls. A spread (`f(...args)`) may be anything.
 */
export function mayBeFunctionValue(ts: Ts, expression: ts.Expression): boolean {
  const node = skipValuePreservingWrappers(ts, expression);
  if (isInertValueSyntax(ts, node) || ts.isClassExpression(node)) return false;
  const operands = getResultOperands(ts, node);
  return operands === undefined || operands.some((operand) => mayBeFunctionValue(ts, operand));
}

/**
 * `new Promise((resolve, reject) => …)` with the lib's `Promise`: the executor's parameters are the
 * promise's own resolving functions (typed by the lib: they return `void`), never an API a check
 * looks for nor a creator.
 */
export function isPromiseExecutor(context: AnalysisContext, fn: ts.Node): boolean {
  const { ts } = context;
  const creation = fn.parent;
  if (!creation || !ts.isNewExpression(creation) || creation.arguments?.[0] !== fn || !ts.isIdentifier(creation.expression)) return false;
  const declarations = context.getSymbol(creation.expression)?.getDeclarations() ?? [];
  const { program } = context.host;
  return declarations.length > 0 && declarations.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}
