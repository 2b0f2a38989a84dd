/**
 * Promise chains: `fetch(url).then((res) => …)`. A resource that reaches a `.then` callback is owned
 * by that callback (its first parameter receives it), and what the callback returns flows on down
 * the chain: a callback that returns its parameter (`.then((res) => { if (!res.ok) throw …; return
 * res; })`) passes the resource to the next link, so that `.then(…)` call is itself an acquisition;
 * `.catch(…)` and `.finally(…)` pass a fulfilled value through unchanged. A callback that returns a
 * fresh resource (`.then(() => net.connect(port))`) makes the link an acquisition of that one.
 *
 * Only a chain that starts at an acquisition (a creating call, or a `const` initialised with one)
 * is followed: a promise kept in a field or received as a parameter belongs to whoever keeps it.
 */
import type * as ts from 'typescript';
import type { ResourceKind } from '../resources/kinds.js';
import type { ReceivedParameter } from './acquisitions.js';
import type { AnalysisContext } from './context.js';
import { resolveHandlerFunction } from './received.js';
import { isResourceExpression, type TrackedResource } from './resource.js';
import { getBodyNodes, getFileIndex } from './file-index.js';
import { mayCreateResource } from '../prefilter/may-create.js';
import { getMethodCall, getParameterOfArgument, skipOuterExpressions, type FunctionWithBody } from './syntax.js';

export const chainMethods: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** acquisitions.ts's getCreationKind, passed in (it calls back into this module for chain links). */
export type CreationKindOf = (node: ts.CallExpression | ts.NewExpression) => ResourceKind | undefined;

/** The kind a `.then` / `.catch` / `.finally` link hands down the chain, if it hands a resource on. */
export function getChainLinkKind(
  context: AnalysisContext,
  call: ts.CallExpression,
  getCreationKind: CreationKindOf,
): ResourceKind | undefined {
  const { ts } = context;
  const method = getMethodCall(ts, call);
  if (!method || !chainMethods.has(method.name)) return undefined;
  const kind = getLinkKind(context, call, method, getCreationKind);
  // The receiver's type last: it makes the checker infer the whole chain, and most links hand nothing on.
  return kind && isPromise(context, method.receiver) ? kind : undefined;
}

/** getChainLinkKind's answer if the receiver is a promise. */
function getLinkKind(
  context: AnalysisContext,
  call: ts.CallExpression,
  method: { readonly name: string; readonly receiver: ts.Expression },
  getCreationKind: CreationKindOf,
): ResourceKind | undefined {
  const source = getChainSourceKind(context, method.receiver, getCreationKind);
  if (method.name !== 'then') return source;
  const onFulfilled = call.arguments[0];
  if (!onFulfilled || isNullish(context, onFulfilled)) return source;
  const callback = resolveHandlerFunction(context, onFulfilled);
  if (!callback) return undefined; // a callback we cannot see takes it
  if (source && returnsParameter(context, callback, source)) return source;
  return getFreshReturnKind(context, callback, getCreationKind);
}

/** The kind of resource a promise expression is the fresh start of a chain for. */
function getChainSourceKind(
  context: AnalysisContext,
  receiver: ts.Expression,
  getCreationKind: CreationKindOf,
): ResourceKind | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(ts, receiver);
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return getCreationKind(node);
  return undefined;
}

function isPromise(context: AnalysisContext, expression: ts.Expression): boolean {
  const type = context.checker.getTypeAtLocation(expression);
  return context.checker.getAwaitedType(type) !== type;
}

function isNullish(context: AnalysisContext, expression: ts.Expression): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  return node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined');
}

/** Whether some `return` of the callback (or its expression body) hands back its first parameter. */
function returnsParameter(context: AnalysisContext, fn: FunctionWithBody, kind: ResourceKind): boolean {
  const { ts } = context;
  const parameter = getParameterOfArgument(ts, fn, 0);
  if (!parameter || !ts.isIdentifier(parameter.name)) return false;
  const symbol = context.getSymbol(parameter.name);
  if (!symbol) return false;
  const probe: TrackedResource = {
    id: context.newResourceId(),
    origin: parameter,
    kind,
    typeName: kind.name,
    received: undefined,
    consumable: false,
    holders: new Set([symbol]),
    holderNames: new Set([symbol.name]),
    primaryHolder: undefined,
  };
  if (!ts.isBlock(fn.body)) return isResourceExpression(context, fn.body, probe);
  for (const node of getBodyNodes(ts, fn)) {
    if (ts.isReturnStatement(node) && node.expression && isResourceExpression(context, node.expression, probe)) return true;
  }
  return false;
}

/** `.then(() => net.connect(port))`: the callback returns a resource it creates. */
function getFreshReturnKind(
  context: AnalysisContext,
  fn: FunctionWithBody,
  getCreationKind: CreationKindOf,
): ResourceKind | undefined {
  const { ts } = context;
  const values: ts.Expression[] = [];
  if (ts.isBlock(fn.body)) {
    for (const node of getBodyNodes(ts, fn)) if (ts.isReturnStatement(node) && node.expression) values.push(node.expression);
  } else {
    values.push(fn.body);
  }
  for (const value of values) {
    let node = skipOuterExpressions(ts, value);
    if (ts.isAwaitExpression(node)) node = skipOuterExpressions(ts, node.expression);
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const kind = getCreationKind(node);
      if (kind) return kind;
    }
  }
  return undefined;
}

const handlersByFile = new WeakMap<AnalysisContext, WeakMap<ts.SourceFile, Map<ts.Node, ReceivedParameter>>>();

/** The `.then` callbacks of the file that own the resource their chain starts with, by function. */
export function getChainHandlers(
  context: AnalysisContext,
  sourceFile: ts.SourceFile,
  getCreationKind: CreationKindOf,
): ReadonlyMap<ts.Node, ReceivedParameter> {
  let byFile = handlersByFile.get(context);
  if (!byFile) handlersByFile.set(context, (byFile = new WeakMap()));
  let handlers = byFile.get(sourceFile);
  if (handlers) return handlers;
  handlers = new Map();
  const found = handlers;
  const { ts } = context;
  for (const node of getFileIndex(ts, sourceFile).invocations) {
    if (!ts.isCallExpression(node)) continue;
    const method = getMethodCall(ts, node);
    if (method?.name !== 'then' || !node.arguments[0]) continue;
    // Cheap first: a chain can only start at a creation, which a name tells before the receiver's
    // type; its type last, as that makes the checker infer the call (and its arguments) afresh.
    if (!mayStartChain(context, method.receiver)) continue;
    const source = getChainSourceKind(context, method.receiver, getCreationKind) ?? getHeldChainSourceKind(context, method.receiver, getCreationKind);
    if (!source || !isPromise(context, method.receiver)) continue;
    const callback = resolveHandlerFunction(context, node.arguments[0]);
    if (!callback || found.has(callback)) continue;
    found.set(callback, { source: 'the .then callback', halfOpen: false, parameterIndex: 0, kind: source });
  }
  byFile.set(sourceFile, handlers);
  return handlers;
}

/** Whether a `.then` receiver may be a creation, or a `const` initialised with one (getChainSourceKind, getHeldChainSourceKind). */
function mayStartChain(context: AnalysisContext, receiver: ts.Expression): boolean {
  const { ts } = context;
  let node = skipOuterExpressions(ts, receiver);
  if (ts.isIdentifier(node)) {
    const declaration = context.getSymbol(node)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || (declaration.parent.flags & ts.NodeFlags.Const) === 0 || !declaration.initializer) return false;
    node = skipOuterExpressions(ts, declaration.initializer);
  }
  return (ts.isCallExpression(node) || ts.isNewExpression(node)) && mayCreateResource(context, node);
}

/** `const pending = fetch(url); pending.then(…)`: a `const` initialised with a creation. */
function getHeldChainSourceKind(
  context: AnalysisContext,
  receiver: ts.Expression,
  getCreationKind: CreationKindOf,
): ResourceKind | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(ts, receiver);
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = context.getSymbol(node)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || (declaration.parent.flags & ts.NodeFlags.Const) === 0) return undefined;
  return declaration.initializer ? getChainSourceKind(context, declaration.initializer, getCreationKind) : undefined;
}
