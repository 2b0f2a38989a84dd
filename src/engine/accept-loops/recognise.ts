/**
 * Accept loops: loops that take a listener's connections one at a time, recognised by types:
 *
 * - `for await (const conn of listener)` over a listener type (Deno's `Listener` and its aliases
 *   `TcpListener`, `TlsListener`, `UnixListener`, or a type named by the `listenerTypes` option),
 *   or over any async iterable whose elements are sockets or connections (a resource kind);
 * - `for await (const [socket] of on(server, 'connection'))` with `events.on` over a plain
 *   `net.Server` (`'secureConnection'` over a `tls.Server`); http servers serve their own
 *   connections, so a loop over their events is not one;
 * - a `while`/`for`/`do` loop whose body (not a nested loop or function) calls `accept()` on a
 *   listener type.
 *
 * Each loop carries its listener (a `close()` on the same variable or property is a deliberate
 * shutdown) and, when the accepted value's type is a resource kind, the connection as a tracked
 * resource acquired at the loop head or at the `accept()`.
 */
import type * as ts from 'typescript';
import type { EngineOptions, TypeSpecifier } from '../options.js';
import { collectHolders, traceBinding } from '../lifecycle/acquisitions.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import type { ReceivedSocket, TrackedResource } from '../lifecycle/resource.js';
import type { ResourceKind } from '../resources/kinds.js';
import { getBodyNodes } from '../lifecycle/file-index.js';
import {
  getMethodCall,
  getStringLiteralValue,
  isFunctionWithBody,
  skipOuterExpressions,
  type FunctionWithBody,
} from '../lifecycle/syntax.js';
import { getOptionListenerTypes } from './options.js';

export type AcceptLoopStatement = ts.ForOfStatement | ts.WhileStatement | ts.DoStatement | ts.ForStatement;

export interface AcceptLoop {
  readonly loop: AcceptLoopStatement;
  /** Where the next connection is taken: the `for await` statement (its head) or the `accept()` call (or its `await`). */
  readonly acceptNode: ts.Node;
  /** The listener: `listener`, `this.server`, or an inline `Deno.listen(…)`. */
  readonly listener: ts.Expression;
  /** The listener's variable or property; absent for an inline expression, which nothing can close. */
  readonly listenerSymbol: ts.Symbol | undefined;
  /** The accepted connection, when its type is a resource kind and it is bound to a variable. */
  readonly connection: TrackedResource | undefined;
}

const pkg = (name: string | readonly string[], packageName: string): TypeSpecifier => ({ from: 'package', package: packageName, name });

/** Deno's listeners; `TcpListener` and friends are aliases of `Listener<…>`. */
export const builtinListenerTypes: readonly TypeSpecifier[] = [pkg('Deno.Listener', 'deno')];
const eventsOn = pkg(['on', 'EventEmitter.on'], 'events');
const netServer = [pkg('Server', 'net')];
const tlsServer = [pkg('Server', 'tls')];
const httpServers = [pkg('Server', 'http'), pkg('Server', 'https'), pkg(['Http2Server', 'Http2SecureServer'], 'http2')];
/** The APIs through which accept loops are recognised (types/followed.ts reports files that cannot see them). */
export const acceptLoopApis: readonly TypeSpecifier[] = [eventsOn, ...netServer, ...tlsServer, ...httpServers];

/** Every accept loop directly in the body of `fn` (loops of nested functions belong to those), with the check's options. */
export function getAcceptLoops(context: AnalysisContext, fn: FunctionWithBody, options: EngineOptions): AcceptLoop[] {
  const { ts } = context;
  const listenerTypes = [...builtinListenerTypes, ...getOptionListenerTypes(options)];
  const loops: AcceptLoop[] = [];
  for (const node of getBodyNodes(ts, fn)) {
    let found: AcceptLoop | undefined;
    if (ts.isForOfStatement(node) && node.awaitModifier) {
      found = getForAwaitLoop(context, fn, node, listenerTypes);
    } else if (ts.isWhileStatement(node) || ts.isDoStatement(node) || ts.isForStatement(node)) {
      found = getAcceptCallLoop(context, fn, node, listenerTypes);
    }
    if (found) loops.push(found);
  }
  return loops;
}

/** Whether a type is a listener: Deno's `Listener` or a type of the `listenerTypes` option (or a subtype). */
export function isListenerType(context: AnalysisContext, type: ts.Type, options: EngineOptions): boolean {
  return context.catalog.isTypeOrSubtype(type, [...builtinListenerTypes, ...getOptionListenerTypes(options)]);
}

function getForAwaitLoop(
  context: AnalysisContext,
  fn: FunctionWithBody,
  loop: ts.ForOfStatement,
  listenerTypes: readonly TypeSpecifier[],
): AcceptLoop | undefined {
  const { ts, checker, catalog } = context;
  const expression = skipOuterExpressions(ts, loop.expression);
  if (ts.isCallExpression(expression)) {
    const events = getConnectionEvents(context, expression);
    if (events) {
      const socket = getFirstArrayElement(context, loop.initializer);
      const kind = catalog.kinds.find((candidate) => candidate.name === 'net.Socket');
      const received: ReceivedSocket = { source: `'${events.event}'`, halfOpen: false };
      return {
        loop,
        acceptNode: loop,
        listener: events.server,
        listenerSymbol: getListenerSymbol(context, events.server),
        connection: socket && kind ? makeConnection(context, fn, loop, socket, kind, received) : undefined,
      };
    }
  }
  const holder = getLoopVariable(context, loop.initializer);
  const iterated = checker.getTypeAtLocation(expression);
  const elementKind = holder ? getSocketKind(context, checker.getTypeAtLocation(holder.name)) : undefined;
  const isListener = catalog.isTypeOrSubtype(iterated, listenerTypes);
  if (!isListener) {
    // Any async iterable of connections; a loop over listeners (or over plain iterables) is not one.
    if (!elementKind || !isAsyncIterable(context, iterated)) return undefined;
    if (catalog.isTypeOrSubtype(checker.getTypeAtLocation(holder!.name), listenerTypes)) return undefined;
  }
  return {
    loop,
    acceptNode: loop,
    listener: expression,
    listenerSymbol: getListenerSymbol(context, expression),
    connection: holder && elementKind ? makeConnection(context, fn, loop, holder, elementKind, undefined) : undefined,
  };
}

function getAcceptCallLoop(
  context: AnalysisContext,
  fn: FunctionWithBody,
  loop: ts.WhileStatement | ts.DoStatement | ts.ForStatement,
  listenerTypes: readonly TypeSpecifier[],
): AcceptLoop | undefined {
  const { ts, checker } = context;
  const call = findAcceptCall(context, loop, listenerTypes);
  if (!call) return undefined;
  const receiver = getMethodCall(ts, call)!.receiver;
  const listener = skipOuterExpressions(ts, receiver);
  let acceptNode: ts.Expression = call;
  while (ts.isParenthesizedExpression(acceptNode.parent) || ts.isAwaitExpression(acceptNode.parent)) acceptNode = acceptNode.parent;
  const signature = context.getSignature(call);
  const returned = signature ? checker.getReturnTypeOfSignature(signature) : undefined;
  const kind = returned ? getSocketKind(context, checker.getAwaitedType(returned) ?? returned) : undefined;
  let connection: TrackedResource | undefined;
  if (kind) {
    const binding = traceBinding(context, fn, call, kind);
    if (binding.type === 'holder') {
      connection = makeConnection(context, fn, acceptNode, { name: binding.name, declaration: binding.declaration }, kind, undefined);
    }
  }
  return { loop, acceptNode, listener, listenerSymbol: getListenerSymbol(context, listener), connection };
}

/** The first `accept()` on a listener type whose innermost enclosing loop (in this function) is `loop`. */
function findAcceptCall(
  context: AnalysisContext,
  loop: ts.IterationStatement,
  listenerTypes: readonly TypeSpecifier[],
): ts.CallExpression | undefined {
  const { ts, checker, catalog } = context;
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || isFunctionWithBody(ts, node) || ts.isClassLike(node)) return;
    if (node !== loop && ts.isIterationStatement(node, false)) return;
    if (ts.isCallExpression(node) && node.arguments.length === 0) {
      const method = getMethodCall(ts, node);
      if (method?.name === 'accept' && catalog.isTypeOrSubtype(checker.getTypeAtLocation(method.receiver), listenerTypes)) {
        found = node;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(loop);
  return found;
}

/** `on(server, 'connection')` over a plain net server, `on(server, 'secureConnection')` over a tls one. */
function getConnectionEvents(
  context: AnalysisContext,
  call: ts.CallExpression,
): { server: ts.Expression; event: string } | undefined {
  const { ts, checker, catalog } = context;
  const [emitter, eventArgument] = call.arguments;
  const event = getStringLiteralValue(ts, eventArgument);
  if (!emitter || event === undefined) return undefined;
  const declaration = context.getCalleeDeclaration(call);
  if (!declaration || !catalog.declarationMatches(declaration, eventsOn)) return undefined;
  const type = checker.getTypeAtLocation(emitter);
  if (catalog.isTypeOrSubtype(type, httpServers)) return undefined;
  const isTls = catalog.isTypeOrSubtype(type, tlsServer);
  const accepts = event === 'connection' ? !isTls && catalog.isTypeOrSubtype(type, netServer) : event === 'secureConnection' && isTls;
  return accepts ? { server: skipOuterExpressions(ts, emitter), event } : undefined;
}

interface Holder {
  readonly name: ts.Identifier;
  readonly declaration: ts.Node;
}

/** `const conn` / `let conn` / an outer `conn` the loop assigns. */
function getLoopVariable(context: AnalysisContext, initializer: ts.ForInitializer): Holder | undefined {
  const { ts } = context;
  if (ts.isVariableDeclarationList(initializer)) {
    const declaration = initializer.declarations[0];
    if (initializer.declarations.length !== 1 || !declaration || !ts.isIdentifier(declaration.name)) return undefined;
    return { name: declaration.name, declaration };
  }
  const target = skipOuterExpressions(ts, initializer);
  if (!ts.isIdentifier(target)) return undefined;
  const declaration = context.getSymbol(target)?.valueDeclaration;
  return declaration ? { name: target, declaration } : undefined;
}

/** `const [socket]` / `const [socket, …]`: the event's first argument. */
function getFirstArrayElement(context: AnalysisContext, initializer: ts.ForInitializer): Holder | undefined {
  const { ts } = context;
  if (!ts.isVariableDeclarationList(initializer) || initializer.declarations.length !== 1) return undefined;
  const pattern = initializer.declarations[0]!.name;
  if (!ts.isArrayBindingPattern(pattern)) return undefined;
  const first = pattern.elements[0];
  if (!first || !ts.isBindingElement(first) || first.dotDotDotToken || !ts.isIdentifier(first.name)) return undefined;
  return { name: first.name, declaration: first };
}

function getSocketKind(context: AnalysisContext, type: ts.Type): ResourceKind | undefined {
  const kind = context.catalog.getKindOfType(type);
  return kind?.family === 'socket' ? kind : undefined;
}

function isAsyncIterable(context: AnalysisContext, type: ts.Type): boolean {
  const { checker } = context;
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) =>
    checker.getPropertiesOfType(checker.getApparentType(part)).some((property) => String(property.escapedName).startsWith('__@asyncIterator')),
  );
}

/** The variable or property a listener expression reads (`listener`, `this.server`, `ctx.listener`). */
export function getListenerSymbol(context: AnalysisContext, expression: ts.Expression): ts.Symbol | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  if (ts.isIdentifier(node)) return context.getSymbol(node);
  if (ts.isPropertyAccessExpression(node)) return context.getSymbol(node.name);
  return undefined;
}

function makeConnection(
  context: AnalysisContext,
  fn: FunctionWithBody,
  origin: ts.Node,
  holder: Holder,
  kind: ResourceKind,
  received: ReceivedSocket | undefined,
): TrackedResource | undefined {
  const symbol = context.getSymbol(holder.name);
  if (!symbol) return undefined;
  const holders = collectHolders(context, fn, new Set([symbol]));
  return {
    id: context.newResourceId(),
    origin,
    kind,
    typeName: kind.name,
    received,
    consumable: received !== undefined || kind.consumable === true,
    holders,
    holderNames: new Set([...holders].map((candidate) => candidate.name)),
    primaryHolder: { name: holder.name.text, declaration: holder.declaration },
  };
}
