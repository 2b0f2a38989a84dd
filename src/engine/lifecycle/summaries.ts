/**
 * Callee summaries, computed lazily and cached per program: "returns a fresh resource" (a factory)
 * and "takes ownership of parameter i" (releases it, stores it, or hands it on to an owner on some
 * path). A callee in another file of the program is summarised the same way. Recursion assumes
 * the generous answer (owns, not a factory) so cycles terminate.
 */
import type * as ts from 'typescript';
import type { ResourceKind } from '../resources/kinds.js';
import type { AnalysisContext } from './context.js';
import { collectHolders, getCreationKind } from './acquisitions.js';
import { functionMayDischarge } from './effects.js';
import type { TrackedResource } from './resource.js';
import { forEachNodeInBody, getParameterOfArgument, isFunctionWithBody, skipOuterExpressions, type FunctionWithBody } from './syntax.js';

/** Whether the function takes ownership of the argument at `index`. */
export function summaryTakesOwnership(
  context: AnalysisContext,
  declaration: ts.FunctionLikeDeclaration,
  index: number,
  resource: TrackedResource,
): boolean {
  const { ts } = context;
  if (!isFunctionWithBody(ts, declaration)) return true;
  const key = `${declaration.getSourceFile().fileName}:${declaration.pos}:${index}:${resource.kind.name}:${resource.consumable}`;
  const cached = context.paramOwnership.get(key);
  if (cached !== undefined) return cached;
  context.paramOwnership.set(key, true); // recursion guard
  const result = computeParameterOwnership(context, declaration, index, resource);
  context.paramOwnership.set(key, result);
  return result;
}

function computeParameterOwnership(
  context: AnalysisContext,
  fn: FunctionWithBody,
  index: number,
  resource: TrackedResource,
): boolean {
  const { ts } = context;
  const parameter = getParameterOfArgument(ts, fn, index);
  if (!parameter) return false; // an extra argument the function never names
  if (parameter.dotDotDotToken || !ts.isIdentifier(parameter.name)) return true;
  // `constructor(private readonly socket: net.Socket)` stores its argument in a field.
  if (ts.isParameterPropertyDeclaration(parameter, parameter.parent)) return true;
  const symbol = context.getSymbol(parameter.name);
  if (!symbol) return true;
  const holders = collectHolders(context, fn, new Set([symbol]));
  const asParameter: TrackedResource = {
    ...resource,
    id: context.newResourceId(),
    origin: parameter,
    holders,
    holderNames: new Set([...holders].map((holder) => holder.name)),
    primaryHolder: { name: parameter.name.text, declaration: parameter },
  };
  return functionMayDischarge(context, fn, asParameter);
}

/** The kind of fresh resource the function returns, if it is a factory. */
export function summaryReturnsFresh(context: AnalysisContext, declaration: ts.FunctionLikeDeclaration): ResourceKind | undefined {
  const { ts } = context;
  if (!isFunctionWithBody(ts, declaration)) return undefined;
  const cached = context.freshReturns.get(declaration);
  if (cached !== undefined) return cached ?? undefined;
  context.freshReturns.set(declaration, null); // recursion guard
  const result = computeFreshReturn(context, declaration);
  context.freshReturns.set(declaration, result ?? null);
  return result;
}

function computeFreshReturn(context: AnalysisContext, fn: FunctionWithBody): ResourceKind | undefined {
  const { ts, checker } = context;
  const returned: ts.Expression[] = [];
  if (ts.isBlock(fn.body)) {
    forEachNodeInBody(ts, fn, (node) => {
      if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    });
  } else {
    returned.push(fn.body);
  }
  let fresh: ResourceKind | undefined;
  for (const expression of returned) {
    let value = skipOuterExpressions(ts, expression);
    if (ts.isAwaitExpression(value)) value = skipOuterExpressions(ts, value.expression);
    const kind = getFreshValueKind(context, fn, value);
    if (kind) {
      fresh ??= kind;
      continue;
    }
    // Returning a resource that is not fresh (a field, a parameter) makes this a getter, not a factory.
    const type = checker.getTypeAtLocation(value);
    if (context.catalog.getKindOfType(checker.getAwaitedType(type) ?? type)) return undefined;
  }
  return fresh;
}

/** A created resource, or a local variable initialised with one. */
function getFreshValueKind(context: AnalysisContext, fn: FunctionWithBody, value: ts.Expression): ResourceKind | undefined {
  const { ts } = context;
  if (ts.isCallExpression(value) || ts.isNewExpression(value)) return getCreationKind(context, value);
  if (!ts.isIdentifier(value)) return undefined;
  const declaration = context.getSymbol(value)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  if (declaration.pos < fn.pos || declaration.end > fn.end) return undefined;
  let initializer = skipOuterExpressions(ts, declaration.initializer);
  if (ts.isAwaitExpression(initializer)) initializer = skipOuterExpressions(ts, initializer.expression);
  return ts.isCallExpression(initializer) || ts.isNewExpression(initializer) ? getCreationKind(context, initializer) : undefined;
}
