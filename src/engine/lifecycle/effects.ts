/**
 * What one evaluated node does to a tracked resource. A node *discharges* the obligation when it
 * releases the resource, hands it off (returns, yields, stores it outside the function, passes it
 * to a callee that takes ownership, disposes it with `using`), registers a callback that releases
 * it, or, for consumable resources, reads it to the end. An edge makes the resource *absent* when
 * its test shows the variable holds nothing (`if (!s)`, `s?.end()`) or a destroyed socket, or, for
 * a connection an error-first callback received, that the error is set (`if (err) return`).
 */
import type * as ts from 'typescript';
import type { CfgEdge, CfgNode } from '../cfg/graph.js';
import type { AnalysisContext } from './context.js';
import {
  getCompanionOf,
  isOwnFieldAccess,
  isResourceBodyExpression,
  isResourceExpression,
  isResourceOrBodyExpression,
  type TrackedResource,
} from './resource.js';
import { summaryTakesOwnership } from './summaries.js';
import { getBodyKind } from '../resources/kinds.js';
import { calleeTakesOwnership, hasBodyInProgram } from './ownership.js';
import { chainMethods } from './promise-chains.js';
import { isRejectionAfterDestroy } from './rejections.js';
import {
  getMethodCall,
  getStringLiteralValue,
  isFunctionWithBody,
  isWithin,
  listenerMethods,
  skipOuterExpressions,
  type FunctionWithBody,
} from './syntax.js';

const consumingMethods: ReadonlySet<string> = new Set(['resume', 'pipe']);
/**
 * Readable's helpers that read the stream with its async iterator to the end (or stop early through
 * its `return()`), as a `for await` loop does: `await socket.toArray()`.
 */
export const iteratingMethods: ReadonlySet<string> = new Set(['toArray', 'forEach', 'reduce', 'some', 'every', 'find']);
const socketReleases: ReadonlySet<string> = new Set(['destroy', 'end', 'resetAndDestroy', 'destroySoon']);
const consumingEvents: ReadonlySet<string> = new Set(['data', 'readable']);
/** Options through which Node and undici APIs borrow a pool: `http.request({ agent })`, `fetch(url, { dispatcher })`. */
const borrowedOptionNames: ReadonlySet<string> = new Set(['agent', 'dispatcher']);

/** Whether evaluating this graph node discharges the resource. */
export function isDischargeNode(context: AnalysisContext, node: CfgNode, resource: TrackedResource): boolean {
  if (node.kind === 'return-value') return isReturnedValueDischarge(context, node.ast as ts.Expression, resource);
  if (node.kind !== 'element') return false;
  return isDischargeAt(context, node.ast, resource);
}

function isReturnedValueDischarge(context: AnalysisContext, value: ts.Expression, resource: TrackedResource): boolean {
  return isEscapingValue(context, value, resource);
}

/**
 * A value that carries the resource out of this frame when it is returned, yielded or stored: the
 * resource itself (or its body), a callback that releases it, or a closure that uses it — the
 * resource then lives as long as that closure (a returned `fetch` bound to its own `Agent`, a
 * `send` function over one socket), and whoever holds the closure holds the resource.
 */
function isEscapingValue(context: AnalysisContext, value: ts.Expression, resource: TrackedResource): boolean {
  return isResourceOrBodyExpression(context, value, resource) || isDischargingCallback(context, value, resource) || isCapturingClosure(context, value, resource);
}

/** A closure of the resource's function (inline or named by a local) whose body uses the resource. */
function isCapturingClosure(context: AnalysisContext, value: ts.Expression, resource: TrackedResource): boolean {
  const fn = localFunctionOf(context, value, resource);
  return fn !== undefined && usesResource(context, fn.body, resource);
}

function usesResource(context: AnalysisContext, body: ts.Node, resource: TrackedResource): boolean {
  const { ts } = context;
  const visit = (node: ts.Node): boolean =>
    (ts.isIdentifier(node) && isResourceOrBodyExpression(context, node, resource)) || (ts.forEachChild(node, visit) ?? false);
  return visit(body);
}

/** Whether an AST node (as an evaluated element) discharges the resource. */
export function isDischargeAt(context: AnalysisContext, ast: ts.Node, resource: TrackedResource): boolean {
  const { ts } = context;
  switch (ast.kind) {
    case ts.SyntaxKind.CallExpression:
    case ts.SyntaxKind.NewExpression:
      return isDischargingCall(context, ast as ts.CallExpression | ts.NewExpression, resource);
    case ts.SyntaxKind.VariableDeclaration:
      return isDisposingDeclaration(context, ast as ts.VariableDeclaration, resource);
    case ts.SyntaxKind.BinaryExpression:
      return isStoringAssignment(context, ast as ts.BinaryExpression, resource);
    case ts.SyntaxKind.ObjectLiteralExpression:
    case ts.SyntaxKind.ArrayLiteralExpression:
      return isEscapingLiteral(context, ast as ts.ObjectLiteralExpression | ts.ArrayLiteralExpression, resource);
    case ts.SyntaxKind.YieldExpression: {
      const operand = (ast as ts.YieldExpression).expression;
      return operand !== undefined && isReturnedValueDischarge(context, operand, resource);
    }
    case ts.SyntaxKind.ForOfStatement: {
      const loop = ast as ts.ForOfStatement;
      if (loop.awaitModifier === undefined) return false;
      return (
        isResourceBodyExpression(context, loop.expression, resource) ||
        ((resource.consumable || resource.kind.releasedByIteration === true) && isResourceExpression(context, loop.expression, resource))
      );
    }
    default:
      return false;
  }
}

function isDischargingCall(context: AnalysisContext, call: ts.CallExpression | ts.NewExpression, resource: TrackedResource): boolean {
  const { ts } = context;
  if (ts.isCallExpression(call)) {
    const method = getMethodCall(ts, call);
    if (method && isResourceExpression(context, method.receiver, resource)) {
      if (resource.kind.release.includes(method.name)) return true;
      if (resource.consumable && isConsumingCall(context, call, method.name)) return true;
      if ((resource.consumable || resource.kind.releasedByIteration === true) && iteratingMethods.has(method.name)) return true;
      // `pending.then(…)` on a held promise of the resource: the chain takes it (promise-chains.ts).
      if (chainMethods.has(method.name) && call.arguments.length > 0) return true;
      if (call.arguments.some((argument) => isDischargingThisCallback(context, argument, resource))) return true;
    }
    if (method && isResourceBodyExpression(context, method.receiver, resource)) {
      if (resource.kind.body!.release.includes(method.name) || isConsumingCall(context, call, method.name)) return true;
    }
    if (method && isReleasingThroughSocket(context, method.receiver, method.name, resource)) return true;
    if (method && getCompanionOf(context, method.receiver, resource)?.release.includes(method.name)) return true;
  }
  const args = call.arguments ?? [];
  for (let index = 0; index < args.length; index++) {
    const argument = args[index]!;
    if (ts.isSpreadElement(argument)) {
      if (isResourceOrBodyExpression(context, argument.expression, resource)) return true;
      continue;
    }
    if (isResourceOrBodyExpression(context, argument, resource) && calleeTakesOwnership(context, call, index, asHandedOver(context, argument, resource))) return true;
    if (isCompanionHandedToReleaser(context, call, index, argument, resource)) return true;
    if (isDischargingCallback(context, argument, resource)) return true;
  }
  // Calling a closure of this function that releases it: `const fail = () => s.destroy(); … fail();`
  const callee = localFunctionOf(context, call.expression, resource);
  return callee !== undefined && functionMayDischarge(context, callee, resource);
}

/**
 * What an argument hands a callee: the resource, or, for `handle(response.body)`, its body, which
 * the callee's parameter then stands for. Its releases are the body's (`pipeTo`, `getReader`,
 * `cancel`, reading it through), not the response's (`text()`, `json()`, which a stream has not).
 */
function asHandedOver(context: AnalysisContext, argument: ts.Expression, resource: TrackedResource): TrackedResource {
  if (!resource.kind.body || !isResourceBodyExpression(context, argument, resource)) return resource;
  return { ...resource, kind: getBodyKind(resource.kind), consumable: true, companions: [] };
}

/** `res.socket.destroy()`: destroying the socket a response is read from releases the response. */
function isReleasingThroughSocket(context: AnalysisContext, receiver: ts.Expression, name: string, resource: TrackedResource): boolean {
  const { ts } = context;
  const property = resource.kind.socketProperty;
  if (property === undefined || !socketReleases.has(name)) return false;
  const node = skipOuterExpressions(ts, receiver);
  return ts.isPropertyAccessExpression(node) && node.name.text === property && isResourceExpression(context, node.expression, resource);
}

/** A companion (the response's request) passed to a function of the program that releases it. */
function isCompanionHandedToReleaser(
  context: AnalysisContext,
  call: ts.CallExpression | ts.NewExpression,
  index: number,
  argument: ts.Expression,
  resource: TrackedResource,
): boolean {
  const companion = getCompanionOf(context, argument, resource);
  if (!companion) return false;
  const declaration = context.getCalleeDeclaration(call);
  if (!declaration || !hasBodyInProgram(context, declaration)) return false;
  // The callee's parameter stands for the companion: its own releases are what count there.
  const probe: TrackedResource = {
    ...resource,
    kind: { ...resource.kind, name: `companion:${companion.release.join(',')}`, release: companion.release, consumable: false, body: undefined },
    consumable: false,
    companions: [],
  };
  return summaryTakesOwnership(context, declaration, index, probe);
}

function isConsumingCall(context: AnalysisContext, call: ts.CallExpression, name: string): boolean {
  if (consumingMethods.has(name)) return true;
  if (!listenerMethods.has(name)) return false;
  const event = getStringLiteralValue(context.ts, call.arguments[0]);
  return event !== undefined && consumingEvents.has(event);
}

function isDisposingDeclaration(context: AnalysisContext, declaration: ts.VariableDeclaration, resource: TrackedResource): boolean {
  const { ts } = context;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !declaration.initializer) return false;
  const flags = list.flags & ts.NodeFlags.BlockScoped;
  const isUsing = flags === ts.NodeFlags.Using || flags === ts.NodeFlags.AwaitUsing;
  return isUsing && isResourceExpression(context, declaration.initializer, resource);
}

function isStoringAssignment(context: AnalysisContext, assignment: ts.BinaryExpression, resource: TrackedResource): boolean {
  const { ts } = context;
  const operator = assignment.operatorToken.kind;
  if (
    operator !== ts.SyntaxKind.EqualsToken &&
    operator !== ts.SyntaxKind.BarBarEqualsToken &&
    operator !== ts.SyntaxKind.QuestionQuestionEqualsToken &&
    operator !== ts.SyntaxKind.AmpersandAmpersandEqualsToken
  ) {
    return false;
  }
  if (!isEscapingValue(context, assignment.right, resource)) return false;
  const target = skipOuterExpressions(ts, assignment.left);
  if (!ts.isIdentifier(target)) return true; // a field, an element, a pattern: stored outside this frame
  // A variable of an enclosing function or the module outlives this call; a local one is an alias.
  const declaration = context.getSymbol(target)?.valueDeclaration;
  const owner = resource.primaryHolder?.declaration ?? resource.origin;
  return declaration === undefined || !isWithin(declaration, enclosingFunction(context, owner) ?? owner);
}

function isEscapingLiteral(
  context: AnalysisContext,
  literal: ts.ObjectLiteralExpression | ts.ArrayLiteralExpression,
  resource: TrackedResource,
): boolean {
  const { ts } = context;
  const escapes = (value: ts.Expression): boolean => isEscapingValue(context, value, resource);
  if (ts.isArrayLiteralExpression(literal)) {
    return literal.elements.some((element) => escapes(ts.isSpreadElement(element) ? element.expression : element));
  }
  const borrowsOptions = isOptionsOfDeclaredApi(context, literal);
  return literal.properties.some((property) => {
    if (ts.isPropertyAssignment(property)) {
      const name = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
      if (borrowsOptions && name !== undefined && borrowedOptionNames.has(name)) return false;
      return escapes(property.initializer);
    }
    if (ts.isShorthandPropertyAssignment(property)) {
      if (borrowsOptions && borrowedOptionNames.has(property.name.text)) return false;
      return escapes(property.name);
    }
    if (ts.isSpreadAssignment(property)) return escapes(property.expression);
    // A method or accessor of the literal is a closure too: `{ send(line) { socket.write(line); } }`.
    return isFunctionWithBody(ts, property) && usesResource(context, property.body, resource);
  });
}

/** An options object passed straight to a function declared outside the program (`http.get(url, { agent })`). */
function isOptionsOfDeclaredApi(context: AnalysisContext, literal: ts.ObjectLiteralExpression): boolean {
  const { ts } = context;
  let node: ts.Node = literal;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent)) {
    node = node.parent;
  }
  const call = node.parent;
  if (!call || !(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments?.includes(node as ts.Expression)) {
    return false;
  }
  const declaration = context.getCalleeDeclaration(call);
  return declaration !== undefined && !hasBodyInProgram(context, declaration);
}

/**
 * A `function` expression (not an arrow, not a generator) handed to the resource's own method or
 * to the call that creates it, whose `this` may discharge it: Node calls an emitter's listeners
 * with `this` bound to it (`socket.on('connect', function () { this.end(); })`), and the callback
 * of `net.connect(port, cb)` or `socket.setTimeout(ms, cb)` is such a listener.
 */
export function isDischargingThisCallback(context: AnalysisContext, expression: ts.Expression, resource: TrackedResource): boolean {
  const fn = getListenerFunction(context, expression);
  return fn !== undefined && functionMayDischarge(context, fn, { ...resource, thisOf: fn });
}

/** A `function` (no arrow, no generator) an expression denotes (getFunctionValue). */
function getListenerFunction(context: AnalysisContext, expression: ts.Expression): FunctionWithBody | undefined {
  const { ts } = context;
  const fn = getFunctionValue(context, expression)?.fn;
  return fn && (ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn)) && !fn.asteriskToken ? fn : undefined;
}

/** The function an expression denotes: written inline, or named by a function declaration or a variable given one. */
function getFunctionValue(context: AnalysisContext, expression: ts.Expression): { readonly fn: FunctionWithBody; readonly inline: boolean } | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  if (isFunctionWithBody(ts, node)) return { fn: node, inline: true };
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = context.getSymbol(node)?.valueDeclaration;
  if (!declaration) return undefined;
  const fn =
    isFunctionWithBody(ts, declaration)
      ? declaration
      : ts.isVariableDeclaration(declaration) && declaration.initializer
        ? skipOuterExpressions(ts, declaration.initializer)
        : undefined;
  return fn && isFunctionWithBody(ts, fn) ? { fn, inline: false } : undefined;
}

/** A function value (inline, or a local function named by an identifier) whose body may discharge the resource. */
export function isDischargingCallback(context: AnalysisContext, expression: ts.Expression, resource: TrackedResource): boolean {
  const fn = localFunctionOf(context, expression, resource);
  return fn !== undefined && functionMayDischarge(context, fn, resource);
}

/** The function an expression denotes when it can see the resource's variables (a closure of the same function). */
function localFunctionOf(context: AnalysisContext, expression: ts.Expression, resource: TrackedResource): FunctionWithBody | undefined {
  const value = getFunctionValue(context, expression);
  if (!value || value.inline) return value?.fn;
  // Only a function that can see the resource's variables can release it.
  const scope = enclosingFunction(context, resource.primaryHolder?.declaration ?? resource.origin);
  return scope && isWithin(value.fn, scope) ? value.fn : undefined;
}

function enclosingFunction(context: AnalysisContext, node: ts.Node): ts.Node | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionWithBody(context.ts, current)) return current;
  }
  return undefined;
}

/**
 * Whether some node of a function body (nested functions included) discharges the resource:
 * flow-insensitive on purpose, since a callback runs later, on paths this graph does not see.
 * `handsBack`: the function's own `return` of the resource is no discharge (summaries.ts
 * summaryPassesThrough: the caller gets back what it handed in).
 */
export function functionMayDischarge(context: AnalysisContext, fn: FunctionWithBody, resource: TrackedResource, handsBack = false): boolean {
  const { ts } = context;
  const key = `${resource.id}:${fn.getSourceFile().fileName}:${fn.pos}${resource.thisOf === fn ? ':this' : ''}${handsBack ? ':back' : ''}`;
  const cached = context.closureDischarges.get(key);
  if (cached !== undefined) return cached;
  context.closureDischarges.set(key, false); // recursion guard
  // With `handsBack`, `fn`'s own `return` of the resource gives it back to the caller, not away.
  const isReturnDischarge = (value: ts.Expression, own: boolean): boolean =>
    !(handsBack && own && isResourceExpression(context, value, resource)) && isReturnedValueDischarge(context, value, resource);
  let found = false;
  const visit = (node: ts.Node, own: boolean): void => {
    if (found) return;
    if (ts.isReturnStatement(node) && node.expression) {
      found = isReturnDischarge(node.expression, own);
    } else if (isDischargeAt(context, node, resource)) {
      found = true;
    }
    const inner = own && !isFunctionWithBody(ts, node);
    if (!found) ts.forEachChild(node, (child) => visit(child, inner));
  };
  if (!ts.isBlock(fn.body)) found = isReturnDischarge(fn.body, true);
  visit(fn.body, true);
  context.closureDischarges.set(key, found);
  return found;
}

/**
 * Properties that are true once the resource needs nothing more: a destroyed socket or stream
 * (`socket.destroyed`), a body somebody has started reading (`res.bodyUsed` of the Fetch standard's
 * Body, and of undici's body mixin), so `if (!res.bodyUsed) await res.body?.cancel()` settles it.
 */
const settledFlags = new Set(['destroyed', 'bodyUsed']);

/** Whether `test` being `outcome` says a settled flag of the resource is set (`s.destroyed`, `!r.bodyUsed` false, `r.bodyUsed === true`). */
function isSettledFlagOnEdge(context: AnalysisContext, test: ts.Expression, outcome: boolean, resource: TrackedResource): boolean {
  const { ts } = context;
  let node = test;
  let isSet = outcome;
  for (;;) {
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      node = skipOuterExpressions(ts, node.operand);
      isSet = !isSet;
      continue;
    }
    if (ts.isBinaryExpression(node)) {
      const isEquality = getEqualityPolarity(ts, node);
      const literal = [node.left, node.right].find((side) => side.kind === ts.SyntaxKind.TrueKeyword || side.kind === ts.SyntaxKind.FalseKeyword);
      if (isEquality !== undefined && literal) {
        const other = literal === node.left ? node.right : node.left;
        // `x === true` holds when x is set; `x === false` and the inequalities flip it.
        if ((literal.kind === ts.SyntaxKind.FalseKeyword) === isEquality) isSet = !isSet;
        node = skipOuterExpressions(ts, other);
        continue;
      }
    }
    break;
  }
  return isSet && ts.isPropertyAccessExpression(node) && settledFlags.has(node.name.text) && isCertainlyResourceOrBody(context, node.expression, resource);
}

/**
 * Whether `test` being `outcome` says the response has a status with no body (`res.status === 204`
 * true, `res.status !== 304` false): a fetch `Response` whose `body` is `null`, nothing to read.
 */
function isNullBodyStatusOnEdge(context: AnalysisContext, test: ts.Expression, outcome: boolean, resource: TrackedResource): boolean {
  const { ts } = context;
  const statuses = resource.kind.nullBodyStatuses;
  if (!statuses || !ts.isBinaryExpression(test)) return false;
  const isEquality = getEqualityPolarity(ts, test);
  if (isEquality === undefined) return false;
  const left = skipOuterExpressions(ts, test.left);
  const right = skipOuterExpressions(ts, test.right);
  const literal = ts.isNumericLiteral(left) ? left : ts.isNumericLiteral(right) ? right : undefined;
  const other = literal === left ? right : left;
  if (!literal || !statuses.includes(Number(literal.text)) || !ts.isPropertyAccessExpression(other) || other.name.text !== 'status') return false;
  return outcome === isEquality && isCertainlyResourceOrBody(context, other.expression, resource);
}

/**
 * Whether taking this edge shows the resource is not there (nullish, falsy, or already destroyed:
 * an exception edge out of `from` when that exception means the resource was destroyed).
 * Only a variable that certainly holds the resource when it holds anything can show that: a
 * "maybe" alias (`const a = c ? s : undefined`) being empty says nothing about `s`.
 */
export function isResourceAbsentOnEdge(context: AnalysisContext, edge: CfgEdge, resource: TrackedResource, from?: CfgNode): boolean {
  const { ts } = context;
  if (edge.kind === 'exception') return from !== undefined && isRejectionAfterDestroy(context, from, resource);
  if (!edge.test) return false;
  const test = skipOuterExpressions(ts, edge.test);
  // `case s:` edges compare with the discriminant; they say nothing about truthiness.
  if (ts.isCaseClause(edge.test.parent)) return false;
  if (edge.kind === 'nullish') return isCertainlyResourceOrBody(context, test, resource);
  if (edge.kind !== 'true' && edge.kind !== 'false') return false;
  if (resource.received?.errorFirst && isErrorSetOnEdge(context, test, edge.kind, resource)) return true;
  if (edge.kind === 'false' && isCertainlyResourceOrBody(context, test, resource)) return true;
  if (isSettledFlagOnEdge(context, test, edge.kind === 'true', resource)) return true;
  if (isNullBodyStatusOnEdge(context, test, edge.kind === 'true', resource)) return true;
  const comparison = getNullComparison(context, test);
  if (!comparison || !isCertainlyResourceOrBody(context, comparison.operand, resource)) return false;
  return comparison.isEquality === (edge.kind === 'true');
}

/** `if (err)` / `if (!err)` on the error parameter of the error-first callback that received the resource. */
function isErrorSetOnEdge(context: AnalysisContext, test: ts.Expression, kind: 'true' | 'false', resource: TrackedResource): boolean {
  const { ts } = context;
  const parameter = resource.origin;
  const callback = parameter.parent;
  if (!ts.isParameter(parameter) || !callback || !ts.isFunctionLike(callback)) return false;
  const error = callback.parameters[0];
  if (!error || error === parameter || !ts.isIdentifier(error.name)) return false;
  let operand = test;
  let isSet: boolean = kind === 'true';
  if (ts.isPrefixUnaryExpression(operand) && operand.operator === ts.SyntaxKind.ExclamationToken) {
    operand = skipOuterExpressions(ts, operand.operand);
    isSet = !isSet;
  }
  if (!isSet || !ts.isIdentifier(operand) || operand.text !== error.name.text) return false;
  const symbol = context.getSymbol(operand);
  return symbol !== undefined && symbol === context.getSymbol(error.name);
}

/** A holder variable that is the resource whenever it is anything (or its body), with no either-or in between. */
function isCertainlyResourceOrBody(context: AnalysisContext, expression: ts.Expression, resource: TrackedResource): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  if (ts.isPropertyAccessExpression(node) && node.name.text === resource.kind.body?.property) {
    return isCertainlyResourceOrBody(context, node.expression, resource) && isResourceBodyExpression(context, node, resource);
  }
  // `this.socket` in the class that owns it: the field is the resource whenever it holds anything.
  if (resource.fields && ts.isPropertyAccessExpression(node)) return isOwnFieldAccess(context, node, resource.fields);
  if (!ts.isIdentifier(node) || !isResourceExpression(context, node, resource)) return false;
  const symbol = context.getSymbol(node);
  return symbol !== undefined && isCertainHolder(context, symbol, resource, 0);
}

/** The first variable bound to the resource, or a `const t = s` copy of a certain holder. */
function isCertainHolder(context: AnalysisContext, symbol: ts.Symbol, resource: TrackedResource, depth: number): boolean {
  const { ts } = context;
  const declaration = symbol.valueDeclaration;
  if (!declaration || depth > 8) return false;
  if (declaration === resource.primaryHolder?.declaration) return true;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  if ((declaration.parent.flags & ts.NodeFlags.Const) === 0) return false;
  const initializer = skipOuterExpressions(ts, declaration.initializer);
  const source = ts.isIdentifier(initializer) ? context.getSymbol(initializer) : undefined;
  return source !== undefined && resource.holders.has(source) && isCertainHolder(context, source, resource, depth + 1);
}

/** `true` for `==` and `===`, `false` for `!=` and `!==`, undefined for any other operator. */
function getEqualityPolarity(ts: AnalysisContext['ts'], node: ts.BinaryExpression): boolean | undefined {
  switch (node.operatorToken.kind) {
    case ts.SyntaxKind.EqualsEqualsToken:
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
      return true;
    case ts.SyntaxKind.ExclamationEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      return false;
    default:
      return undefined;
  }
}

/** `x == null`, `x === undefined`, `typeof x === 'undefined'`, `null != x`… */
function getNullComparison(
  context: AnalysisContext,
  test: ts.Expression,
): { operand: ts.Expression; isEquality: boolean } | undefined {
  const { ts } = context;
  if (!ts.isBinaryExpression(test)) return undefined;
  const isEquality = getEqualityPolarity(ts, test);
  if (isEquality === undefined) return undefined;
  const isNothing = (node: ts.Expression): boolean => {
    const inner = skipOuterExpressions(ts, node);
    return (
      inner.kind === ts.SyntaxKind.NullKeyword ||
      (ts.isIdentifier(inner) && inner.text === 'undefined') ||
      ts.isVoidExpression(inner) ||
      (ts.isStringLiteral(inner) && inner.text === 'undefined')
    );
  };
  const unwrapTypeof = (node: ts.Expression): ts.Expression => {
    const inner = skipOuterExpressions(ts, node);
    return ts.isTypeOfExpression(inner) ? inner.expression : inner;
  };
  if (isNothing(test.right)) return { operand: unwrapTypeof(test.left), isEquality };
  if (isNothing(test.left)) return { operand: unwrapTypeof(test.right), isEquality };
  return undefined;
}
