/**
 * Callee summaries, computed lazily and cached per program: "returns a fresh resource" (a factory)
 * and "takes ownership of parameter i" (releases it, stores it, or hands it on to an owner on some
 * path). A callee in another file of the program is summarised the same way. Recursion assumes
 * the generous answer (owns, not a factory) so cycles terminate.
 */
import type * as ts from 'typescript';
import type { ResourceKind } from '../resources/kinds.js';
import type { AnalysisContext } from './context.js';
import { collectHolders, isGlobalPromise } from './acquisitions.js';
import { getCreatedKind, getCreatedOperandKind } from './created-values.js';
import { functionMayDischarge } from './effects.js';
import { hasBodyInProgram } from './ownership.js';
import { isResourceExpression, type TrackedResource } from './resource.js';
import { getBodyNodes } from './file-index.js';
import { getCallbackHandoffs, getListenerOfThis, isLibraryHandoff } from './callback-handoffs.js';
import { summaryHandsCreationToCallback } from './callback-creations.js';
import { mayReturnFreshResource } from '../prefilter/may-create.js';
import { isDeclaredToReturnThis } from '../prefilter/declared-types.js';
import { forEachDescendant, getParameterOfArgument, getValueOperands, isFunctionWithBody, isWithin, skipOuterExpressions, type FunctionWithBody } from './syntax.js';

/** Whether the function takes ownership of the argument at `index`. */
export function summaryTakesOwnership(
  context: AnalysisContext,
  declaration: ts.FunctionLikeDeclaration,
  index: number,
  resource: TrackedResource,
): boolean {
  // A recursion cycle assumes ownership.
  return memoizeArgumentSummary(context, declaration, index, resource, 'owns', true, (fn) => {
    const argument = getArgumentAsParameter(context, fn, index, resource);
    if (argument === 'unnamed') return false; // an extra argument the function never names
    if (argument === 'opaque') return true;
    // `return s` of a function that hands its argument back gives it to the caller, not away.
    return functionMayDischarge(context, fn, argument, summaryReturnsArgument(context, fn, index, resource));
  });
}

/**
 * Whether the function hands its argument at `index` back and does nothing else that takes it
 * (`function tune(s) { s.setNoDelay(true); return s; }`): the caller still owns the argument, and
 * the call's value is that argument, as `Object.assign`'s is its target. Such a function is no
 * hand-off (summaryTakesOwnership says no), and `const t = tune(net.connect(p))` holds the socket.
 */
export function summaryPassesThrough(
  context: AnalysisContext,
  declaration: ts.FunctionLikeDeclaration,
  index: number,
  resource: TrackedResource,
): boolean {
  // Handing it back, ownership is what the rest of the body does (summaryTakesOwnership ignores that return).
  return summaryReturnsArgument(context, declaration, index, resource) && !summaryTakesOwnership(context, declaration, index, resource);
}

/**
 * Whether some `return` of the function itself hands back its argument at `index` (the parameter,
 * an alias, a fluent call on it), whatever else it does with it: the call's value may be that
 * argument. summaryPassesThrough adds that the function keeps nothing.
 */
export function summaryReturnsArgument(
  context: AnalysisContext,
  declaration: ts.FunctionLikeDeclaration,
  index: number,
  resource: TrackedResource,
): boolean {
  return memoizeArgumentSummary(context, declaration, index, resource, 'returns', false, (fn) => {
    const argument = getArgumentAsParameter(context, fn, index, resource);
    return typeof argument !== 'string' && returnsResource(context, fn, argument);
  });
}

/**
 * A per-argument summary, cached per Program by the function, the argument and what the resource
 * is (its kind, whether reading it releases it). `whenCyclic` answers a question met again while
 * it is being answered; a declaration with no body gets it too.
 */
function memoizeArgumentSummary(
  context: AnalysisContext,
  declaration: ts.FunctionLikeDeclaration,
  index: number,
  resource: TrackedResource,
  question: 'owns' | 'returns',
  whenCyclic: boolean,
  compute: (fn: FunctionWithBody) => boolean,
): boolean {
  if (!isFunctionWithBody(context.ts, declaration)) return whenCyclic;
  const key = `${declaration.getSourceFile().fileName}:${declaration.pos}:${index}:${resource.kind.name}:${resource.consumable}:${question}`;
  const cached = context.paramOwnership.get(key);
  if (cached !== undefined) return cached;
  context.paramOwnership.set(key, whenCyclic);
  const result = compute(declaration);
  context.paramOwnership.set(key, result);
  return result;
}

/**
 * The argument at `index` as a resource of `fn`, held by its parameter and that parameter's
 * aliases: `'unnamed'` when `fn` has no parameter there; `'opaque'` for one we do not follow (a
 * rest or destructured parameter, a constructor's parameter property, which stores it in a field).
 */
export function getArgumentAsParameter(
  context: AnalysisContext,
  fn: FunctionWithBody,
  index: number,
  resource: TrackedResource,
): TrackedResource | 'unnamed' | 'opaque' {
  const { ts } = context;
  const parameter = getParameterOfArgument(ts, fn, index);
  if (!parameter) return 'unnamed';
  if (parameter.dotDotDotToken || !ts.isIdentifier(parameter.name) || ts.isParameterPropertyDeclaration(parameter, parameter.parent)) return 'opaque';
  const symbol = context.getSymbol(parameter.name);
  if (!symbol) return 'opaque';
  const holders = collectHolders(context, fn, new Set([symbol]));
  return {
    ...resource,
    id: context.newResourceId(),
    origin: parameter,
    holders,
    holderNames: new Set([...holders].map((holder) => holder.name)),
    primaryHolder: { name: parameter.name.text, declaration: parameter },
  };
}

/** Whether some `return` of `fn` itself (or its expression body) hands back the resource: the parameter, an alias, a fluent call on it. */
function returnsResource(context: AnalysisContext, fn: FunctionWithBody, resource: TrackedResource): boolean {
  const { ts } = context;
  if (!ts.isBlock(fn.body)) return isResourceExpression(context, fn.body, resource);
  return getBodyNodes(ts, fn).some((node) => ts.isReturnStatement(node) && node.expression !== undefined && isResourceExpression(context, node.expression, resource));
}

/** The kind of fresh resource the function returns, if it is a factory. */
export function summaryReturnsFresh(context: AnalysisContext, declaration: ts.FunctionLikeDeclaration): ResourceKind | undefined {
  const { ts } = context;
  if (!isFunctionWithBody(ts, declaration)) return undefined;
  const cached = context.freshReturns.get(declaration);
  if (cached !== undefined) return cached ?? undefined;
  context.freshReturns.set(declaration, null); // recursion guard
  const result = computeFreshReturn(context, declaration);
  context.freshReturns.set(declaration, result ?? null);
  return result;
}

function computeFreshReturn(context: AnalysisContext, fn: FunctionWithBody): ResourceKind | undefined {
  const { ts, checker } = context;
  // Cheap first: no `return` that may hand back a creation, no factory (and no type questions);
  // a method declared to return `this` hands back its receiver (the pre-filter says so too).
  if (isDeclaredToReturnThis(ts, fn) || !mayReturnFreshResource(context, fn)) return undefined;
  const returned: ts.Expression[] = [];
  if (ts.isBlock(fn.body)) {
    for (const node of getBodyNodes(ts, fn)) if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
  } else {
    returned.push(fn.body);
  }
  let fresh: ResourceKind | undefined;
  const others: ts.Expression[] = [];
  // `return tls ? tls.connect(o) : net.connect(o)`: each value the expression may take counts, and
  // so does each value a local returned may hold (`const s = this.s ?? net.connect(o); return s`).
  for (const value of returned.flatMap((expression) => getReturnedValues(context, fn, expression))) {
    const kind = getCreatedOperandKind(context, value, fn) ?? getPromisedFreshKind(context, value);
    if (kind) {
      fresh ??= kind;
      continue;
    }
    // Returning a resource that is not fresh (a field, a parameter, one looked up where it is kept:
    // `cache.get(key) || create(key)`, `sockets[key] ?? open(key)`) makes this a getter, not a factory.
    if (isKeptValue(context, fn, value)) return undefined;
    others.push(value);
  }
  // What the other values are matters only to a function that creates something: typing them (in
  // JavaScript, inferring them) is left to the few that do.
  if (!fresh) return undefined;
  // Node's callback style: what the callback receives is the caller's, the value returned a second reference.
  if (handsCreationToCallback(context, fn, returned)) return undefined;
  for (const value of others) {
    const type = checker.getTypeAtLocation(value);
    // What the caller handed in, of no type we know (an untyped JavaScript parameter, `options.socket`):
    // it may be a socket that already existed, as `existing ?? net.connect(port)` says it is.
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) && isReadOfParameter(context, fn, value)) return undefined;
    if (context.catalog.getKindOfType(checker.getAwaitedType(type) ?? type)) return undefined;
  }
  return fresh;
}

/**
 * Whether `fn` hands what it returns to a function its caller gave it, besides returning it:
 * `callback(null, socket)`, `process.nextTick(callback, null, socket)`, `this.pending(null, s)`
 * after `this.pending = callback`, or `cb(null, this)` in a listener it registers (Node calls a
 * listener with the emitter as `this`); callback-handoffs.ts says where callbacks go. That is
 * Node's callback style (undici's connector: `connect(opts, callback)` returns the socket and
 * passes it to `callback` on 'connect'): the callback owns the socket, and a caller that drops the
 * value returned leaks nothing.
 */
function handsCreationToCallback(context: AnalysisContext, fn: FunctionWithBody, returned: readonly ts.Expression[]): boolean {
  const { ts } = context;
  const handoffs = getCallbackHandoffs(context, fn);
  if (handoffs.length === 0) return false;
  const returnedLocals = new Set<ts.Symbol>();
  for (const expression of returned) {
    for (const value of getValueOperands(ts, expression)) {
      const symbol = ts.isIdentifier(value) ? context.getSymbol(value) : undefined;
      if (symbol) returnedLocals.add(symbol);
    }
  }
  // A returned local, or a local copy of one (`const sock = socket; cb(null, sock)`).
  const isReturnedLocal = (value: ts.Expression, depth = 0): boolean => {
    if (!ts.isIdentifier(value) || depth > 3) return false;
    const symbol = context.getSymbol(value);
    if (!symbol) return false;
    if (returnedLocals.has(symbol)) return true;
    const declaration = symbol.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !isWithin(declaration, fn)) return false;
    return context.getAssignedValues(value).some((assigned) => isReturnedLocal(assigned, depth + 1));
  };
  return handoffs.some(
    (handoff) =>
      handoff.handed.some((argument) => {
        const value = skipOuterExpressions(ts, argument);
        return getListenerOfThis(ts, fn, value) !== undefined || isReturnedLocal(value);
      }) && isLibraryHandoff(context, handoff),
  );
}

/** `existing`, `options.socket`, `options.tls.socket`: a parameter of `fn`, or a property read off one. */
function isReadOfParameter(context: AnalysisContext, fn: FunctionWithBody, value: ts.Expression): boolean {
  const { ts } = context;
  let node = skipOuterExpressions(ts, value);
  while (ts.isPropertyAccessExpression(node)) node = skipOuterExpressions(ts, node.expression);
  if (!ts.isIdentifier(node)) return false;
  const declaration = context.getSymbol(node)?.valueDeclaration;
  return declaration !== undefined && ts.isParameter(declaration) && declaration.parent === fn;
}

/**
 * The values a returned expression may take (getValueOperands), a local of `fn` read as the values
 * its initializer may take, and a `let` or `var` of `fn` as every value it is given (`let s; if
 * (secure) s = tls.connect(o); else s = net.connect(o); return s;`).
 */
function getReturnedValues(context: AnalysisContext, fn: FunctionWithBody, expression: ts.Expression): ts.Expression[] {
  const { ts } = context;
  return getValueOperands(ts, expression).flatMap((value) => {
    if (!ts.isIdentifier(value)) return [value];
    const declaration = context.getSymbol(value)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !isWithin(declaration, fn)) return [value];
    if (ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) === 0) {
      const given = context.getAssignedValues(value);
      // Assigned somewhere: each value it is given (a `let` left unassigned on a path is `undefined` there).
      if (given.length > (declaration.initializer ? 1 : 0)) return given.flatMap((assigned) => getValueOperands(ts, assigned));
    }
    if (!declaration.initializer) return [value];
    const initial = getValueOperands(ts, declaration.initializer);
    // A local created by one call is that creation (getCreatedOperandKind reads it, as before).
    return initial.length === 1 ? [value] : initial;
  });
}

/**
 * A value read from where it is kept, typed or not (in JavaScript a lazily set field is often
 * `any`): a field of the instance (`this.socket`), an element (`sockets[key]`), a variable of an
 * enclosing scope or module or a property read off one (`cached`, `state.socket`), or what a lookup
 * hands back (`cache.get(key)`).
 */
function isKeptValue(context: AnalysisContext, fn: FunctionWithBody, value: ts.Expression): boolean {
  const { ts } = context;
  if (ts.isElementAccessExpression(value)) return true;
  if (ts.isPropertyAccessExpression(value) && skipOuterExpressions(ts, value.expression).kind === ts.SyntaxKind.ThisKeyword) return true;
  // Storage that outlives the call, whatever its type says (an untyped JavaScript cache): a variable
  // of an enclosing scope or module (`let s = cached; if (!s) s = cached = net.connect(p)`), or a
  // property read off one (`state.socket`, `Pool.idle`).
  if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) {
    let root: ts.Expression = value;
    while (ts.isPropertyAccessExpression(root)) root = skipOuterExpressions(ts, root.expression);
    const declaration = ts.isIdentifier(root) ? context.getSymbol(root)?.valueDeclaration : undefined;
    if (declaration && !declaration.getSourceFile().isDeclarationFile && !isWithin(declaration, fn)) return true;
  }
  if (!ts.isCallExpression(value)) return false;
  const declaration = context.getCalleeDeclaration(value);
  return declaration !== undefined && context.isLookupFunction(declaration);
}

/**
 * `new Promise((resolve) => …)` that resolves with a resource the executor creates or is handed by
 * an API: `resolve(socket)` of a `const socket = net.connect(…)` of its own, `resolve` given as the
 * callback of a library call (`http.get(url, resolve)`), or `resolve(res)` in such a callback. The
 * promise then hands a fresh resource to whoever awaits it, as `events.once` or `fetch` do.
 */
function getPromisedFreshKind(context: AnalysisContext, value: ts.Expression): ResourceKind | undefined {
  const { ts, checker } = context;
  if (!ts.isNewExpression(value) || !isGlobalPromise(context, value.expression)) return undefined;
  const executor = value.arguments?.[0] && skipOuterExpressions(ts, value.arguments[0]);
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return undefined;
  const resolve = executor.parameters[0]?.name;
  if (!resolve || !ts.isIdentifier(resolve)) return undefined;
  const resolveSymbol = context.getSymbol(resolve);
  const promised = checker.getAwaitedType(checker.getTypeAtLocation(value));
  const promisedKind = promised && context.catalog.getKindOfType(promised);
  if (!resolveSymbol || !promisedKind) return undefined;
  const isResolve = (node: ts.Node): boolean => ts.isIdentifier(node) && context.getSymbol(node) === resolveSymbol;
  let fresh: ResourceKind | undefined;
  const visit = (node: ts.Node): void => {
    if (fresh || !ts.isCallExpression(node)) return;
    if (isResolve(node.expression) && node.arguments[0]) {
      const argument = skipOuterExpressions(ts, node.arguments[0]);
      fresh = getCreatedKind(context, argument, executor) ?? (isHandedByLibrary(context, argument) ? promisedKind : undefined);
    } else if (node.arguments.some((argument, index) => isResolve(skipOuterExpressions(ts, argument)) && isLibraryCallback(context, node, index))) {
      fresh = promisedKind;
    }
  };
  // The body itself too: `(resolve) => http.get(url, resolve)`.
  visit(executor.body);
  forEachDescendant(ts, executor.body, visit);
  return fresh;
}

/**
 * A parameter of a callback given to a library call (`http.get(url, (res) => resolve(res))`), or the
 * parameter a callback-style factory of the program hands its creation to.
 */
function isHandedByLibrary(context: AnalysisContext, value: ts.Expression): boolean {
  const { ts } = context;
  if (!ts.isIdentifier(value)) return false;
  const declaration = context.getSymbol(value)?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration)) return false;
  const callback = declaration.parent;
  let argument: ts.Node = callback;
  while (ts.isParenthesizedExpression(argument.parent)) argument = argument.parent;
  const call = argument.parent;
  if (!(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || !ts.isCallExpression(call)) return false;
  const index = call.arguments.indexOf(argument as ts.Expression);
  if (index < 0) return false;
  if (isLibraryCallback(context, call, index)) return true;
  // `connect(port, (err, s) => …)` of a callback-style factory of the program (callback-creations.ts).
  const callee = context.getCalleeDeclaration(call);
  const creation = callee && summaryHandsCreationToCallback(context, callee);
  return creation !== undefined && creation.parameterIndex === index && callback.parameters.indexOf(declaration) === creation.argumentIndex;
}

/**
 * Whether the argument at `index` of a call of a function declared outside the program (Node's, a
 * package's) is declared as a callback (`http.get(url, cb: (res: IncomingMessage) => void)`): the
 * library calls it with a value of its own. A parameter declared as a bare type parameter (an
 * array's `push(...items: T[])`, a map's `set(key, value: V)`) only stores the function, to be
 * called with whatever the program passes later, often something borrowed.
 */
function isLibraryCallback(context: AnalysisContext, call: ts.CallExpression, index: number): boolean {
  const { ts, checker } = context;
  const declaration = context.getCalleeDeclaration(call);
  if (!declaration || hasBodyInProgram(context, declaration)) return false;
  const signature = checker.getResolvedSignature(call)?.getDeclaration();
  if (!signature || !('parameters' in signature)) return false;
  const parameters = signature.parameters;
  const last = parameters[parameters.length - 1];
  const parameter = index < parameters.length ? parameters[index] : last?.dotDotDotToken ? last : undefined;
  let typeNode = parameter?.type;
  if (parameter?.dotDotDotToken && typeNode && ts.isArrayTypeNode(typeNode)) typeNode = typeNode.elementType;
  if (!typeNode) return false;
  const type = checker.getTypeFromTypeNode(typeNode);
  const members = type.isUnion() ? type.types : [type];
  return members.some((member) => member.getCallSignatures().length > 0);
}
