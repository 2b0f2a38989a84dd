/**
 * Awaits that reject only once the resource is gone. Node destroys a socket before it emits
 * `'error'` (streams' autoDestroy; measured in test/live): when `await once(socket, 'connect')`
 * rejects, the socket that failed is already destroyed and nothing is left to release on that
 * exception edge. The same holds for a promise built to reject from the resource's `'error'` event:
 *
 *   await new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
 *
 * `once` with an options argument (an AbortSignal) can reject without an error: not counted.
 */
import type * as ts from 'typescript';
import type { CfgNode } from '../cfg/graph.js';
import type { TypeSpecifier } from '../options.js';
import type { AnalysisContext } from './context.js';
import { isResourceExpression, type TrackedResource } from './resource.js';
import { getMethodCall, getStringLiteralValue, isFunctionWithBody, listenerMethods, skipOuterExpressions } from './syntax.js';

const eventsOnce: TypeSpecifier = { from: 'package', package: 'events', name: ['once', 'EventEmitter.once'] };
const onceNames: ReadonlySet<string> = new Set(['once']);

/** Whether the exception edge out of `from` means the resource was destroyed first. */
export function isRejectionAfterDestroy(context: AnalysisContext, from: CfgNode, resource: TrackedResource): boolean {
  const { ts } = context;
  if (resource.kind.destroyedOnError !== true || from.kind !== 'element') return false;
  // The exception comes out of the `await`, or out of the awaited call itself (which returns a
  // promise: a rejected one, not a synchronous throw).
  const awaited = ts.isAwaitExpression(from.ast) ? skipOuterExpressions(ts, from.ast.expression) : from.ast;
  if (!isAwaited(context, awaited)) return false;
  if (ts.isCallExpression(awaited)) return isOnceOfResource(context, awaited, resource);
  if (ts.isNewExpression(awaited)) return isErrorOnlyPromise(context, awaited, resource);
  return false;
}

function isAwaited(context: AnalysisContext, node: ts.Node): boolean {
  const { ts } = context;
  let current = node;
  while (ts.isParenthesizedExpression(current.parent) || ts.isAsExpression(current.parent) || ts.isNonNullExpression(current.parent)) {
    current = current.parent;
  }
  return ts.isAwaitExpression(current.parent);
}

/** `events.once(resource, event)`, found through the callee's declaration. */
function isOnceOfResource(context: AnalysisContext, call: ts.CallExpression, resource: TrackedResource): boolean {
  const [emitter, event] = call.arguments;
  if (call.arguments.length !== 2 || !emitter || !event || !isResourceExpression(context, emitter, resource)) return false;
  return context
    .getCalleeSymbolDeclarations(call, onceNames)
    .some((declaration) => context.catalog.declarationMatches(declaration, eventsOnce));
}

/** `new Promise((resolve, reject) => …)` whose `reject` is reached only from the resource's `'error'` event. */
function isErrorOnlyPromise(context: AnalysisContext, creation: ts.NewExpression, resource: TrackedResource): boolean {
  const { ts, checker } = context;
  const executor = creation.arguments?.[0] && skipOuterExpressions(ts, creation.arguments[0]);
  if (!executor || !isFunctionWithBody(ts, executor)) return false;
  const promiseSymbol = checker.getTypeAtLocation(creation).getSymbol();
  if (!promiseSymbol || !promiseSymbol.getDeclarations()?.some((d) => context.catalog.declarationMatches(d, { from: 'lib', name: 'Promise' }))) {
    return false;
  }
  const rejectParameter = executor.parameters[1];
  if (!rejectParameter || !ts.isIdentifier(rejectParameter.name)) return false;
  const reject = context.getSymbol(rejectParameter.name);
  if (!reject) return false;
  let uses = 0;
  let allFromError = true;
  const visit = (node: ts.Node): void => {
    if (!allFromError) return;
    if (ts.isIdentifier(node) && node !== rejectParameter.name && context.getSymbol(node) === reject) {
      uses++;
      if (!isInsideErrorListener(context, node, executor, resource)) allFromError = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(executor.body);
  return uses > 0 && allFromError;
}

/** `resource.once('error', reject)`, or a use inside a function registered that way, within the executor. */
function isInsideErrorListener(context: AnalysisContext, use: ts.Node, executor: ts.Node, resource: TrackedResource): boolean {
  const { ts } = context;
  for (let node: ts.Node = use; node !== executor && node.parent; node = node.parent) {
    const parent = node.parent;
    if (!ts.isCallExpression(parent) || parent.arguments[1] !== node) continue;
    const method = getMethodCall(ts, parent);
    if (
      method !== undefined &&
      listenerMethods.has(method.name) &&
      getStringLiteralValue(ts, parent.arguments[0]) === 'error' &&
      isResourceExpression(context, method.receiver, resource)
    ) {
      return true;
    }
  }
  return false;
}
