/**
 * Response handlers: functions that receive an http client response they must read. Found once
 * per file from the calls that register them, typed through the checker: the callback of
 * `http.get` / `http.request` / `https.*`, and `'response'` listeners on an `http.ClientRequest`.
 * A `HEAD` request's response has no body and is skipped.
 */
import type * as ts from 'typescript';
import type { TypeSpecifier } from '../options.js';
import type { ResourceKind } from '../resources/kinds.js';
import { isHeadRequest, type ReceivedParameter } from './acquisitions.js';
import type { AnalysisContext } from './context.js';
import { resolveHandlerFunction } from './received.js';
import { forEachDescendant, getMethodCall, getStringLiteralValue, listenerMethods } from './syntax.js';

const requestFunctions: readonly TypeSpecifier[] = [
  { from: 'package', package: 'http', name: ['get', 'request'] },
  { from: 'package', package: 'https', name: ['get', 'request'] },
];
const clientRequest: readonly TypeSpecifier[] = [{ from: 'package', package: 'http', name: 'ClientRequest' }];
/** The APIs through which response handlers are recognised (types/followed.ts reports files that cannot see them). */
export const responseHandlerApis: readonly TypeSpecifier[] = [...requestFunctions, ...clientRequest];

const requestFunctionNames: ReadonlySet<string> = new Set(['get', 'request']);
const cache = new WeakMap<ts.SourceFile, Map<ts.Node, ReceivedParameter>>();

/** Every http client response handler registered in the file, by function. */
export function getResponseHandlers(context: AnalysisContext, sourceFile: ts.SourceFile): ReadonlyMap<ts.Node, ReceivedParameter> {
  let handlers = cache.get(sourceFile);
  if (handlers) return handlers;
  const found = new Map<ts.Node, ReceivedParameter>();
  const kind = context.catalog.kinds.find((candidate) => candidate.name === 'http.IncomingMessage');
  if (kind) {
    const { ts } = context;
    forEachDescendant(ts, sourceFile, (node) => {
      if (!ts.isCallExpression(node)) return;
      const registration = getRegistration(context, node, kind);
      if (!registration) return;
      const fn = resolveHandlerFunction(context, registration.handler);
      if (fn && !found.has(fn)) found.set(fn, registration.received);
    });
  }
  handlers = found;
  cache.set(sourceFile, handlers);
  return handlers;
}

function getRegistration(
  context: AnalysisContext,
  call: ts.CallExpression,
  kind: ResourceKind,
): { handler: ts.Expression; received: ReceivedParameter } | undefined {
  const { ts, checker, catalog } = context;
  const method = getMethodCall(ts, call);
  if (method && listenerMethods.has(method.name) && getStringLiteralValue(ts, call.arguments[0]) === 'response') {
    const handler = call.arguments[1];
    if (!handler || !catalog.isTypeOrSubtype(checker.getTypeAtLocation(method.receiver), clientRequest)) return undefined;
    if (isHeadRequestValue(context, method.receiver)) return undefined;
    return { handler, received: { source: "'response'", halfOpen: false, parameterIndex: 0, kind } };
  }
  const declaration = context
    .getCalleeSymbolDeclarations(call, requestFunctionNames)
    .find((candidate) => requestFunctions.some((specifier) => catalog.declarationMatches(candidate, specifier)));
  if (!declaration) return undefined;
  const handler = call.arguments[call.arguments.length - 1];
  if (!handler || isHeadRequest(context, call)) return undefined;
  const origin = catalog.getOrigin(declaration);
  const source = origin.source.kind === 'package' ? `${origin.source.name}.${origin.qualifiedName}` : origin.qualifiedName;
  return { handler, received: { source, halfOpen: false, parameterIndex: 0, kind } };
}

/** `const request = http.request({ method: 'HEAD' })`: its response has no body. */
function isHeadRequestValue(context: AnalysisContext, receiver: ts.Expression): boolean {
  const creation = context.resolveInitializer(receiver);
  return creation !== undefined && context.ts.isCallExpression(creation) && isHeadRequest(context, creation);
}
