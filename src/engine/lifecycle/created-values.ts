/**
 * What a value expression creates, read through the operators that pick one of their operands:
 * `tls ? tls.connect(o) : net.connect(o)` creates a socket whichever branch runs, as does
 * `existing ?? net.connect(o)` when it runs its right side. Used where a value is followed by its
 * syntax rather than tracked through a graph: a function's returned values (its summary) and a
 * class's field stores.
 */
import type * as ts from 'typescript';
import type { ResourceKind } from '../resources/kinds.js';
import { getCreationKind } from './acquisitions.js';
import type { AnalysisContext } from './context.js';
import { callPassesThrough, probeResource, returnsThis } from './resource.js';
import { getValueOperands, skipOuterExpressions } from './syntax.js';

/**
 * The kind of resource one operand (see getValueOperands) creates: a creating call or `new`, or a
 * local variable initialised with one (declared inside `scope`, when given), read through the calls
 * that hand back their receiver or their target (`net.connect(p).setTimeout(ms)`, `const t =
 * s.setNoDelay(true)`, `Object.assign(net.connect(p), { id })`) and through local aliases
 * (`const t = s`). Undefined for anything else, a resource that already existed included.
 */
export function getCreatedOperandKind(context: AnalysisContext, operand: ts.Expression, scope?: ts.Node): ResourceKind | undefined {
  return getKindThroughLocals(context, operand, scope, new Set());
}

/** getCreatedOperandKind, `seen` holding the locals followed so far (`let a = b, b = a` ends). */
function getKindThroughLocals(context: AnalysisContext, operand: ts.Expression, scope: ts.Node | undefined, seen: Set<ts.Node>): ResourceKind | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(ts, operand);
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    const kind = getCreationKind(context, node);
    if (kind || !ts.isCallExpression(node)) return kind;
    // What the receiver or the target is first: resolving the call is paid only when it is a creation.
    const callee = skipOuterExpressions(ts, node.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const receiver = getKindThroughLocals(context, callee.expression, scope, seen);
      if (receiver && returnsThis(context, node)) return receiver;
    }
    // `Object.assign(net.connect(p), { id })`, `tune(net.connect(p))`: an argument the call hands back.
    for (const [index, argument] of node.arguments.entries()) {
      if (ts.isSpreadElement(argument)) continue;
      const argumentKind = getKindThroughLocals(context, argument, scope, seen);
      if (argumentKind && callPassesThrough(context, node, index, probeResource(context, argument, argumentKind))) return argumentKind;
    }
    return undefined;
  }
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = context.getSymbol(node)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || seen.has(declaration)) return undefined;
  if (scope && (declaration.pos < scope.pos || declaration.end > scope.end)) return undefined;
  seen.add(declaration);
  for (const value of getValueOperands(ts, declaration.initializer)) {
    const kind = getKindThroughLocals(context, value, scope, seen);
    if (kind) return kind;
  }
  return undefined;
}

/** The kind of resource an expression creates, by whichever of its operands creates one. */
export function getCreatedKind(context: AnalysisContext, expression: ts.Expression, scope?: ts.Node): ResourceKind | undefined {
  for (const operand of getValueOperands(context.ts, expression)) {
    const kind = getCreatedOperandKind(context, operand, scope);
    if (kind) return kind;
  }
  return undefined;
}
