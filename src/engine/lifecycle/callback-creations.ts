/**
 * Callback-style factories of the program: a function that creates a socket and hands it to a
 * callback its caller gave it, Node's callback style (`function connect(port, callback) { const s =
 * net.connect(port); s.once('connect', () => callback(null, s)); s.once('error', callback); }`).
 * The callback owns the socket, as the callback of pg's `pool.connect` owns its client: a caller's
 * callback that never ends it leaks it (acquire-callbacks.ts registers it), and a promise resolved
 * with it hands it on (summaries.ts getPromisedFreshKind).
 */
import type * as ts from 'typescript';
import type { ResourceKind } from '../resources/kinds.js';
import type { AnalysisContext } from './context.js';
import { elementWriters, getCallbackHandoffs, getCallGiven, getListenerOfThis, type CallbackHandoff } from './callback-handoffs.js';
import { getCreatedOperandKind } from './created-values.js';
import { getBodyNodes } from './file-index.js';
import { getAcquireRegistration, hasProgramCallee } from './acquire-callbacks.js';
import { mayCreateResource } from '../prefilter/may-create.js';
import { forEachDescendant, getValueOperands, isFunctionWithBody, isWithin, skipOuterExpressions, type FunctionWithBody } from './syntax.js';

export interface CallbackCreation {
  /** The index of the function's parameter that takes the callback. */
  readonly parameterIndex: number;
  /** The index of the callback's parameter that receives the resource. */
  readonly argumentIndex: number;
  readonly kind: ResourceKind;
  /** The callback is called with `null` before the resource: Node's error-first convention. */
  readonly errorFirst: boolean;
}

const cache = new WeakMap<AnalysisContext, WeakMap<ts.Node, CallbackCreation | null>>();

/**
 * What a function of the program hands to a callback parameter of its own, when that is a resource
 * it creates: which parameter takes the callback, which argument is the resource, its kind.
 * Undefined for anything else: a function declared outside the program, a callback read off an
 * options object (`options.callback`: the caller's object, not its argument), a resource the
 * function also keeps (`this.socket = s`, `sockets.push(s)`) or returns (its caller holds it too)
 * or releases once the callback has it (a loan), or one handed only to a library that
 * may defer the call (`process.nextTick(callback, null, s)`: which argument the callback gets is
 * the library's to say). Answered once per function; never throws.
 */
export function summaryHandsCreationToCallback(context: AnalysisContext, declaration: ts.Node): CallbackCreation | undefined {
  if (!isFunctionWithBody(context.ts, declaration) || declaration.getSourceFile().isDeclarationFile) return undefined;
  let byFunction = cache.get(context);
  if (!byFunction) cache.set(context, (byFunction = new WeakMap()));
  let creation = byFunction.get(declaration);
  if (creation === undefined) {
    byFunction.set(declaration, null); // recursion guard
    creation = (mayCallParameter(context.ts, declaration) && mayCreateInBody(context, declaration) && computeCallbackCreation(context, declaration)) || null;
    byFunction.set(declaration, creation);
  }
  return creation ?? undefined;
}

/**
 * Syntax first: a name of one of fn's parameters is called (`callback(…)`, `cb.call(…)`,
 * `cb.bind(…)`, `(cb || noop)(…)`) or copied somewhere it may be called from (`const done = cb`,
 * `this.pending = cb`, `waiters.push(cb)`, `const waiters = [cb]`), anywhere in the body. Names, not symbols: a shadowing local only makes this
 * say yes more often, and the symbols are followed after it.
 */
function mayCallParameter(ts: AnalysisContext['ts'], fn: FunctionWithBody): boolean {
  const names = new Set<string>();
  for (const parameter of fn.parameters) if (ts.isIdentifier(parameter.name)) names.add(parameter.name.text);
  if (names.size === 0) return false;
  // The name itself, or one of the values the expression may take (`cb || noop`, `(cb ?? noop)(…)`,
  // `[callback]`).
  const isName = (node: ts.Node | undefined): boolean => {
    if (!node || !ts.isExpression(node)) return false;
    return getValueOperands(ts, node).some((value) => {
      const operand = skipOuterExpressions(ts, value);
      if (ts.isIdentifier(operand)) return names.has(operand.text);
      return ts.isArrayLiteralExpression(operand) && operand.elements.some((element) => isName(element));
    });
  };
  let may = false;
  forEachDescendant(ts, fn, (node) => {
    if (may) return;
    if (ts.isCallExpression(node)) {
      const callee = skipOuterExpressions(ts, node.expression);
      if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) may = isName(callee);
      else if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        may = (['call', 'apply', 'bind'].includes(method) && isName(callee.expression)) || (elementWriters.has(method) && node.arguments.some(isName));
      }
    } else if (ts.isVariableDeclaration(node)) {
      may = isName(node.initializer);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      may = isName(node.right);
    }
  });
  return may;
}

/**
 * Cheap first (most functions a call with a callback reaches create nothing): something in the body
 * may create a resource, by the pre-filter, or registers an inline callback with a function of the
 * program (a factory layered on another).
 */
function mayCreateInBody(context: AnalysisContext, fn: FunctionWithBody): boolean {
  const { ts } = context;
  let may = false;
  forEachDescendant(ts, fn, (node) => {
    if (may || !(ts.isCallExpression(node) || ts.isNewExpression(node))) return;
    may = mayCreateResource(context, node) || (ts.isCallExpression(node) && node.arguments.some((argument) => isFunctionWithBody(ts, skipOuterExpressions(ts, argument))) && hasProgramCallee(context, node));
  });
  return may;
}

function computeCallbackCreation(context: AnalysisContext, fn: FunctionWithBody): CallbackCreation | undefined {
  const { ts } = context;
  for (const handoff of getCallbackHandoffs(context, fn, true)) {
    if (!handoff.direct || !handoff.whole) continue;
    const parameterIndex = fn.parameters.indexOf(handoff.parameter);
    for (const [argumentIndex, argument] of handoff.handed.entries()) {
      const handed = getHandedCreation(context, fn, skipOuterExpressions(ts, argument));
      if (!handed) continue;
      const { created, kind } = handed;
      if (isKeptByFunction(context, fn, created) || isReturnedByFunction(context, fn, created) || isReleasedWhereHanded(context, handoff, created, kind)) continue;
      const first = handoff.handed[0] && skipOuterExpressions(ts, handoff.handed[0]);
      const errorFirst = argumentIndex > 0 && first !== undefined && isNullish(ts, first);
      return { parameterIndex, argumentIndex, kind, errorFirst };
    }
  }
  return undefined;
}

/**
 * What a value handed to a callback creates, and the expression that creates it: a creation of fn
 * (`net.connect(p)`, a local given one), `this` of a listener on one, or what an acquire callback
 * inside fn was handed (a factory layered on another).
 */
function getHandedCreation(context: AnalysisContext, fn: FunctionWithBody, value: ts.Expression): { created: ts.Expression; kind: ResourceKind } | undefined {
  const { ts } = context;
  const candidates = value.kind === ts.SyntaxKind.ThisKeyword ? getListenerEmitters(ts, fn, value) : [value];
  for (const created of candidates) {
    if (!(ts.isIdentifier(created) || ts.isCallExpression(created) || ts.isNewExpression(created))) continue;
    const kind = getCreatedOperandKind(context, created, fn) ?? getAcquiredParameterKind(context, fn, created);
    if (kind) return { created, kind };
  }
  return undefined;
}

/**
 * The kind of a parameter of an acquire callback registered inside fn: a factory layered on
 * another (`function connect(port, cb) { base(port, (err, s) => { if (err) return cb(err);
 * s.setNoDelay(true); cb(null, s); }); }`) hands on what the inner factory's callback acquired.
 */
function getAcquiredParameterKind(context: AnalysisContext, fn: FunctionWithBody, value: ts.Expression): ResourceKind | undefined {
  const { ts } = context;
  if (!ts.isIdentifier(value)) return undefined;
  const declaration = context.getSymbol(value)?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration) || declaration.parent === fn || !isWithin(declaration, fn)) return undefined;
  const callback = declaration.parent;
  const call = getCallGiven(ts, callback);
  if (!call) return undefined;
  const registration = getAcquireRegistration(context, call);
  return registration?.fn === callback && registration.received.parameterIndex === callback.parameters.indexOf(declaration) ? registration.received.kind : undefined;
}

/**
 * For `this` in a `function` listener nested in fn, the emitter Node calls it on: what it is
 * registered on (`socket` of `socket.once('connect', function () { callback(null, this); })`), or
 * the creating call it is the connect listener of (`net.connect(port, function () { … })`). The
 * first that creates something is the one.
 */
function getListenerEmitters(ts: AnalysisContext['ts'], fn: FunctionWithBody, value: ts.Expression): ts.Expression[] {
  const listener = getListenerOfThis(ts, fn, value);
  const call = listener && getCallGiven(ts, listener);
  if (!call) return [];
  const callee = skipOuterExpressions(ts, call.expression);
  return ts.isPropertyAccessExpression(callee) ? [skipOuterExpressions(ts, callee.expression), call] : [call];
}

/** Whether fn also stores the local (`this.socket = s`, `sockets[id] = s`, `pool.push(s)`): then the callback borrows it. */
function isKeptByFunction(context: AnalysisContext, fn: FunctionWithBody, value: ts.Expression): boolean {
  const { ts } = context;
  if (!ts.isIdentifier(value)) return false;
  const symbol = context.getSymbol(value);
  if (!symbol) return false;
  const isLocal = (node: ts.Expression): boolean => getValueOperands(ts, node).some((operand) => ts.isIdentifier(operand) && context.getSymbol(operand) === symbol);
  let kept = false;
  forEachDescendant(ts, fn, (node) => {
    if (kept) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = skipOuterExpressions(ts, node.left);
      kept = (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && isLocal(node.right);
    } else if (ts.isCallExpression(node)) {
      const callee = skipOuterExpressions(ts, node.expression);
      kept = ts.isPropertyAccessExpression(callee) && elementWriters.has(callee.name.text) && node.arguments.some(isLocal);
    }
  });
  return kept;
}

/**
 * Whether fn also returns the resource (undici's connector: `connect(opts, callback)` returns the
 * socket it hands to `callback`): its caller holds it too, and may be the one that ends it, so the
 * callback is not its only owner (nor taken for it).
 */
function isReturnedByFunction(context: AnalysisContext, fn: FunctionWithBody, value: ts.Expression): boolean {
  const { ts } = context;
  const returned = ts.isBlock(fn.body)
    ? getBodyNodes(ts, fn).flatMap((node) => (ts.isReturnStatement(node) && node.expression ? [node.expression] : []))
    : [fn.body];
  const symbol = ts.isIdentifier(value) ? context.getSymbol(value) : undefined;
  return returned.some((expression) =>
    getValueOperands(ts, expression).some((operand) => operand === value || (symbol !== undefined && ts.isIdentifier(operand) && context.getSymbol(operand) === symbol)),
  );
}

/**
 * Whether the function that hands the resource to the callback also releases it there, once the
 * callback has it: the loan pattern (`withConnection(port, fn)` whose listener runs `fn(s);
 * s.end();`, or `try { await fn(s); } finally { s.end(); }`), where the callback borrows the
 * resource. A release in another listener (`s.on('error', () => s.destroy())`, the clean-up of a
 * failed connect) is no loan: the callback, when it is called, is the owner.
 */
function isReleasedWhereHanded(context: AnalysisContext, handoff: CallbackHandoff, value: ts.Expression, kind: ResourceKind): boolean {
  const { ts } = context;
  const container = getEnclosingFunction(ts, handoff.call);
  if (!container) return false;
  const symbol = ts.isIdentifier(value) ? context.getSymbol(value) : undefined;
  const isResource = (receiver: ts.Expression): boolean => {
    const node = skipOuterExpressions(ts, receiver);
    return node === value || (symbol !== undefined && ts.isIdentifier(node) && context.getSymbol(node) === symbol);
  };
  let released = false;
  forEachDescendant(ts, container, (node) => {
    if (released || !ts.isCallExpression(node)) return;
    const callee = skipOuterExpressions(ts, node.expression);
    if (!ts.isPropertyAccessExpression(callee) || !kind.release.includes(callee.name.text) || !isResource(callee.expression)) return;
    // In the hand-off's own function, or in a function given to the hand-off (`fn(s, () => s.end())`).
    const owner = getEnclosingFunction(ts, node);
    released = owner === container || (owner !== undefined && isWithin(owner, handoff.call));
  });
  return released;
}

function getEnclosingFunction(ts: AnalysisContext['ts'], node: ts.Node): ts.Node | undefined {
  let current = node.parent;
  while (current && !ts.isFunctionLike(current)) current = current.parent;
  return current;
}

function isNullish(ts: AnalysisContext['ts'], node: ts.Expression): boolean {
  return node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined') || ts.isVoidExpression(node);
}
