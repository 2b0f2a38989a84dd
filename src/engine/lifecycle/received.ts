/**
 * Connection handlers: functions that receive a socket they own. Found once per file by looking at
 * the calls that register them, typed through the checker:
 * - `net.createServer([options,] handler)` / `tls.createServer(options, handler)`;
 * - `'connection'` on a plain `net.Server` (an http/https/tls server serves its own connections);
 * - `'secureConnection'` on a `tls.Server` that is not an https server;
 * - `'upgrade'` / `'connect'` on an `http.Server` (the socket is the 2nd parameter and half-open,
 *   since http runs its net server with `allowHalfOpen: true`) and on a client request.
 * A handler named by an identifier is followed to its declaration in the same file.
 */
import type * as ts from 'typescript';
import type { TypeSpecifier } from '../options.js';
import type { AnalysisContext } from './context.js';
import type { ReceivedSocket, TrackedResource } from './resource.js';
import { companionsOf, getHolderSymbol, isRequestReleasedByCallback } from './requests.js';
import { summaryTakesOwnership } from './summaries.js';
import { isOptionTrue } from './call-options.js';
import { getFileIndex } from './file-index.js';
import { mayDenoteNamed } from '../prefilter/may-denote.js';
import { mayBeFunctionValue } from '../prefilter/values.js';
import {
  getMethodCall,
  getStringLiteralValue,
  isFunctionWithBody,
  listenerMethods,
  skipOuterExpressions,
  type FunctionWithBody,
} from './syntax.js';

export interface ConnectionHandler extends ReceivedSocket {
  readonly parameterIndex: number;
}

const pkg = (name: string | readonly string[], packageName: string): TypeSpecifier => ({ from: 'package', package: packageName, name });
const netServer = [pkg('Server', 'net')];
const tlsServer = [pkg('Server', 'tls')];
const httpServers = [pkg('Server', 'http'), pkg('Server', 'https'), pkg(['Http2Server', 'Http2SecureServer'], 'http2')];
const clientRequest = [pkg('ClientRequest', 'http')];
const serverFactories = [pkg('createServer', 'net'), pkg('createServer', 'tls')];
/** The APIs through which connection handlers are recognised (types/followed.ts reports files that cannot see them). */
export const connectionHandlerApis: readonly TypeSpecifier[] = [...netServer, ...tlsServer, ...httpServers, ...clientRequest, ...serverFactories];

const serverFactoryNames: ReadonlySet<string> = new Set(['createServer']);
const serverClassNames: ReadonlySet<string> = new Set(['Server']);
/** The events whose listeners receive a socket to own. */
const handlerEvents: ReadonlySet<string> = new Set(['connection', 'secureConnection', 'upgrade', 'connect']);
const caches = new WeakMap<AnalysisContext, WeakMap<ts.SourceFile, Map<ts.Node, ConnectionHandler>>>();

interface Registration {
  readonly handler: ts.Expression;
  readonly received: ConnectionHandler;
  /** What the handler listens on (a symbol, or the server-making call) and for which event. */
  readonly emitter: object;
  readonly event: string;
  /** The server was made by a call or `new` that takes a function (a constructor's own handler). */
  readonly emitterHasHandler?: boolean;
  /** For a client request's `'upgrade'`/`'connect'`: the variable or field holding the request. */
  readonly request?: ts.Symbol | undefined;
}

/**
 * Every connection handler registered in the file, by function. Where one emitter has several
 * handlers for the same event (a `createServer` callback and `'connection'` listeners, or several
 * `'upgrade'` listeners splitting the URL space), all of them run for every socket: a handler only
 * owns the socket when no other handler of that emitter can release or hand it off; the others
 * merely watch it (DESIGN.md, "Watching is not owning").
 */
export function getConnectionHandlers(context: AnalysisContext, sourceFile: ts.SourceFile): ReadonlyMap<ts.Node, ConnectionHandler> {
  let cache = caches.get(context);
  if (!cache) caches.set(context, (cache = new WeakMap()));
  let handlers = cache.get(sourceFile);
  if (handlers) return handlers;
  const { ts } = context;
  // A handler we cannot see into (declared elsewhere, a parameter) is in its group as `undefined`.
  const groups = new Map<object, { fn: FunctionWithBody | undefined; received: ConnectionHandler }[]>();
  for (const node of getFileIndex(ts, sourceFile).invocations) {
    const registration = ts.isCallExpression(node) ? getHandlerRegistration(context, node) : getServerConstructorRegistration(context, node);
    if (!registration) continue;
    const fn = resolveHandlerFunction(context, registration.handler);
    // A callback that destroys the request releases its socket whatever the handler does.
    if (fn && registration.request && isRequestReleasedByCallback(context, registration.request, fn)) continue;
    const key = groupKey(registration);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    if (!fn || !group.some((entry) => entry.fn === fn)) group.push({ fn, received: registration.received });
    // `new PolyServer(route)`: the server's maker was handed a function; it may be the owner.
    if (registration.emitterHasHandler && !group.some((entry) => entry.fn === undefined)) {
      group.push({ fn: undefined, received: registration.received });
    }
  }
  handlers = new Map();
  for (const group of groups.values()) {
    for (const entry of group) {
      if (!entry.fn || handlers.has(entry.fn)) continue;
      const others = group.filter((other) => other !== entry);
      // An unknown handler takes ownership, as every callee we cannot see into does.
      if (others.some((other) => !other.fn || mayTakeSocket(context, other.fn, other.received))) continue;
      handlers.set(entry.fn, entry.received);
    }
  }
  cache.set(sourceFile, handlers);
  return handlers;
}

const groupKeys = new WeakMap<object, Map<string, object>>();

/** One key per (emitter, event): interned so a Map can group on it. */
function groupKey(registration: Registration): object {
  let byEvent = groupKeys.get(registration.emitter);
  if (!byEvent) groupKeys.set(registration.emitter, (byEvent = new Map()));
  let key = byEvent.get(registration.event);
  if (!key) byEvent.set(registration.event, (key = {}));
  return key;
}

/** Whether a handler can release its socket or hand it off anywhere in its body (flow-insensitively). */
function mayTakeSocket(context: AnalysisContext, fn: FunctionWithBody, received: ConnectionHandler): boolean {
  const kind = context.catalog.kinds.find((candidate) => candidate.name === 'net.Socket');
  if (!kind) return true;
  const probe: TrackedResource = {
    id: context.newResourceId(),
    origin: fn,
    kind,
    typeName: kind.name,
    received,
    consumable: !received.halfOpen,
    holders: new Set(),
    holderNames: new Set(),
    primaryHolder: undefined,
  };
  return summaryTakesOwnership(context, fn, received.parameterIndex, probe);
}

/**
 * What a handler is registered on: the symbol of the receiver (`server`, `this.server`), or for a
 * `createServer(handler)` callback, the variable or field the server is stored in, else the call.
 */
function getEmitter(context: AnalysisContext, expression: ts.Expression): object {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  if (ts.isIdentifier(node)) return context.getSymbol(node) ?? node;
  if (ts.isPropertyAccessExpression(node)) return context.getSymbol(node.name) ?? node;
  return node;
}

function getServerOfFactoryCall(context: AnalysisContext, call: ts.CallExpression | ts.NewExpression): object {
  const { ts } = context;
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) return context.getSymbol(parent.name) ?? call;
  if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return getEmitter(context, parent.left);
  }
  return call;
}

function getHandlerRegistration(context: AnalysisContext, call: ts.CallExpression): Registration | undefined {
  const { ts, checker, catalog } = context;
  const method = getMethodCall(ts, call);
  if (method && listenerMethods.has(method.name) && call.arguments.length >= 2) {
    const event = getStringLiteralValue(ts, call.arguments[0]);
    const handler = call.arguments[1]!;
    // The event first: most listeners are for other events, and typing the receiver is the cost.
    if (event === undefined || !handlerEvents.has(event)) return undefined;
    const receiverType = checker.getTypeAtLocation(method.receiver);
    const isHttp = catalog.isTypeOrSubtype(receiverType, httpServers);
    const emitter = getEmitter(context, method.receiver);
    // A createServer callback and 'connection' listeners of the same server all receive its sockets.
    const family = event === 'secureConnection' ? 'connection' : event;
    const received = (parameterIndex: number, halfOpen: boolean): Registration => ({
      handler,
      received: { source: `'${event}'`, halfOpen, parameterIndex },
      emitter,
      event: family,
    });
    switch (event) {
      case 'connection':
        return !isHttp && !catalog.isTypeOrSubtype(receiverType, tlsServer) && catalog.isTypeOrSubtype(receiverType, netServer)
          ? { ...received(0, isHalfOpenServer(context, method.receiver)), emitterHasHandler: isMadeWithHandler(context, method.receiver) }
          : undefined;
      case 'secureConnection':
        return !isHttp && catalog.isTypeOrSubtype(receiverType, tlsServer)
          ? { ...received(0, false), emitterHasHandler: isMadeWithHandler(context, method.receiver) }
          : undefined;
      case 'upgrade':
      case 'connect':
        if (isHttp) return received(1, true);
        if (!catalog.isTypeOrSubtype(receiverType, clientRequest)) return undefined;
        {
          // A client request's upgraded or tunnelled socket is the request's own socket.
          const request = getHolderSymbol(context, method.receiver);
          const registration = received(1, false);
          return { ...registration, request, received: { ...registration.received, ...companionsOf(request) } };
        }
      default:
        return undefined;
    }
  }
  // The handler first: a call whose last argument cannot be a function (`net.createServer(options)`,
  // and most calls of a program) registers nothing, whatever it calls.
  const handler = call.arguments[call.arguments.length - 1];
  if (!handler || !mayBeFunctionValue(ts, handler)) return undefined;
  const declaration = getServerFactory(context, call);
  if (!declaration) return undefined;
  if (context.checker.getTypeAtLocation(handler).getCallSignatures().length === 0) return undefined;
  const options = call.arguments.length > 1 ? call.arguments[0] : undefined;
  return {
    handler,
    received: {
      source: originName(context, declaration),
      halfOpen: options !== undefined && isAllowHalfOpen(context, options),
      parameterIndex: 0,
    },
    emitter: getServerOfFactoryCall(context, call),
    event: 'connection',
  };
}

/** `new net.Server([options,] handler)` / `new tls.Server(options, handler)`: createServer by another name. */
function getServerConstructorRegistration(context: AnalysisContext, creation: ts.NewExpression): Registration | undefined {
  const args = creation.arguments ?? [];
  const handler = args[args.length - 1];
  if (!handler || !mayBeFunctionValue(context.ts, handler)) return undefined;
  if (!mayDenoteNamed(context, creation.expression, serverClassNames, true) || !isServerConstructor(context, creation)) return undefined;
  if (context.checker.getTypeAtLocation(handler).getCallSignatures().length === 0) return undefined;
  const options = args.length > 1 ? args[0] : undefined;
  const type = context.checker.getTypeAtLocation(creation);
  const isTls = context.catalog.isTypeOrSubtype(type, tlsServer);
  return {
    handler,
    received: { source: isTls ? 'new tls.Server' : 'new net.Server', halfOpen: options !== undefined && isAllowHalfOpen(context, options), parameterIndex: 0 },
    emitter: getServerOfFactoryCall(context, creation),
    event: 'connection',
  };
}

/** `new net.Server(…)` or `new tls.Server(…)` itself (a subclass has a constructor of its own). */
function isServerConstructor(context: AnalysisContext, creation: ts.NewExpression): boolean {
  const symbol = context.checker.getTypeAtLocation(creation).getSymbol();
  return (symbol?.getDeclarations() ?? []).some((declaration) =>
    [...netServer, ...tlsServer].some((specifier) => context.catalog.declarationMatches(declaration, specifier)),
  );
}

/** The declaration of `net.createServer` / `tls.createServer` when `call` calls one. */
function getServerFactory(context: AnalysisContext, call: ts.CallExpression): ts.Declaration | undefined {
  return context
    .getCalleeSymbolDeclarations(call, serverFactoryNames)
    .find((candidate) => serverFactories.some((spec) => context.catalog.declarationMatches(candidate, spec)));
}

function originName(context: AnalysisContext, declaration: ts.Node): string {
  const origin = context.catalog.getOrigin(declaration);
  return origin.source.kind === 'package' ? `${origin.source.name}.${origin.qualifiedName}` : origin.qualifiedName;
}

/**
 * Whether the server's sockets may have another owner than its listeners: it was made (by any of
 * the values its variable is given) by something other than Node's `net.createServer` /
 * `tls.createServer` / `new net.Server` (whose callbacks are registrations of their own): a
 * library's server (`httpolyglot.createServer(options, listener)`), or a subclass whose
 * constructor installs a connection listener (`super((socket) => route(socket))`).
 */
function isMadeWithHandler(context: AnalysisContext, receiver: ts.Expression): boolean {
  const { ts } = context;
  return context.getAssignedValues(receiver).some((creation) => {
    if (!ts.isCallExpression(creation) && !ts.isNewExpression(creation)) return false;
    return !(ts.isCallExpression(creation) ? getServerFactory(context, creation) : isServerConstructor(context, creation));
  });
}

/** A server built by `net.createServer({ allowHalfOpen: true })` hands out half-open sockets. */
function isHalfOpenServer(context: AnalysisContext, receiver: ts.Expression): boolean {
  const { ts } = context;
  const creation = context.resolveInitializer(receiver);
  if (!creation || (!ts.isCallExpression(creation) && !ts.isNewExpression(creation))) return false;
  const options = creation.arguments?.[0];
  return options !== undefined && isAllowHalfOpen(context, options);
}

/** Whether an options argument sets `allowHalfOpen: true`. */
export function isAllowHalfOpen(context: AnalysisContext, options: ts.Expression): boolean {
  return isOptionTrue(context, options, 'allowHalfOpen');
}

/** The function a handler argument denotes: inline, or declared in the same file under that name. */
export function resolveHandlerFunction(context: AnalysisContext, expression: ts.Expression): FunctionWithBody | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  if (isFunctionWithBody(ts, node)) return node;
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = context.getSymbol(node)?.valueDeclaration;
  if (!declaration || declaration.getSourceFile() !== node.getSourceFile()) return undefined;
  if (isFunctionWithBody(ts, declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const initializer = skipOuterExpressions(ts, declaration.initializer);
    if (isFunctionWithBody(ts, initializer)) return initializer;
  }
  return undefined;
}
