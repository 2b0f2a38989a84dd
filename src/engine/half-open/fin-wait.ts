/**
 * FIN_WAIT_2 (the opt-in `requireFinWaitTimeout` check). `socket.end()` sends our FIN and keeps the
 * socket open for the peer's reply: if the peer never closes its side, the socket sits in FIN_WAIT_2
 * for as long as the process holds it. The kernel's `tcp_fin_timeout` only bounds sockets the
 * program has already closed (measured on Node 20: an `end()`ed socket still held after 70 s with
 * `tcp_fin_timeout` at 60; the same socket destroyed after 1 s was gone by then).
 *
 * An `end()` is safe when the peer has already finished (inside the socket's `'end'` listener, after
 * `for await` over it, `await once(socket, 'end')`, an awaited promise that registers an `'end'`
 * listener, or an awaited `stream/consumers` read) or when something
 * destroys the socket later anyway: a timeout (`socket.setTimeout(ms, cb)`, an armed `'timeout'`
 * listener, a timer, an abort `signal` option), a `'finish'` listener, a callback on another object
 * that destroys it, or `destroy()` after the `end()` on every path of the same function.
 */
import type * as ts from 'typescript';
import { getCfg } from '../checks/functions.js';
import { describeResource } from '../checks/leak-findings.js';
import type { Finding, Suggestion } from '../findings.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { isResourceExpression } from '../lifecycle/resource.js';
import {
  forEachDescendant,
  getMethodCall,
  getStringLiteralValue,
  isFunctionWithBody,
  isWithin,
  listenerMethods,
  skipOuterExpressions,
  type FunctionWithBody,
} from '../lifecycle/syntax.js';
import type { TypeSpecifier } from '../options.js';
import { destroyingMethods, getLocalFunction, hasCreationOption, isTimeoutArmed, streamConsumerFunctions, type HalfOpenSocket } from './answers.js';
import { getEnclosingStatement, getInsertBeforeEdit } from './fixes.js';
import { findUnsettledExits } from '../lifecycle/leaks.js';

const pkg = (name: readonly string[], packageName: string): TypeSpecifier => ({ from: 'package', package: packageName, name });
const onceFunctions = [pkg(['once', 'EventEmitter.once'], 'events')];
/** Events whose listeners run only after the peer acted: a destroy there does not save a silent peer. */
const peerDrivenEvents: ReadonlySet<string> = new Set(['data', 'readable', 'end', 'close', 'error', 'connect', 'ready', 'lookup']);

/** Every `end()` on the socket that can leave it in FIN_WAIT_2. */
export function getFinWaitFindings(context: AnalysisContext, socket: HalfOpenSocket): Finding[] {
  const { ts } = context;
  const ends: ts.CallExpression[] = [];
  forEachDescendant(ts, socket.owner.body, (node) => {
    if (!ts.isCallExpression(node)) return;
    const method = getMethodCall(ts, node);
    if (method?.name === 'end' && isResourceExpression(context, method.receiver, socket.resource)) ends.push(node);
  });
  if (ends.length === 0 || hasDestroyFallback(context, socket)) return [];
  const endListeners = getEndListenerFunctions(context, socket);
  const findings: Finding[] = [];
  for (const call of ends) {
    if (endListeners.some((fn) => isWithin(call, fn.body))) continue;
    if (isAfterPeerEnd(context, call, socket) || isDestroyedAfter(context, call, socket)) continue;
    findings.push(getFinWaitFinding(context, call, socket));
  }
  return findings;
}

function getFinWaitFinding(context: AnalysisContext, call: ts.CallExpression, socket: HalfOpenSocket): Finding {
  const { ts } = context;
  const receiver = skipOuterExpressions(ts, getMethodCall(ts, call)!.receiver);
  const name = ts.isIdentifier(receiver) ? receiver.text : socket.resource.primaryHolder?.name;
  const statement = getEnclosingStatement(ts, call);
  const suggestions: Suggestion[] = [];
  if (name !== undefined && statement) {
    const code = `${name}.setTimeout(30_000, () => ${name}.destroy())`;
    suggestions.push({ messageId: 'addTimeout', data: { code }, edits: [getInsertBeforeEdit(ts, statement, code)] });
  }
  return {
    check: 'end-half-open-socket',
    messageId: 'finWait',
    data: { resource: describeResource(socket.resource) },
    node: call,
    path: [
      { node: socket.resource.origin, role: 'acquire', message: socket.resource.received ? 'received here' : 'created here' },
      { node: call, role: 'exit', message: 'half-closed here, with nothing to destroy it if the peer never closes' },
    ],
    suggestions,
  };
}

/** The socket's `'end'` listeners that are functions of the owner. */
function getEndListenerFunctions(context: AnalysisContext, socket: HalfOpenSocket): FunctionWithBody[] {
  const { ts } = context;
  const found: FunctionWithBody[] = [];
  forEachDescendant(ts, socket.owner.body, (node) => {
    const listener = ts.isCallExpression(node) ? getOwnListener(context, node, socket) : undefined;
    if (listener?.event !== 'end') return;
    const fn = getLocalFunction(context, listener.listener, socket);
    if (fn) found.push(fn);
  });
  return found;
}

function getOwnListener(
  context: AnalysisContext,
  call: ts.CallExpression,
  socket: HalfOpenSocket,
): { event: string | undefined; listener: ts.Expression } | undefined {
  const { ts } = context;
  const method = getMethodCall(ts, call);
  if (!method || !listenerMethods.has(method.name) || !isResourceExpression(context, method.receiver, socket.resource)) return undefined;
  const listener = call.arguments[1];
  return listener ? { event: getStringLiteralValue(ts, call.arguments[0]), listener } : undefined;
}

/** Something destroys the socket whether or not the peer ever closes (flow-insensitive). */
function hasDestroyFallback(context: AnalysisContext, socket: HalfOpenSocket): boolean {
  const { ts } = context;
  if (hasCreationOption(context, socket, 'signal')) return true;
  let found = false;
  forEachDescendant(ts, socket.owner.body, (node) => {
    if (found || !ts.isCallExpression(node)) return;
    const own = getOwnListener(context, node, socket);
    if (own) {
      if (own.event === 'timeout') found = isTimeoutArmed(context, socket) && isDestroyingFunction(context, own.listener, socket);
      else if (own.event === undefined || !peerDrivenEvents.has(own.event)) found = isDestroyingFunction(context, own.listener, socket);
      return;
    }
    // socket.setTimeout(ms, cb), setTimeout(cb, ms), signal.addEventListener('abort', cb), end(data, cb)…
    found = node.arguments.some((argument) => isDestroyingFunction(context, argument, socket));
  });
  return found;
}

/** A local function that destroys the socket somewhere in its body. */
function isDestroyingFunction(
  context: AnalysisContext,
  expression: ts.Expression,
  socket: HalfOpenSocket,
  seen: Set<ts.Node> = new Set(),
): boolean {
  const { ts } = context;
  const fn = getLocalFunction(context, expression, socket);
  if (!fn || seen.has(fn)) return false;
  seen.add(fn);
  let found = false;
  forEachDescendant(ts, fn, (node) => {
    if (found || !ts.isCallExpression(node)) return;
    const method = getMethodCall(ts, node);
    if (method && destroyingMethods.has(method.name) && isResourceExpression(context, method.receiver, socket.resource)) {
      found = true;
    } else if (isDestroyingFunction(context, node.expression, socket, seen)) {
      found = true;
    }
  });
  return found;
}

/**
 * The peer has already finished where `call` runs: it follows, in the same statement list, a
 * `for await` over the socket or an `await` of its end (see isPeerEndMarker).
 */
function isAfterPeerEnd(context: AnalysisContext, call: ts.CallExpression, socket: HalfOpenSocket): boolean {
  const { ts } = context;
  const fn = getEnclosingFunction(ts, call);
  if (!fn) return false;
  let found = false;
  forEachDescendant(ts, fn.body, (node) => {
    if (found || !isPeerEndMarker(context, node, socket)) return;
    if (getEnclosingFunction(ts, node) !== fn) return;
    const statement = getEnclosingStatement(ts, node);
    found = statement !== undefined && call.pos >= statement.end && isWithin(call, statement.parent);
  });
  return found;
}

function isPeerEndMarker(context: AnalysisContext, node: ts.Node, socket: HalfOpenSocket): boolean {
  const { ts, catalog } = context;
  const { resource } = socket;
  if (ts.isForOfStatement(node)) return node.awaitModifier !== undefined && isResourceExpression(context, node.expression, resource);
  if (!ts.isAwaitExpression(node)) return false;
  const operand = skipOuterExpressions(ts, node.expression);
  if (ts.isCallExpression(operand)) {
    const [first, second] = operand.arguments;
    const declaration = first && isResourceExpression(context, first, resource) ? context.getCalleeDeclaration(operand) : undefined;
    if (declaration && streamConsumerFunctions.some((spec) => catalog.declarationMatches(declaration, spec))) return true;
    if (declaration && getStringLiteralValue(ts, second) === 'end' && onceFunctions.some((spec) => catalog.declarationMatches(declaration, spec))) {
      return true;
    }
  }
  // `await new Promise((resolve) => socket.once('end', resolve))`
  let registers = false;
  forEachDescendant(ts, operand, (inner) => {
    if (!registers && ts.isCallExpression(inner)) registers = getOwnListener(context, inner, socket)?.event === 'end';
  });
  return registers;
}

/** `destroy()` (or a hand-off by `return`) follows the `end()` on every path of its function. */
function isDestroyedAfter(context: AnalysisContext, call: ts.CallExpression, socket: HalfOpenSocket): boolean {
  const { ts } = context;
  const fn = getEnclosingFunction(ts, call);
  if (!fn) return false;
  const cfg = getCfg(ts, fn);
  const starts = cfg.nodesByAst.get(call) ?? [];
  if (starts.length === 0) return false;
  const exits = findUnsettledExits(context, socket.resource, starts, (node) => {
    if (node.kind === 'return-value') return isResourceExpression(context, node.ast as ts.Expression, socket.resource);
    if (node.kind !== 'element' || !ts.isCallExpression(node.ast)) return false;
    const method = getMethodCall(ts, node.ast);
    return method !== undefined && destroyingMethods.has(method.name) && isResourceExpression(context, method.receiver, socket.resource);
  });
  return exits.every((exit) => exit.kind === 'overwritten');
}

function getEnclosingFunction(ts: AnalysisContext['ts'], node: ts.Node): FunctionWithBody | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionWithBody(ts, current)) return current;
  }
  return undefined;
}
