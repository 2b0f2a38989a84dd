/**
 * Paths the types rule out. The control-flow graph is built from syntax alone; some of its edges
 * can never be taken in a program that type-checks, and a leak found only along them is no leak.
 *
 * - the `false` edge of a test that is the literal `true` (`while (true)`, `for (;;)` has none) and
 *   the `true` edge of a literal `false`;
 * - the "no case matched" edge of a `switch` whose cases cover every member of the discriminant's
 *   type (a union of literals, an enum, a discriminated union's tag, `boolean`): the checker would
 *   narrow the discriminant to `never` there. The graph takes that edge as the `false` outcome of
 *   the last `case` test (into `default`, or past the switch).
 */
import type * as ts from 'typescript';
import type { CfgEdge } from '../cfg/graph.js';
import type { AnalysisContext } from './context.js';
import { skipOuterExpressions } from './syntax.js';

const exhaustive = new WeakMap<ts.SwitchStatement, boolean>();

/** Whether no execution of a well-typed program takes this edge. */
export function isInfeasibleEdge(context: AnalysisContext, edge: CfgEdge): boolean {
  const { ts } = context;
  if (!edge.test) return false;
  const test = skipOuterExpressions(ts, edge.test);
  if (edge.kind === 'true' && test.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (edge.kind !== 'false') return false;
  if (test.kind === ts.SyntaxKind.TrueKeyword) return true;
  const clause = edge.test.parent;
  if (!ts.isCaseClause(clause) || clause.expression !== edge.test) return false;
  const clauses = clause.parent.clauses;
  const lastCase = findLast(clauses, (candidate) => ts.isCaseClause(candidate));
  if (lastCase !== clause) return false;
  return isExhaustiveSwitch(context, clause.parent.parent);
}

/**
 * Whether the `case` tests of a switch cover every member of its discriminant's type. Each member
 * must be a unit type (a literal, an enum member, `true`/`false`, `undefined`, `null`) equal to the
 * type of some `case` expression; `string`, `number` or an object type is never covered.
 */
export function isExhaustiveSwitch(context: AnalysisContext, statement: ts.SwitchStatement): boolean {
  let result = exhaustive.get(statement);
  if (result === undefined) {
    result = computeExhaustive(context, statement);
    exhaustive.set(statement, result);
  }
  return result;
}

function computeExhaustive(context: AnalysisContext, statement: ts.SwitchStatement): boolean {
  const { ts, checker } = context;
  const members = unionMembers(checker.getTypeAtLocation(statement.expression));
  if (members.length === 0) return false;
  const covered = new Set<string>();
  for (const clause of statement.caseBlock.clauses) {
    if (!ts.isCaseClause(clause)) continue;
    for (const member of unionMembers(checker.getTypeAtLocation(clause.expression))) {
      const key = getUnitTypeKey(context, member);
      if (key !== undefined) covered.add(key);
    }
  }
  return members.every((member) => {
    const key = getUnitTypeKey(context, member);
    return key !== undefined && covered.has(key);
  });
}

function unionMembers(type: ts.Type): readonly ts.Type[] {
  return type.isUnion() ? type.types : [type];
}

/**
 * A key equal for equal unit types, whatever their freshness: literal types of the same value are
 * distinct objects in the checker (fresh and regular), so identity alone would miss `case 'a':`.
 */
function getUnitTypeKey(context: AnalysisContext, type: ts.Type): string | undefined {
  const { ts, checker } = context;
  const flags = type.flags;
  if (flags & ts.TypeFlags.EnumLiteral) {
    const symbol = type.getSymbol();
    return symbol ? `enum:${checker.getFullyQualifiedName(symbol)}` : undefined;
  }
  if (type.isStringLiteral()) return `string:${type.value}`;
  if (type.isNumberLiteral()) return `number:${type.value}`;
  if (flags & ts.TypeFlags.BigIntLiteral) {
    const value = (type as ts.BigIntLiteralType).value;
    return `bigint:${value.negative ? '-' : ''}${value.base10Value}`;
  }
  if (flags & ts.TypeFlags.BooleanLiteral) return `boolean:${checker.typeToString(type)}`;
  if (flags & ts.TypeFlags.Undefined) return 'undefined';
  if (flags & ts.TypeFlags.Null) return 'null';
  return undefined;
}

function findLast<T>(items: readonly T[], predicate: (item: T) => boolean): T | undefined {
  for (let index = items.length - 1; index >= 0; index--) {
    if (predicate(items[index]!)) return items[index];
  }
  return undefined;
}
