/**
 * Answers to the peer's end. A half-open socket stays in CLOSE_WAIT after the peer's FIN until the
 * program calls `end()` or `destroy()`; Node will not. An *answer* is something that guarantees one
 * of them runs once the peer has finished (measured on Node 20 and 24, see docs/rules/end-half-open-socket.md):
 *
 * - `end()` / `destroy()` / `destroySoon()` / `resetAndDestroy()` on the socket itself;
 * - handing the socket off (returned, stored, passed to a callee that takes ownership): the new
 *   owner answers, as no-leaked-socket assumes;
 * - an `'end'` listener that releases the socket on every path of its own graph (a *full* listener;
 *   one that can return or fall off its end without it is *partial*, and is reported as such);
 * - piping into the socket: `x.pipe(socket)` (unless `{ end: false }`), `pipeline(…, socket, …)`
 *   with the socket as a destination: the socket is ended when the source ends (`socket.pipe(socket)`
 *   echoes and answers). The socket as the *source* only (`socket.pipe(x)`, `pipeline(socket, x)`)
 *   ends `x`, never the socket: measured, 5 of 5 sockets stay in CLOSE_WAIT;
 * - a `break`, `return` or `throw` out of a `for await (… of socket)` body: the async iterator's
 *   `return()` destroys the stream. The loop ending by the end of the data does not answer, nor does
 *   a `stream/consumers` read (`text(socket)`…), which is such a loop: Node 24.19 to 24.22 and
 *   26.5 to 26.9 (nodejs/node#64275) keep a half-open socket's writable side open there, in
 *   CLOSE_WAIT (Node 20 and 22 destroyed it; measured, test/live/runtime-facts.test.ts);
 * - a timeout that releases it: `socket.setTimeout(ms, cb)`, or a `'timeout'` listener on a socket
 *   whose timeout is armed (`socket.setTimeout(ms)` or a `timeout` creation option);
 * - a callback handed to anything but the socket's own `'data'`/`'error'`/`'close'`/… listeners,
 *   whose body answers (timers, promise reactions, another stream's `'end'` listener in a proxy).
 *   A release inside the socket's own `'data'` listener answers a message, not the FIN: a peer that
 *   half-closes before that message is complete is never answered.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../lifecycle/context.js';
import { isDischargeAt, isDischargeNode, iteratingMethods } from '../lifecycle/effects.js';
import { calleeTakesOwnership, hasBodyInProgram } from '../lifecycle/ownership.js';
import { getArgumentAsParameter, summaryReturnsArgument } from '../lifecycle/summaries.js';
import { callPassesThrough, isResourceExpression, type TrackedResource } from '../lifecycle/resource.js';
import {
  getMethodCall,
  getStringLiteralValue,
  isFunctionWithBody,
  isWithin,
  listenerMethods,
  skipOuterExpressions,
  type FunctionWithBody,
} from '../lifecycle/syntax.js';
import type { CfgNode } from '../cfg/graph.js';
import { getBodyNodes } from '../lifecycle/file-index.js';
import { getCfg } from '../checks/functions.js';
import type { Leak } from '../lifecycle/leaks.js';
import type { TypeSpecifier } from '../options.js';
import { findUnsettledExits } from '../lifecycle/leaks.js';
import { getCollectionOfHandoff, getOwnerDrop } from './owner-collections.js';

/** One half-open socket and the function that owns it (the handler, or the function that created it). */
export interface HalfOpenSocket {
  readonly resource: TrackedResource;
  readonly owner: FunctionWithBody;
}

/**
 * What evaluating a node does for the answer: `answer`; registering an `'end'` listener that
 * releases on every path (`full-end-listener`) or only on some (`partial-end-listener`); or nothing.
 */
export type AnswerEffect = 'answer' | 'full-end-listener' | 'partial-end-listener' | 'none';

const pkg = (name: readonly string[], packageName: string): TypeSpecifier => ({ from: 'package', package: packageName, name });
/** The readers of `stream/consumers`: each reads its stream with `for await` to the end of the data. */
export const streamConsumerFunctions: readonly TypeSpecifier[] = [pkg(['text', 'json', 'buffer', 'arrayBuffer', 'blob'], 'stream/consumers')];
const pipelineFunctions = [pkg(['pipeline'], 'stream'), pkg(['pipeline'], 'stream/promises')];
const finishedFunctions = [pkg(['finished'], 'stream'), pkg(['finished'], 'stream/promises')];
/** Releases that leave nothing behind even if the peer never closes (no FIN_WAIT_2). */
export const destroyingMethods: ReadonlySet<string> = new Set(['destroy', 'destroySoon', 'resetAndDestroy']);

/** The effect of one graph node (elements and returned values). */
export function getNodeAnswerEffect(context: AnalysisContext, node: CfgNode, socket: HalfOpenSocket): AnswerEffect {
  // Any way out of the body of a `for await` over the socket but the loop's own end destroys it:
  // every path that leaves from inside the body passes a node of it. The loop's end goes from its
  // head, which answers nothing, so a path that takes no turn of the loop stays unanswered.
  if (node.kind !== 'entry' && isInIterationBody(context, node.ast, socket)) return 'answer';
  if (node.kind === 'return-value') {
    const value = node.ast as ts.Expression;
    // A returned call was already evaluated as an element; returning its `this` hands nothing off.
    if (context.ts.isCallExpression(skipOuterExpressions(context.ts, value))) return 'none';
    if (isFunctionValueAnswer(context, value, socket)) return 'answer';
    return isDischargeNode(context, node, socket.resource) ? 'answer' : 'none';
  }
  if (node.kind !== 'element') return 'none';
  return getAnswerEffect(context, node.ast, socket);
}

/** The effect of evaluating an AST node (a call, `new`, `for await`, an assignment, a literal…). */
export function getAnswerEffect(context: AnalysisContext, ast: ts.Node, socket: HalfOpenSocket): AnswerEffect {
  const { ts } = context;
  const { resource } = socket;
  if (ts.isCallExpression(ast)) return getCallEffect(context, ast, socket);
  if (ts.isNewExpression(ast)) return hasAnsweringArgument(context, ast, socket) ? 'answer' : 'none';
  if (
    ts.isVariableDeclaration(ast) ||
    ts.isBinaryExpression(ast) ||
    ts.isObjectLiteralExpression(ast) ||
    ts.isArrayLiteralExpression(ast) ||
    ts.isYieldExpression(ast)
  ) {
    // Stored, disposed, yielded or put in an escaping literal: handed off, as no-leaked-socket sees it.
    return isDischargeAt(context, ast, resource) ? 'answer' : 'none';
  }
  return 'none';
}

function getCallEffect(context: AnalysisContext, call: ts.CallExpression, socket: HalfOpenSocket): AnswerEffect {
  const { ts } = context;
  const { resource } = socket;
  const method = getMethodCall(ts, call);
  if (method && isResourceExpression(context, method.receiver, resource)) {
    if (resource.kind.release.includes(method.name)) return 'answer';
    if (listenerMethods.has(method.name)) return getOwnListenerEffect(context, call, socket);
    if (method.name === 'setTimeout') {
      const callback = call.arguments[1];
      return callback !== undefined && isFunctionValueAnswer(context, callback, socket) ? 'answer' : 'none';
    }
  }
  // `clients.add(socket)` hands it to the collection, unless its 'end' listener takes it back out unanswered.
  const collection = getCollectionOfHandoff(context, call, socket);
  if (collection && getOwnerDrop(context, socket, collection)) return 'none';
  if (hasAnsweringArgument(context, call, socket)) return 'answer';
  // Calling a closure of the owner that answers: `const done = () => socket.end(); … done();`
  const callee = getLocalFunction(context, call.expression, socket);
  return callee !== undefined && functionMayAnswer(context, callee, socket) ? 'answer' : 'none';
}

/** `socket.on(event, listener)`: only `'end'` and an armed `'timeout'` can answer the FIN. */
function getOwnListenerEffect(context: AnalysisContext, call: ts.CallExpression, socket: HalfOpenSocket): AnswerEffect {
  const { ts } = context;
  const event = getStringLiteralValue(ts, call.arguments[0]);
  const listener = call.arguments[1];
  if (listener === undefined) return 'none';
  if (event === 'end') return getEndListenerEffect(context, listener, socket);
  if (event === 'timeout') {
    return isTimeoutArmed(context, socket) && isFunctionValueAnswer(context, listener, socket) ? 'answer' : 'none';
  }
  return 'none';
}

/** Whether one of the arguments hands the socket to something that will end it, or is an answering callback. */
function hasAnsweringArgument(context: AnalysisContext, call: ts.CallExpression | ts.NewExpression, socket: HalfOpenSocket): boolean {
  const { ts } = context;
  const { resource } = socket;
  const args = call.arguments ?? [];
  for (let index = 0; index < args.length; index++) {
    const argument = args[index]!;
    if (ts.isSpreadElement(argument)) {
      if (isResourceExpression(context, argument.expression, resource)) return true;
      continue;
    }
    if (isResourceExpression(context, argument, resource)) {
      if (isAnsweringResourceArgument(context, call, index, socket)) return true;
      continue;
    }
    if (isFunctionValueAnswer(context, argument, socket)) return true;
  }
  return false;
}

/** The socket passed at `index`: piped into, a pipeline destination, or handed to an owner. */
function isAnsweringResourceArgument(
  context: AnalysisContext,
  call: ts.CallExpression | ts.NewExpression,
  index: number,
  socket: HalfOpenSocket,
): boolean {
  const { ts, catalog } = context;
  if (ts.isCallExpression(call)) {
    const method = getMethodCall(ts, call);
    if (method?.name === 'pipe' && index === 0) return !hasEndFalseOption(context, call.arguments[1]);
  }
  const declaration = context.getCalleeDeclaration(call);
  if (declaration && pipelineFunctions.some((spec) => catalog.declarationMatches(declaration, spec))) return index > 0;
  // `await text(socket)` reads it with `for await` to the end of the data: no answer (getIterationBodies).
  if (declaration && streamConsumerFunctions.some((spec) => catalog.declarationMatches(declaration, spec))) return false;
  if (declaration && finishedFunctions.some((spec) => catalog.declarationMatches(declaration, spec))) return false;
  if (declaration && hasBodyInProgram(context, declaration) && isFunctionWithBody(ts, declaration) && !context.isBorrowingFunction(declaration)) {
    return programFunctionMayAnswer(context, call, declaration, index, socket);
  }
  return calleeTakesOwnership(context, call, index, socket.resource);
}

/**
 * A function of the program given the socket answers when its body may (functionMayAnswer, with
 * its parameter as the socket): reading it to its end in a helper (`async function drain(s) { for
 * await (const c of s) … }`) answers no more than it does inline. One that hands the socket back
 * and keeps nothing (`tune(socket)`, summaries.ts summaryPassesThrough) answers nothing, and one
 * that reads it and hands it back (`await text(s); return s;`) leaves the answer to its caller.
 */
function programFunctionMayAnswer(
  context: AnalysisContext,
  call: ts.CallExpression | ts.NewExpression,
  fn: FunctionWithBody,
  index: number,
  socket: HalfOpenSocket,
): boolean {
  const { ts } = context;
  if (ts.isCallExpression(call) && callPassesThrough(context, call, index, socket.resource)) return false;
  const argument = getArgumentAsParameter(context, fn, index, socket.resource);
  if (argument === 'unnamed') return false; // an extra argument the function never names
  if (argument === 'opaque') return true; // handed off (a rest or destructured parameter, a field)
  // `async function read(s) { await text(s); return s; }`: the caller gets it back, to answer.
  const handsBack = ts.isCallExpression(call) && summaryReturnsArgument(context, fn, index, socket.resource);
  return functionMayAnswer(context, fn, { resource: argument, owner: fn }, handsBack);
}

/** `{ end: false }` as the options of `pipe()`: the destination is left open when the source ends. */
function hasEndFalseOption(context: AnalysisContext, options: ts.Expression | undefined): boolean {
  const { ts, checker } = context;
  if (!options) return false;
  const node = skipOuterExpressions(ts, options);
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.some(
      (property) =>
        ts.isPropertyAssignment(property) &&
        ts.isIdentifier(property.name) &&
        property.name.text === 'end' &&
        skipOuterExpressions(ts, property.initializer).kind !== ts.SyntaxKind.TrueKeyword,
    );
  }
  const property = checker.getTypeAtLocation(options).getProperty('end');
  if (!property) return false;
  return checker.typeToString(checker.getTypeOfSymbolAtLocation(property, options)) !== 'true';
}

/** A function value (inline, or a local function) whose body answers. */
function isFunctionValueAnswer(context: AnalysisContext, expression: ts.Expression, socket: HalfOpenSocket): boolean {
  const fn = getLocalFunction(context, expression, socket);
  return fn !== undefined && functionMayAnswer(context, fn, socket);
}

const answerCache = new WeakMap<TrackedResource, Map<ts.Node, boolean>>();
const iterationBodies = new WeakMap<TrackedResource, readonly ts.Statement[]>();

/** Whether `node` is in the body of one of the owner's `for await` loops over the socket, and not in a function of its own there. */
function isInIterationBody(context: AnalysisContext, node: ts.Node, socket: HalfOpenSocket): boolean {
  const bodies = getIterationBodies(context, socket);
  if (bodies.length === 0) return false;
  for (let current: ts.Node | undefined = node; current && current !== socket.owner; current = current.parent) {
    if (bodies.includes(current as ts.Statement)) return true;
    if (isFunctionWithBody(context.ts, current)) return false;
  }
  return false;
}

/**
 * Whether the owner reads the socket to its end before going on: a `for await` over it, one of
 * Readable's helpers that iterate it (`toArray()`…), or a call given it that does (a
 * `stream/consumers` reader, a function of the program that reads its parameter so).
 */
export function isReadToItsEnd(context: AnalysisContext, socket: HalfOpenSocket, depth = 0): boolean {
  const { ts, catalog } = context;
  if (getIterationBodies(context, socket).length > 0) return true;
  // A function of the program that does so with its parameter, a few calls deep.
  if (depth > 3) return false;
  return getBodyNodes(ts, socket.owner).some((node) => {
    if (!ts.isCallExpression(node)) return false;
    // `await socket.toArray()`: Readable's helpers read it as a `for await` does.
    const method = getMethodCall(ts, node);
    if (method && iteratingMethods.has(method.name) && isResourceExpression(context, method.receiver, socket.resource)) return true;
    const index = node.arguments.findIndex((argument) => isResourceExpression(context, argument, socket.resource));
    if (index < 0) return false;
    const declaration = context.getCalleeDeclaration(node);
    if (!declaration) return false;
    if (streamConsumerFunctions.some((spec) => catalog.declarationMatches(declaration, spec))) return true;
    if (!hasBodyInProgram(context, declaration) || !isFunctionWithBody(ts, declaration)) return false;
    const argument = getArgumentAsParameter(context, declaration, index, socket.resource);
    return typeof argument !== 'string' && isReadToItsEnd(context, { resource: argument, owner: declaration }, depth + 1);
  });
}

/** The bodies of the owner's `for await (… of socket)` loops. */
function getIterationBodies(context: AnalysisContext, socket: HalfOpenSocket): readonly ts.Statement[] {
  const { ts } = context;
  let bodies = iterationBodies.get(socket.resource);
  if (!bodies) {
    const found: ts.Statement[] = [];
    for (const node of getBodyNodes(ts, socket.owner)) {
      if (ts.isForOfStatement(node) && node.awaitModifier && isResourceExpression(context, node.expression, socket.resource)) found.push(node.statement);
    }
    iterationBodies.set(socket.resource, (bodies = found));
  }
  return bodies;
}

/**
 * Whether some node of a function body answers, flow-insensitively (a callback runs later, on paths
 * the owner's graph does not see). Nested functions count only through the calls they are passed to,
 * so a release inside the socket's own `'data'` listener does not. `handsBack`: `fn` is called with
 * the socket and its `return` of it gives it back to the caller, which must answer it then.
 */
export function functionMayAnswer(context: AnalysisContext, fn: FunctionWithBody, socket: HalfOpenSocket, handsBack = false): boolean {
  const { ts } = context;
  let cache = answerCache.get(socket.resource);
  if (!cache) answerCache.set(socket.resource, (cache = new Map()));
  const key = handsBack ? fn.body : fn; // the two questions cached apart
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  cache.set(key, false); // recursion guard
  const isReturnAnswer = (value: ts.Expression): boolean =>
    !(handsBack && isResourceExpression(context, value, socket.resource)) && isReturnedValueAnswer(context, value, socket);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || isFunctionWithBody(ts, node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) {
      found = isReturnAnswer(node.expression);
    } else {
      const effect = getAnswerEffect(context, node, socket);
      found = effect === 'answer' || effect === 'full-end-listener';
    }
    if (!found) ts.forEachChild(node, visit);
  };
  if (!ts.isBlock(fn.body)) found = isReturnAnswer(fn.body);
  if (!found) {
    if (ts.isBlock(fn.body)) ts.forEachChild(fn.body, visit);
    else visit(fn.body);
  }
  cache.set(key, found);
  return found;
}

/** Returning the socket (not the `this` of a call chain, which callbacks return to nobody) or an answering function. */
function isReturnedValueAnswer(context: AnalysisContext, value: ts.Expression, socket: HalfOpenSocket): boolean {
  const { ts } = context;
  if (ts.isCallExpression(skipOuterExpressions(ts, value))) return false;
  return isResourceExpression(context, value, socket.resource) || isFunctionValueAnswer(context, value, socket);
}

// ---- 'end' listeners ------------------------------------------------------------------------

/** Whether a listener answers on every path: `full`, `partial`, `opaque` (a function we cannot see) or `signal`. */
export type EndListenerKind = 'full' | 'partial' | 'opaque' | 'signal';

const endListenerCache = new WeakMap<TrackedResource, Map<ts.Node, EndListenerKind>>();

function getEndListenerEffect(context: AnalysisContext, listener: ts.Expression, socket: HalfOpenSocket): AnswerEffect {
  switch (getEndListenerKind(context, listener, socket)) {
    case 'full':
    case 'opaque':
      return 'full-end-listener';
    case 'partial':
      return 'partial-end-listener';
    case 'signal':
      return 'none';
  }
}

/**
 * `full`: a local function that answers on every path of its own graph; `partial`: one that can
 * return or finish without answering; `opaque`: a function we cannot see into (a method, an
 * import), given the benefit of the doubt; `signal`: a parameter of an enclosing function (the
 * `resolve` of a promise), which only reports the end.
 */
export function getEndListenerKind(context: AnalysisContext, listener: ts.Expression, socket: HalfOpenSocket): EndListenerKind {
  const { ts } = context;
  let cache = endListenerCache.get(socket.resource);
  if (!cache) endListenerCache.set(socket.resource, (cache = new Map()));
  const cached = cache.get(listener);
  if (cached !== undefined) return cached;
  cache.set(listener, 'full'); // recursion guard
  let kind: EndListenerKind;
  const fn = getLocalFunction(context, listener, socket);
  if (fn) {
    kind = getEndListenerGaps(context, fn, socket).length === 0 ? 'full' : 'partial';
  } else {
    const node = skipOuterExpressions(ts, listener);
    const declaration = ts.isIdentifier(node) ? context.getSymbol(node)?.valueDeclaration : undefined;
    kind = declaration && ts.isParameter(declaration) ? 'signal' : 'opaque';
  }
  cache.set(listener, kind);
  return kind;
}

/**
 * The exits of an `'end'` listener reached without an answer: the socket is "open" at the
 * listener's entry (the peer has just finished) and must be answered before every exit.
 */
export function getEndListenerGaps(context: AnalysisContext, fn: FunctionWithBody, socket: HalfOpenSocket): Leak[] {
  const cfg = getCfg(context.ts, fn);
  return findUnsettledExits(context, socket.resource, [cfg.entry], (node) => {
    const effect = getNodeAnswerEffect(context, node, socket);
    return effect === 'answer' || effect === 'full-end-listener';
  });
}

// ---- helpers -------------------------------------------------------------------------------

/** The function an expression denotes when it can see the socket's variables (a closure of the owner). */
export function getLocalFunction(context: AnalysisContext, expression: ts.Expression, socket: HalfOpenSocket): FunctionWithBody | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  if (isFunctionWithBody(ts, node)) return node;
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = context.getSymbol(node)?.valueDeclaration;
  if (!declaration) return undefined;
  const fn = isFunctionWithBody(ts, declaration)
    ? declaration
    : ts.isVariableDeclaration(declaration) && declaration.initializer
      ? skipOuterExpressions(ts, declaration.initializer)
      : undefined;
  if (!fn || !isFunctionWithBody(ts, fn)) return undefined;
  return isWithin(fn, socket.owner) ? fn : undefined;
}

/** `socket.setTimeout(ms)` somewhere in the owner, or a `timeout` option where the socket was created. */
export function isTimeoutArmed(context: AnalysisContext, socket: HalfOpenSocket): boolean {
  const { ts } = context;
  const { resource } = socket;
  let armed = false;
  const visit = (node: ts.Node): void => {
    if (armed) return;
    if (ts.isCallExpression(node)) {
      const method = getMethodCall(ts, node);
      if (method?.name === 'setTimeout' && isResourceExpression(context, method.receiver, resource)) armed = true;
    }
    if (!armed) ts.forEachChild(node, visit);
  };
  visit(socket.owner.body);
  return armed || hasCreationOption(context, socket, 'timeout');
}

/** The socket was created with an options object (inline, or a `const` of the file) that has property `name`. */
export function hasCreationOption(context: AnalysisContext, socket: HalfOpenSocket, name: string): boolean {
  const { ts } = context;
  const origin = socket.resource.origin;
  if (!ts.isCallExpression(origin) && !ts.isNewExpression(origin)) return false;
  return (origin.arguments ?? []).some((argument) => hasOptionProperty(context, argument, name));
}

function hasOptionProperty(context: AnalysisContext, options: ts.Expression, name: string): boolean {
  const { ts } = context;
  let node = skipOuterExpressions(ts, options);
  if (ts.isIdentifier(node)) {
    const declaration = context.getSymbol(node)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
    node = skipOuterExpressions(ts, declaration.initializer);
  }
  return (
    ts.isObjectLiteralExpression(node) &&
    node.properties.some(
      (property) =>
        (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) &&
        ts.isIdentifier(property.name) &&
        property.name.text === name,
    )
  );
}
