/**
 * end-half-open-socket: a half-open socket (allowHalfOpen, http upgrade/connect) answers the peer's
 * end with `end()` or `destroy()`, since Node will not; see half-open/answers.ts for what answers.
 *
 * Findings, per half-open socket of a function:
 * - `unanswered` (`unansweredAfterRead` when the owner reads it to its end) / `unansweredAtExit`: a path of the owner reaches an exit with nothing that answers
 *   and no `'end'` listener registered. Paths that no-leaked-socket reports (the socket neither
 *   consumed, released nor handed off) are left to it: the same exit is never reported twice.
 * - `endListenerExit` / `endListenerEnd`: the only `'end'` listeners can return or finish without
 *   answering (their own graphs are searched with the socket open at entry).
 * - `endNeverEmitted`: the socket relies on its `'end'` listener but nothing ever reads it, so
 *   `'end'` never fires once the peer has sent data.
 * - `finWait` (option `requireFinWaitTimeout`): see half-open/fin-wait.ts.
 */
import { getAcquireMessage } from './leak-findings.js';
import type * as ts from 'typescript';
import type { EngineOptions } from '../options.js';
import type { CfgNode } from '../cfg/graph.js';
import type { Finding, PathStep, Suggestion } from '../findings.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { findLeaks, type Leak } from '../lifecycle/leaks.js';
import { getConnectionHandlers } from '../lifecycle/received.js';
import { isResourceExpression, returnsThis, type TrackedResource } from '../lifecycle/resource.js';
import {
  forEachDescendant,
  getMethodCall,
  getStringLiteralValue,
  listenerMethods,
} from '../lifecycle/syntax.js';
import {
  getEndListenerGaps,
  getEndListenerKind,
  getLocalFunction,
  getNodeAnswerEffect,
  functionMayAnswer,
  isReadToItsEnd,
  type EndListenerKind,
  type HalfOpenSocket,
} from '../half-open/answers.js';
import { getFinWaitFindings } from '../half-open/fin-wait.js';
import {
  getAppendToBodyEdit,
  getEnclosingStatement,
  getInsertAfterEdit,
  getInsertAtBodyStartEdit,
  getInsertBeforeEdit,
} from '../half-open/fixes.js';
import { findUnsettledExits, getStartNodes } from '../lifecycle/leaks.js';
import { getHalfOpenSockets } from '../half-open/sockets.js';
import { getDropOfListener } from '../half-open/owner-collections.js';
import { collectPerFunction, getCfg } from './functions.js';
import { describeResource } from './leak-findings.js';
import { getBranchSteps } from './path-steps.js';

const check = 'end-half-open-socket';

/** Findings of end-half-open-socket in one file. */
export function getHalfOpenSocketFindings(
  context: AnalysisContext,
  sourceFile: ts.SourceFile,
  options: EngineOptions,
): Finding[] {
  const handlers = getConnectionHandlers(context, sourceFile);
  const socketKind = context.catalog.kinds.find((kind) => kind.name === 'net.Socket');
  if (!socketKind) return [];
  return collectPerFunction(context.ts, sourceFile, (fn) => {
    const findings: Finding[] = [];
    for (const resource of getHalfOpenSockets(context, fn, handlers.get(fn), socketKind)) {
      const socket: HalfOpenSocket = { resource, owner: fn };
      findings.push(...getUnansweredFindings(context, socket));
      if (options.requireFinWaitTimeout === true) findings.push(...getFinWaitFindings(context, socket));
    }
    return findings;
  });
}

interface EndRegistration {
  readonly call: ts.CallExpression;
  readonly listener: ts.Expression;
  readonly kind: EndListenerKind;
}

function getUnansweredFindings(context: AnalysisContext, socket: HalfOpenSocket): Finding[] {
  const { resource, owner } = socket;
  const cfg = getCfg(context.ts, owner);
  const starts = getStartNodes(context, cfg, resource);
  // Exits no-leaked-socket reports: nothing at all happened to the socket on some path there.
  const leakedExits = new Set<CfgNode>(findLeaks(context, cfg, resource).map((leak) => leak.node));
  const effects = new Map<CfgNode, ReturnType<typeof getNodeAnswerEffect>>();
  const effectOf = (node: CfgNode): ReturnType<typeof getNodeAnswerEffect> => {
    let effect = effects.get(node);
    if (effect === undefined) effects.set(node, (effect = getNodeAnswerEffect(context, node, socket)));
    return effect;
  };
  const notLeaked = (leak: Leak): boolean => !leakedExits.has(leak.node);
  // Unanswered with no 'end' listener at all on the path.
  const bare = findUnsettledExits(context, resource, starts, (node) => effectOf(node) !== 'none').filter(notLeaked);
  // Unanswered unless an 'end' listener does it: those listeners must then be complete, and run.
  const relying = findUnsettledExits(context, resource, starts, (node) => effectOf(node) === 'answer').filter(notLeaked);

  const registrations = getEndRegistrations(context, socket);
  // An 'end' listener that ends the socket would cut off the reply of a handler that reads the
  // request to its end and then answers (`await text(socket)`, then `socket.end(reply)`).
  const readToItsEnd = isReadToItsEnd(context, socket);
  const findings = getBareFindings(context, socket, bare, registrations.length === 0 && !readToItsEnd, readToItsEnd);
  if (relying.length === 0 || registrations.length === 0) return findings;
  if (!isSocketRead(context, socket)) {
    for (const registration of registrations) findings.push(getNeverEmittedFinding(socket, registration));
    return findings;
  }
  if (registrations.some((registration) => registration.kind === 'full' || registration.kind === 'opaque')) return findings;
  for (const registration of registrations) {
    if (registration.kind === 'partial') findings.push(...getPartialListenerFindings(context, socket, registration));
  }
  return findings;
}

// ---- no answer at all ------------------------------------------------------------------------

/** `readToItsEnd`: the owner reads the socket to its end (answers.ts isReadToItsEnd), which the message then says is no answer. */
function getBareFindings(context: AnalysisContext, socket: HalfOpenSocket, exits: readonly Leak[], canAddListener: boolean, readToItsEnd: boolean): Finding[] {
  const { ts } = context;
  const { resource } = socket;
  const findings: Finding[] = [];
  const reported = new Set<ts.Node>();
  const base = { resource: describeResource(resource) };
  for (const exit of exits) {
    const statement = exit.kind === 'exit' && (exit.node.exitKind === 'return' || exit.node.exitKind === 'throw') ? (exit.node.ast as ts.Statement) : undefined;
    const node = statement ?? resource.origin;
    if (reported.has(node)) continue;
    reported.add(node);
    if (statement) {
      const word = ts.isReturnStatement(statement) ? 'return' : 'throw';
      const suggestions: Suggestion[] = [];
      const holder = resource.primaryHolder?.name;
      if (holder) {
        const call = `${holder}.destroy()`;
        suggestions.push({ messageId: 'insertRelease', data: { call, exit: word }, edits: [getInsertBeforeEdit(ts, statement, call)] });
      }
      findings.push({
        check,
        messageId: 'unansweredAtExit',
        data: { ...base, exit: word },
        node: statement,
        path: buildPath(context, resource, exit.path, statement, `${word} with the peer's end unanswered`),
        suggestions,
      });
    } else {
      const suggestion = canAddListener ? getAddEndListenerSuggestion(context, socket) : undefined;
      findings.push({
        check,
        messageId: readToItsEnd ? 'unansweredAfterRead' : 'unanswered',
        data: base,
        node: resource.origin,
        path: buildPath(context, resource, exit.path, exit.node.kind === 'exit' ? resource.origin : exit.node.ast, "ends here with the peer's end unanswered"),
        suggestions: suggestion ? [suggestion] : [],
      });
    }
  }
  return findings;
}

/** `socket.on('end', () => socket.end());` first thing in the handler, or right after the creation. */
function getAddEndListenerSuggestion(context: AnalysisContext, socket: HalfOpenSocket): Suggestion | undefined {
  const { ts } = context;
  const { resource, owner } = socket;
  const name = resource.primaryHolder?.name;
  if (!name) return undefined;
  const code = `${name}.on('end', () => ${name}.end())`;
  let edit;
  if (resource.received) {
    edit = getInsertAtBodyStartEdit(ts, owner, code);
  } else {
    const statement = getEnclosingStatement(ts, resource.origin);
    edit = statement && getInsertAfterEdit(ts, statement, code);
  }
  return edit ? { messageId: 'addEndListener', data: { code }, edits: [edit] } : undefined;
}

// ---- 'end' listeners -------------------------------------------------------------------------

/** Every `socket.on('end', listener)` (and once, addListener, prepend…) in the owner, nested functions included. */
function getEndRegistrations(context: AnalysisContext, socket: HalfOpenSocket): EndRegistration[] {
  const { ts } = context;
  const registrations: EndRegistration[] = [];
  forEachDescendant(ts, socket.owner.body, (node) => {
    if (!ts.isCallExpression(node)) return;
    const method = getMethodCall(ts, node);
    if (!method || !listenerMethods.has(method.name) || getStringLiteralValue(ts, node.arguments[0]) !== 'end') return;
    const listener = node.arguments[1];
    if (!listener || !isResourceExpression(context, method.receiver, socket.resource)) return;
    registrations.push({ call: node, listener, kind: getEndListenerKind(context, listener, socket) });
  });
  return registrations;
}

function getPartialListenerFindings(context: AnalysisContext, socket: HalfOpenSocket, registration: EndRegistration): Finding[] {
  const { ts } = context;
  const fn = getLocalFunction(context, registration.listener, socket);
  if (!fn) return [];
  const { resource } = socket;
  const base = { resource: describeResource(resource) };
  const name = getReceiverName(context, registration.call) ?? resource.primaryHolder?.name;
  const findings: Finding[] = [];
  let fallsOff = false;
  for (const gap of getEndListenerGaps(context, fn, socket)) {
    const statement = gap.node.exitKind === 'return' || gap.node.exitKind === 'throw' ? (gap.node.ast as ts.Statement) : undefined;
    if (!statement) {
      fallsOff = true;
      continue;
    }
    const word = ts.isReturnStatement(statement) ? 'return' : 'throw';
    const suggestions: Suggestion[] = [];
    if (name) {
      const call = `${name}.end()`;
      suggestions.push({ messageId: 'insertRelease', data: { call, exit: word }, edits: [getInsertBeforeEdit(ts, statement, call)] });
    }
    findings.push({
      check,
      messageId: 'endListenerExit',
      data: { ...base, exit: word },
      node: statement,
      path: [
        acquireStep(resource),
        { node: registration.call, role: 'branch', message: "'end' listener registered here" },
        { node: statement, role: 'exit', message: `${word} without end() or destroy()` },
      ],
      suggestions,
    });
  }
  if (fallsOff) {
    const suggestions: Suggestion[] = [];
    // Appending is the clear fix only when the listener never answers: otherwise it may already have.
    if (name && !functionMayAnswer(context, fn, socket)) {
      const code = `${name}.end()`;
      const edit = getAppendToBodyEdit(ts, fn, code);
      if (edit) suggestions.push({ messageId: 'appendEnd', data: { code }, edits: [edit] });
    }
    const drop = getDropOfListener(context, socket, fn);
    if (drop) {
      findings.push({
        check,
        messageId: 'endListenerDropsOwner',
        data: { ...base, collection: drop.collection },
        node: drop.removal,
        path: [
          acquireStep(resource),
          { node: registration.call, role: 'branch', message: "'end' listener registered here" },
          { node: drop.removal, role: 'exit', message: `removed from ${drop.collection} without end() or destroy()` },
        ],
        suggestions,
      });
      return findings;
    }
    findings.push({
      check,
      messageId: 'endListenerEnd',
      data: base,
      node: registration.listener,
      path: [
        acquireStep(resource),
        { node: registration.listener, role: 'exit', message: 'this listener can finish without end() or destroy()' },
      ],
      suggestions,
    });
  }
  return findings;
}

function getNeverEmittedFinding(socket: HalfOpenSocket, registration: EndRegistration): Finding {
  const node = registration.call.arguments[0]!;
  return {
    check,
    messageId: 'endNeverEmitted',
    data: { resource: describeResource(socket.resource) },
    node,
    path: [acquireStep(socket.resource), { node, role: 'exit', message: "'end' is never emitted: nothing reads the socket" }],
    suggestions: [],
  };
}

function getReceiverName(context: AnalysisContext, call: ts.CallExpression): string | undefined {
  const { ts } = context;
  let receiver = getMethodCall(ts, call)?.receiver;
  // `socket.on('data', f).on('end', g)`: the name at the start of the chain.
  while (receiver && ts.isCallExpression(receiver)) receiver = getMethodCall(ts, receiver)?.receiver;
  return receiver && ts.isIdentifier(receiver) ? receiver.text : undefined;
}

// ---- is the socket ever read? ----------------------------------------------------------------

/** Methods that neither read the socket nor hand it anywhere. */
const nonReadingMethods: ReadonlySet<string> = new Set([
  'write',
  'end',
  'destroy',
  'destroySoon',
  'resetAndDestroy',
  'cork',
  'uncork',
  'pause',
  'setTimeout',
  'setNoDelay',
  'setKeepAlive',
  'setEncoding',
  'setDefaultEncoding',
  'setMaxListeners',
  'ref',
  'unref',
  'address',
  'off',
  'removeListener',
  'removeAllListeners',
  'listenerCount',
  'listeners',
  'getPeerCertificate',
  'getCipher',
  'getProtocol',
]);
const readingEvents: ReadonlySet<string> = new Set(['data', 'readable']);
const endingMethods: ReadonlySet<string> = new Set(['end', 'destroy', 'destroySoon', 'resetAndDestroy']);

/**
 * Whether anything may read the socket: a `'data'`/`'readable'` listener, `resume()`, `pipe()`,
 * `read()`, `for await`, or any use we do not know (passed, stored, returned: the other side may read).
 */
function isSocketRead(context: AnalysisContext, socket: HalfOpenSocket): boolean {
  const { ts } = context;
  const { resource, owner } = socket;
  let read = false;
  forEachDescendant(ts, owner.body, (node) => {
    if (read || !ts.isIdentifier(node) || !resource.holderNames.has(node.text)) return;
    if (isDeclarationName(context, node) || !isResourceExpression(context, node, resource)) return;
    read = isReadingReference(context, node);
  });
  return read;
}

function isDeclarationName(context: AnalysisContext, node: ts.Identifier): boolean {
  const { ts } = context;
  const parent = node.parent;
  if ((ts.isParameter(parent) || ts.isVariableDeclaration(parent)) && parent.name === node) return true;
  return ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

function isReadingReference(context: AnalysisContext, reference: ts.Identifier): boolean {
  const { ts } = context;
  let expression: ts.Expression = reference;
  for (;;) {
    while (
      ts.isParenthesizedExpression(expression.parent) ||
      ts.isAsExpression(expression.parent) ||
      ts.isNonNullExpression(expression.parent) ||
      ts.isSatisfiesExpression(expression.parent)
    ) {
      expression = expression.parent;
    }
    const parent = expression.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === expression) {
      const call = parent.parent;
      if (!ts.isCallExpression(call) || call.expression !== parent) return false; // `socket.remoteAddress`
      if (isReadingCall(context, call, parent.name.text)) return true;
      if (endingMethods.has(parent.name.text)) return false; // `() => socket.end()` returns the socket to nobody
      if (!returnsThis(context, call)) return false;
      expression = call; // `socket.setEncoding('utf8').on(…)`: follow the chain
      continue;
    }
    return !(ts.isExpressionStatement(parent) || ts.isVoidExpression(parent));
  }
}

function isReadingCall(context: AnalysisContext, call: ts.CallExpression, name: string): boolean {
  const { ts } = context;
  if (listenerMethods.has(name)) {
    const event = getStringLiteralValue(ts, call.arguments[0]);
    return event === undefined || readingEvents.has(event);
  }
  return !nonReadingMethods.has(name);
}

// ---- paths ---------------------------------------------------------------------------------

function acquireStep(resource: TrackedResource): PathStep {
  return { node: resource.origin, role: 'acquire', message: getAcquireMessage(resource) };
}

function buildPath(
  context: AnalysisContext,
  resource: TrackedResource,
  path: Leak['path'],
  reportNode: ts.Node,
  exitMessage: string,
): PathStep[] {
  const steps: PathStep[] = [acquireStep(resource)];
  steps.push(...getBranchSteps(context, path));
  steps.push({ node: reportNode, role: 'exit', message: exitMessage });
  return steps;
}
