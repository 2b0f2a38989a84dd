/**
 * A tracked resource: one acquisition in one function body (a creating call, or a socket received
 * as a handler parameter) and the local variables that hold it (its declaration plus aliases made
 * by assignment and destructuring, found flow-insensitively).
 */
import type * as ts from 'typescript';
import type { ResourceKind } from '../resources/kinds.js';
import type { AnalysisContext } from './context.js';
import { getThisContainer, getValueOperands, isFunctionWithBody, skipOuterExpressions, type FunctionWithBody } from './syntax.js';
import { getBodyNodes } from './file-index.js';
import { builtinPassThroughFunctions } from '../resources/borrowing.js';
import { hasBodyInProgram } from './ownership.js';
import { summaryPassesThrough, summaryReturnsArgument } from './summaries.js';

export interface ReceivedSocket {
  /** The event or API that hands the socket over: `'connection'`, `'upgrade'`, `net.createServer`. */
  readonly source: string;
  /** The socket's writable side stays open after the peer's FIN (`allowHalfOpen`, http upgrade/connect). */
  readonly halfOpen: boolean;
  /** Values whose release releases this one too (a response's request). */
  readonly companions?: readonly Companion[];
  /** Received by an error-first callback (`(err, conn) => …`): while its first parameter is set, there is nothing to release. */
  readonly errorFirst?: boolean;
}

/**
 * A value whose release also releases the resource: an http client response goes with its
 * request (`req.destroy()` / `req.abort()` destroy the socket the response is read from).
 */
export interface Companion {
  /** The variables or fields that hold it. */
  readonly symbols: ReadonlySet<ts.Symbol>;
  /** Its methods that release it, and the resource with it. */
  readonly release: readonly string[];
}

export interface TrackedResource {
  readonly id: number;
  /** The creating call or `new`, or the parameter that receives the socket. */
  readonly origin: ts.Node;
  readonly kind: ResourceKind;
  /** For messages: `net.Socket`, `undici.Pool`, `ws.WebSocket`… */
  readonly typeName: string;
  readonly received: ReceivedSocket | undefined;
  /** Reading it to the end discharges it (incoming sockets, response bodies). */
  readonly consumable: boolean;
  readonly holders: ReadonlySet<ts.Symbol>;
  readonly holderNames: ReadonlySet<string>;
  /**
   * Where the obligation begins when that is not the acquisition: the `connect()` calls of a
   * `new net.Socket()`, which holds no descriptor before one (see ResourceKind.openedBy).
   */
  readonly openedAt?: readonly ts.Node[];
  /** The map it was taken out of (`connections`, as written), when it was looked up and then deleted (taken-out.ts). */
  readonly takenFrom?: string;
  /** Values whose release releases this one too (see Companion). */
  readonly companions?: readonly Companion[];
  /**
   * Fields of `this` that hold it, when the resource is what a class owns (see wrappers/): in the
   * class's own methods, `this.socket` is the resource.
   */
  readonly fields?: ReadonlySet<ts.Symbol>;
  /** The variable the resource was first bound to. */
  readonly primaryHolder: { readonly name: string; readonly declaration: ts.Node } | undefined;
  /**
   * A `function` listener or callback of the resource, in which `this` is the resource: Node calls
   * an emitter's listeners with `this` bound to the emitter (EventEmitter#emit), and a connect or
   * timeout callback is such a listener (`net.connect(port, function () { this.end(); })`).
   */
  readonly thisOf?: FunctionWithBody;
}

/** Whether `expression` evaluates to the tracked resource itself. */
export function isResourceExpression(context: AnalysisContext, expression: ts.Expression, resource: TrackedResource): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  if (ts.isIdentifier(node)) {
    // `var self = this;` in the listener whose `this` is the resource.
    if (resource.thisOf && isThisAlias(context, node, resource.thisOf)) return true;
    if (!resource.holderNames.has(node.text)) return false;
    const symbol = context.getSymbol(node);
    return symbol !== undefined && resource.holders.has(symbol);
  }
  if (node.kind === ts.SyntaxKind.ThisKeyword) return resource.thisOf !== undefined && getThisContainer(ts, node) === resource.thisOf;
  if (ts.isAwaitExpression(node)) return isResourceExpression(context, node.expression, resource);
  if (resource.fields && ts.isPropertyAccessExpression(node)) return isOwnFieldAccess(context, node, resource.fields);
  if (ts.isConditionalExpression(node)) {
    return isResourceExpression(context, node.whenTrue, resource) || isResourceExpression(context, node.whenFalse, resource);
  }
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.CommaToken || operator === ts.SyntaxKind.AmpersandAmpersandToken) {
      return isResourceExpression(context, node.right, resource);
    }
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
      return isResourceExpression(context, node.left, resource) || isResourceExpression(context, node.right, resource);
    }
    return false;
  }
  if (!ts.isCallExpression(node)) return false;
  // `socket.setTimeout(…)` hands back its receiver. The receiver first: resolving the call is
  // paid only for calls on the resource, not for every call a holder candidate is given.
  const callee = skipOuterExpressions(ts, node.expression);
  if (ts.isPropertyAccessExpression(callee) && isResourceExpression(context, callee.expression, resource)) {
    if (returnsThis(context, node)) return true;
  }
  // `Object.assign(socket, { id })`, `tune(socket)`: the call's value is an argument it hands back
  // (the argument first, so that only a call given the resource resolves its callee).
  return node.arguments.some(
    (argument, index) => !ts.isSpreadElement(argument) && isResourceExpression(context, argument, resource) && callReturnsArgument(context, node, index, resource),
  );
}

/**
 * Whether the call's value may be its argument at `index`, whatever the callee does with it
 * besides: a lib function that returns its first argument, or a function of the program with a
 * `return` of that argument (summaries.ts summaryReturnsArgument). Whether the caller still owns
 * it is callPassesThrough's question.
 */
function callReturnsArgument(context: AnalysisContext, call: ts.CallExpression, index: number, resource: TrackedResource): boolean {
  return callHandsArgumentBack(context, call, index, resource, summaryReturnsArgument);
}

/** A variable declared with `fn`'s own `this` as its value (`var self = this`). */
function isThisAlias(context: AnalysisContext, identifier: ts.Identifier, fn: FunctionWithBody): boolean {
  const { ts } = context;
  const declaration = context.getSymbol(identifier)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  if (skipOuterExpressions(ts, declaration.initializer).kind !== ts.SyntaxKind.ThisKeyword) return false;
  return getThisContainer(ts, declaration.initializer) === fn;
}

/**
 * Whether the call's value is its argument at `index`: a lib function that returns its first
 * argument (resources/borrowing.ts builtinPassThroughFunctions), or a function of the program that
 * hands that argument back and keeps nothing (summaries.ts summaryPassesThrough). `resource`: what
 * the argument is (its kind decides what counts as keeping it).
 */
export function callPassesThrough(context: AnalysisContext, call: ts.CallExpression, index: number, resource: TrackedResource): boolean {
  return callHandsArgumentBack(context, call, index, resource, summaryPassesThrough);
}

/** A lib pass-through's first argument, or what `summary` says of a function of the program. */
function callHandsArgumentBack(
  context: AnalysisContext,
  call: ts.CallExpression,
  index: number,
  resource: TrackedResource,
  summary: typeof summaryPassesThrough,
): boolean {
  const declaration = context.getCalleeDeclaration(call);
  if (declaration === undefined) return false;
  if (hasBodyInProgram(context, declaration)) return summary(context, declaration, index, resource);
  return index === 0 && builtinPassThroughFunctions.some((specifier) => context.catalog.declarationMatches(declaration, specifier));
}

/** A resource of `kind` to ask summaries about, held by nobody yet. */
export function probeResource(context: AnalysisContext, origin: ts.Node, kind: ResourceKind): TrackedResource {
  return {
    id: context.newResourceId(),
    origin,
    kind,
    typeName: kind.name,
    received: undefined,
    consumable: false,
    holders: new Set(),
    holderNames: new Set(),
    primaryHolder: undefined,
  };
}

/** `this.socket` / `this.#socket` where the field is one of `fields`. */
export function isOwnFieldAccess(context: AnalysisContext, node: ts.PropertyAccessExpression, fields: ReadonlySet<ts.Symbol>): boolean {
  const { ts } = context;
  if (skipOuterExpressions(ts, node.expression).kind !== ts.SyntaxKind.ThisKeyword) return false;
  const symbol = context.getSymbol(node.name);
  if (symbol !== undefined) return fields.has(symbol);
  // JavaScript: a base class reading `this.stream` that only a subclass assigns has no symbol for
  // it; the property is the same one by its name.
  const name = node.name.text;
  for (const field of fields) if (field.name === name) return true;
  return false;
}

/** Whether `expression` is a companion of the resource (its request); returns that companion. */
export function getCompanionOf(context: AnalysisContext, expression: ts.Expression, resource: TrackedResource): Companion | undefined {
  const companions = resource.companions;
  if (!companions || companions.length === 0) return undefined;
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  const name = ts.isIdentifier(node) ? node : ts.isPropertyAccessExpression(node) ? node.name : undefined;
  const symbol = name && ts.isIdentifier(name) ? context.getSymbol(name) : undefined;
  return symbol ? companions.find((companion) => companion.symbols.has(symbol)) : undefined;
}

/** Whether `expression` is the resource's body stream (`response.body`, `response.body!`, `response?.body`). */
export function isResourceBodyExpression(
  context: AnalysisContext,
  expression: ts.Expression,
  resource: TrackedResource,
): boolean {
  const { ts } = context;
  const body = resource.kind.body;
  if (!body) return false;
  const node = skipOuterExpressions(ts, expression);
  return (
    ts.isPropertyAccessExpression(node) &&
    node.name.text === body.property &&
    isResourceExpression(context, node.expression, resource)
  );
}

/** The resource itself or its body: handing off or reading either settles the obligation. */
export function isResourceOrBodyExpression(
  context: AnalysisContext,
  expression: ts.Expression,
  resource: TrackedResource,
): boolean {
  return isResourceExpression(context, expression, resource) || isResourceBodyExpression(context, expression, resource);
}

/**
 * A method that hands back its receiver, so a chain keeps the receiver: declared to return `this`
 * (`socket.setTimeout(…)`, `emitter.on(…)`), or its own class (a fluent API declared by name:
 * mqtt's `client.publish(…): MqttClient`), or a promise of either (`await client.connect()` in
 * redis). A method that builds a new instance of its own class is read as fluent too, since the
 * declaration cannot tell them apart, unless a kind names it as a creation (ioredis' `duplicate()`,
 * ResourceKind.createdBy). A method with no declared return type is fluent when every `return`
 * hands back `this`.
 */
export function returnsThis(context: AnalysisContext, call: ts.CallExpression): boolean {
  const declaration = context.getSignatureDeclaration(call);
  return declaration !== undefined && signatureReturnsThis(context, declaration);
}

/** returnsThis for the signature a call resolves to, by its declaration (an overload, not the implementation). */
export function signatureReturnsThis(context: AnalysisContext, declaration: ts.SignatureDeclaration): boolean {
  const { ts, checker, catalog } = context;
  if (catalog.isCreatingMethod(declaration)) return false;
  // `/** @returns {this} */` in JavaScript.
  const typeNode = declaration.type ?? (ts.isFunctionLike(declaration) ? ts.getJSDocReturnType(declaration) : undefined);
  if (!typeNode) return returnsOnlyThis(context, declaration);
  if (typeNode.kind === ts.SyntaxKind.ThisType) return true;
  if (!ts.isMethodDeclaration(declaration) && !ts.isMethodSignature(declaration)) return false;
  const owner = declaration.parent;
  if (!(ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) || !owner.name) return false;
  const declared = checker.getTypeFromTypeNode(typeNode);
  const returned = checker.getAwaitedType(declared) ?? declared;
  // A `this` type (inside `Promise<this>`) has its class as symbol; an ordinary type parameter does not.
  const ownerSymbol = checker.getSymbolAtLocation(owner.name);
  const returnedSymbol = returned.getSymbol();
  return ownerSymbol !== undefined && returnedSymbol !== undefined && getMergedSymbol(checker, returnedSymbol) === getMergedSymbol(checker, ownerSymbol);
}

/**
 * A method with no declared return type whose every `return` hands back `this` (`timeout(ms) {
 * this.sock.setTimeout(ms); return this; }`): TypeScript infers `this`, and JavaScript has no
 * other way to say it. So does a function called as a method (`Conn.prototype.timeout = function
 * () { …; return this; }`), and an arrow function that initialises a class field (its `this` is
 * the instance). Any other arrow's `this` is where it was written. The implementation is read
 * when the call resolves to an overload of it.
 */
function returnsOnlyThis(context: AnalysisContext, declaration: ts.SignatureDeclaration): boolean {
  const { ts } = context;
  const fn = context.getImplementation(declaration);
  const isReceiverThis =
    ts.isMethodDeclaration(fn) ||
    ts.isFunctionExpression(fn) ||
    ts.isFunctionDeclaration(fn) ||
    (ts.isArrowFunction(fn) && ts.isPropertyDeclaration(fn.parent) && fn.parent.initializer === fn);
  if (!isReceiverThis || !isFunctionWithBody(ts, fn) || (fn as ts.FunctionLikeDeclaration).asteriskToken) return false;
  if (fluentInProgress.has(fn)) return false;
  fluentInProgress.add(fn);
  try {
    // `this`, a fluent call on `this` (`return this.timeout(1)`), or operators that pick either.
    const isThis = (expression: ts.Expression | undefined): boolean =>
      expression !== undefined &&
      getValueOperands(ts, expression).every((value) => {
        if (value.kind === ts.SyntaxKind.ThisKeyword) return true;
        if (!ts.isCallExpression(value)) return false;
        const callee = skipOuterExpressions(ts, value.expression);
        return ts.isPropertyAccessExpression(callee) && skipOuterExpressions(ts, callee.expression).kind === ts.SyntaxKind.ThisKeyword && returnsThis(context, value);
      });
    if (!ts.isBlock(fn.body)) return isThis(fn.body);
    const returns = getBodyNodes(ts, fn).filter((node): node is ts.ReturnStatement => node.kind === ts.SyntaxKind.ReturnStatement);
    return returns.length > 0 && returns.every((statement) => isThis(statement.expression));
  } finally {
    fluentInProgress.delete(fn);
  }
}

/** Methods whose fluency is being decided: `a() { return this.b(); } b() { return this.a(); }` ends, as not fluent. */
const fluentInProgress = new Set<ts.Node>();

/** A class and an interface of the same name merge; compare what the checker merged them into. */
function getMergedSymbol(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return checker.getExportSymbolOfSymbol(symbol);
}
