/** The branch steps of a witness path, shared by every check that reports one. */
import type { CfgEdge } from '../cfg/graph.js';
import type { PathStep } from '../findings.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import type { PathEdge } from '../lifecycle/leaks.js';
import { isFunctionWithBody } from '../lifecycle/syntax.js';

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

/**
 * A Markdown code span of `code`: the fence is longer than any backtick run inside, so a condition
 * holding a template literal stays one span ("`` `${a}` === b ``"); reporters render it as code.
 */
function toCodeSpan(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padding = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${code}${padding}${fence}`;
}

/**
 * "`x > 1` is true", "`line` is falsy", "an exception is thrown here". `boolean`: whether the test
 * is a boolean; any other value (`if (!line)`, whose `!` the graph reads as the false branch of
 * `line`) is truthy or falsy.
 */
function describeEdge(edge: CfgEdge, boolean: boolean): string {
  const test = edge.test ? toCodeSpan(truncate(edge.test.getText())) : '';
  switch (edge.kind) {
    case 'true':
      return `${test} is ${boolean ? 'true' : 'truthy'}`;
    case 'false':
      return `${test} is ${boolean ? 'false' : 'falsy'}`;
    case 'nullish':
      return `${test} is nullish`;
    case 'present':
      return `${test} is not nullish`;
    case 'exception':
      return 'an exception is thrown here';
    default:
      return '';
  }
}

/** One step per decision on the path: each test taken one way, each exception thrown. */
export function getBranchSteps(context: AnalysisContext, path: readonly PathEdge[]): PathStep[] {
  const steps: PathStep[] = [];
  for (const { from, edge } of path) {
    if (edge.kind === 'normal') continue;
    const node = edge.kind === 'exception' ? from.ast : edge.test;
    if (node && !isFunctionWithBody(context.ts, node)) steps.push({ node, role: 'branch', message: describeEdge(edge, isBooleanTest(context, edge)) });
  }
  return steps;
}

/** A test whose type is `boolean` or a boolean literal (a comparison, `instanceof`, a flag); asked only of the steps a finding shows. */
function isBooleanTest(context: AnalysisContext, edge: CfgEdge): boolean {
  const { ts, checker } = context;
  if (!edge.test || (edge.kind !== 'true' && edge.kind !== 'false')) return true;
  const type = checker.getTypeAtLocation(edge.test);
  return (type.isUnion() ? type.types : [type]).every((part) => (part.flags & ts.TypeFlags.BooleanLike) !== 0);
}
