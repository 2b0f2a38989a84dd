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
import type { ReceivedSocket } from './resource.js';
import {
  forEachDescendant,
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
const cache = new WeakMap<ts.SourceFile, Map<ts.Node, ConnectionHandler>>();

/** Every connection handler registered in the file, by function. */
export function getConnectionHandlers(context: AnalysisContext, sourceFile: ts.SourceFile): ReadonlyMap<ts.Node, ConnectionHandler> {
  let handlers = cache.get(sourceFile);
  if (handlers) return handlers;
  handlers = new Map();
  const { ts } = context;
  const found = handlers;
  forEachDescendant(ts, sourceFile, (node) => {
    if (!ts.isCallExpression(node)) return;
    const registration = getHandlerRegistration(context, node);
    if (!registration) return;
    const fn = resolveHandlerFunction(context, registration.handler);
    if (fn && !found.has(fn)) found.set(fn, registration.received);
  });
  cache.set(sourceFile, handlers);
  return handlers;
}

function getHandlerRegistration(
  context: AnalysisContext,
  call: ts.CallExpression,
): { handler: ts.Expression; received: ConnectionHandler } | undefined {
  const { ts, checker, catalog } = context;
  const method = getMethodCall(ts, call);
  if (method && listenerMethods.has(method.name) && call.arguments.length >= 2) {
    const event = getStringLiteralValue(ts, call.arguments[0]);
    const handler = call.arguments[1]!;
    if (event === undefined) return undefined;
    const receiverType = checker.getTypeAtLocation(method.receiver);
    const isHttp = catalog.isTypeOrSubtype(receiverType, httpServers);
    const received = (parameterIndex: number, halfOpen: boolean): { handler: ts.Expression; received: ConnectionHandler } => ({
      handler,
      received: { source: `'${event}'`, halfOpen, parameterIndex },
    });
    switch (event) {
      case 'connection':
        return !isHttp && !catalog.isTypeOrSubtype(receiverType, tlsServer) && catalog.isTypeOrSubtype(receiverType, netServer)
          ? received(0, isHalfOpenServer(context, method.receiver))
          : undefined;
      case 'secureConnection':
        return !isHttp && catalog.isTypeOrSubtype(receiverType, tlsServer) ? received(0, false) : undefined;
      case 'upgrade':
      case 'connect':
        if (isHttp) return received(1, true);
        return catalog.isTypeOrSubtype(receiverType, clientRequest) ? received(1, false) : undefined;
      default:
        return undefined;
    }
  }
  const declaration = context
    .getCalleeSymbolDeclarations(call, serverFactoryNames)
    .find((candidate) => serverFactories.some((spec) => catalog.declarationMatches(candidate, spec)));
  if (!declaration) return undefined;
  const handler = call.arguments[call.arguments.length - 1];
  if (!handler) return undefined;
  const options = call.arguments.length > 1 ? call.arguments[0] : undefined;
  return {
    handler,
    received: {
      source: originName(context, declaration),
      halfOpen: options !== undefined && isAllowHalfOpen(context, options),
      parameterIndex: 0,
    },
  };
}

function originName(context: AnalysisContext, declaration: ts.Node): string {
  const origin = context.catalog.getOrigin(declaration);
  return origin.source.kind === 'package' ? `${origin.source.name}.${origin.qualifiedName}` : origin.qualifiedName;
}

/** A server built by `net.createServer({ allowHalfOpen: true })` hands out half-open sockets. */
function isHalfOpenServer(context: AnalysisContext, receiver: ts.Expression): boolean {
  const { ts } = context;
  const creation = context.resolveInitializer(receiver);
  if (!creation || (!ts.isCallExpression(creation) && !ts.isNewExpression(creation))) return false;
  const options = creation.arguments?.[0];
  return options !== undefined && isAllowHalfOpen(context, options);
}

/**
 * Whether an options argument sets `allowHalfOpen: true`: by its type when that is the literal
 * `true`, else by following a `const` to its object literal.
 */
export function isAllowHalfOpen(context: AnalysisContext, options: ts.Expression): boolean {
  const { ts, checker } = context;
  const type = checker.getTypeAtLocation(options);
  const property = type.getProperty('allowHalfOpen');
  if (property) {
    const propertyType = checker.getTypeOfSymbolAtLocation(property, options);
    if (propertyType.flags & ts.TypeFlags.BooleanLiteral) return checker.typeToString(propertyType) === 'true';
  }
  const node = context.resolveInitializer(options);
  if (!node || !ts.isObjectLiteralExpression(node)) return false;
  return node.properties.some(
    (property) =>
      ts.isPropertyAssignment(property) &&
      ts.isIdentifier(property.name) &&
      property.name.text === 'allowHalfOpen' &&
      skipOuterExpressions(ts, property.initializer).kind === ts.SyntaxKind.TrueKeyword,
  );
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
