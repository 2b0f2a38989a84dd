/**
 * Calls that throw (option `checkThrowingCalls`, in `configs.strict`). Implicit exceptions are not
 * exits: every call can throw in JavaScript. But a call of a function of the program whose summary
 * shows an explicit `throw` that can escape it (`assertSecure(conn)`) is a place where the caller
 * leaves on purpose, and a resource open there leaks on that path, inside or outside a `try`.
 *
 * The summary: some exit of the function's graph is a `throw` that escapes it, or some call in it,
 * not caught by a `try` of its own, is itself such a call (to a fixed point; a cycle says no). An
 * `async` function rejects rather than throws: its call throws where it is awaited.
 *
 * Always, whatever the option: the awaited operations of a resource whose kind says they reject in
 * normal use (a pooled database client's `await client.query(…)`), called on the resource itself.
 */
import type * as ts from 'typescript';
import type { CfgNode } from '../cfg/graph.js';
import { getCfg } from '../checks/functions.js';
import type { AnalysisContext } from './context.js';
import { hasBodyInProgram } from './ownership.js';
import { isResourceExpression, type TrackedResource } from './resource.js';
import { getMethodCall, isFunctionWithBody, skipOuterExpressions, type FunctionWithBody } from './syntax.js';

const summaries = new WeakMap<AnalysisContext, Map<ts.Node, boolean>>();

/**
 * The call an element node makes that may throw explicitly (the call, or the `await` of an async
 * one): a program function's, with `checkThrowingCalls`; or, with `resource`, an awaited operation
 * of a resource whose operations reject in normal use.
 */
export function getThrowingCall(context: AnalysisContext, node: CfgNode, resource?: TrackedResource): ts.CallExpression | undefined {
  const { ts } = context;
  if (node.kind !== 'element') return undefined;
  if (resource?.kind.operationsReject && ts.isAwaitExpression(node.ast)) {
    const awaited = skipOuterExpressions(ts, node.ast.expression);
    if (ts.isCallExpression(awaited) && isOperationOf(context, awaited, resource)) return awaited;
  }
  if (context.options.checkThrowingCalls !== true) return undefined;
  if (ts.isCallExpression(node.ast)) {
    const callee = getProgramCallee(context, node.ast);
    return callee && !isAsync(context, callee) && mayThrow(context, callee) ? node.ast : undefined;
  }
  if (ts.isAwaitExpression(node.ast)) {
    const awaited = skipOuterExpressions(ts, node.ast.expression);
    if (!ts.isCallExpression(awaited)) return undefined;
    const callee = getProgramCallee(context, awaited);
    return callee && isAsync(context, callee) && mayThrow(context, callee) ? awaited : undefined;
  }
  return undefined;
}

/** Whether `call` is an operation of `resource` itself (`client.query(…)`), other than its release. */
export function isOperationOf(context: AnalysisContext, call: ts.CallExpression | undefined, resource: TrackedResource): boolean {
  const method = call && getMethodCall(context.ts, call);
  return method !== undefined && !resource.kind.release.includes(method.name) && isResourceExpression(context, method.receiver, resource);
}

function getProgramCallee(context: AnalysisContext, call: ts.CallExpression): FunctionWithBody | undefined {
  const declaration = context.getCalleeDeclaration(call);
  return declaration && hasBodyInProgram(context, declaration) && isFunctionWithBody(context.ts, declaration) ? declaration : undefined;
}

function isAsync(context: AnalysisContext, fn: FunctionWithBody): boolean {
  const { ts } = context;
  return (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
}

/** Whether an explicit `throw` can escape the function (directly or through the calls it makes). */
export function mayThrow(context: AnalysisContext, fn: FunctionWithBody): boolean {
  let cache = summaries.get(context);
  if (!cache) summaries.set(context, (cache = new Map()));
  const cached = cache.get(fn);
  if (cached !== undefined) return cached;
  cache.set(fn, false); // a cycle says no
  const cfg = getCfg(context.ts, fn);
  const result = cfg.nodes.some(
    (node) => (node.kind === 'exit' && node.exitKind === 'throw') || (getThrowingCall(context, node) !== undefined && !isCaught(context, node.ast, fn)),
  );
  cache.set(fn, result);
  return result;
}

/** Inside a `try` with a `catch` of the function itself. */
function isCaught(context: AnalysisContext, node: ts.Node, fn: FunctionWithBody): boolean {
  const { ts } = context;
  for (let current: ts.Node = node; current.parent && current !== fn; current = current.parent) {
    if (ts.isTryStatement(current.parent) && current.parent.tryBlock === current && current.parent.catchClause) return true;
  }
  return false;
}
