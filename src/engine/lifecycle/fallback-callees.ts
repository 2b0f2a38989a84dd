/**
 * `(this._fetch ?? fetch)(url)`: a function the caller may override, falling back to a declared
 * one. When the override is untyped (an option of a JavaScript package, `any`), the checker types
 * the whole callee `any` and the call creates nothing it can see; the fallback says what the call
 * makes, and an override stands in for it under the same contract (a custom `fetch` answers with a
 * `Response` too). TypeScript's downlevelled `??` (`(_a = this._fetch) !== null && _a !== void 0
 * ? _a : fetch`) is a conditional, and reads the same.
 */
import type * as ts from 'typescript';
import type { ResourceKind } from '../resources/kinds.js';
import type { AnalysisContext } from './context.js';
import { hasBodyInProgram } from './ownership.js';
import { skipOuterExpressions } from './syntax.js';

/**
 * The kind a call creates when its callee is `a ?? b`, `a || b` or `c ? a : b` that the checker
 * types `any`, and every alternative it can type is a declared function returning that one kind
 * (awaited): undefined otherwise, and whenever the checker has a type of its own for the callee.
 */
export function getFallbackCalleeKind(context: AnalysisContext, call: ts.CallExpression): ResourceKind | undefined {
  const { ts, checker, catalog } = context;
  const callee = skipOuterExpressions(ts, call.expression);
  const alternatives = getAlternatives(ts, callee);
  if (alternatives.length < 2 || !(checker.getTypeAtLocation(callee).flags & ts.TypeFlags.Any)) return undefined;
  let kind: ResourceKind | undefined;
  for (const alternative of alternatives) {
    const type = checker.getTypeAtLocation(alternative);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Undefined | ts.TypeFlags.Null)) continue;
    const signatures = checker.getNonNullableType(type).getCallSignatures();
    if (signatures.length === 0) return undefined;
    for (const signature of signatures) {
      const declaration = signature.getDeclaration() as ts.Node | undefined;
      // A function of the program answers by its summary, which this reading does not ask.
      if (!declaration || hasBodyInProgram(context, declaration)) return undefined;
      const returned = checker.getReturnTypeOfSignature(signature);
      const own = catalog.getKindOfType(checker.getAwaitedType(returned) ?? returned);
      if (!own || (kind !== undefined && own !== kind)) return undefined;
      if (own.notCreatedBy?.some((specifier) => catalog.declarationMatches(declaration, specifier))) return undefined;
      kind = own;
    }
  }
  return kind;
}

/** The callees a `??`, `||` or conditional may evaluate to (nested ones flattened); the expression itself otherwise. */
function getAlternatives(ts: AnalysisContext['ts'], expression: ts.Expression): ts.Expression[] {
  const node = skipOuterExpressions(ts, expression);
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return [...getAlternatives(ts, node.left), ...getAlternatives(ts, node.right)];
  }
  if (ts.isConditionalExpression(node)) return [...getAlternatives(ts, node.whenTrue), ...getAlternatives(ts, node.whenFalse)];
  return [node];
}
