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
import { getValueOperands } from './syntax.js';

/**
 * The kind of resource one operand (see getValueOperands) creates: a creating call or `new`, or a
 * local variable initialised with one (declared inside `scope`, when given). Undefined for anything
 * else, a resource that already existed included.
 */
export function getCreatedOperandKind(context: AnalysisContext, operand: ts.Expression, scope?: ts.Node): ResourceKind | undefined {
  const { ts } = context;
  if (ts.isCallExpression(operand) || ts.isNewExpression(operand)) return getCreationKind(context, operand);
  if (!ts.isIdentifier(operand)) return undefined;
  const declaration = context.getSymbol(operand)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  if (scope && (declaration.pos < scope.pos || declaration.end > scope.end)) return undefined;
  for (const value of getValueOperands(ts, declaration.initializer)) {
    const kind = ts.isCallExpression(value) || ts.isNewExpression(value) ? getCreationKind(context, value) : undefined;
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
