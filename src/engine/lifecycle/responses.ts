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
import { companionsOf, getBindingSymbol, getHolderSymbol, isRequestReleasedByCallback } from './requests.js';
import { getFileIndex } from './file-index.js';
import { mayBeFunctionValue } from '../prefilter/values.js';
import { getMethodCall, getParameterOfArgument, getStringLiteralValue, listenerMethods, type FunctionWithBody } from './syntax.js';

const requestFunctions: readonly TypeSpecifier[] = [
  { from: 'package', package: 'http', name: ['get', 'request'] },
  { from: 'package', package: 'https', name: ['get', 'request'] },
];
const clientRequest: readonly TypeSpecifier[] = [{ from: 'package', package: 'http', name: 'ClientRequest' }];
/** The APIs through which response handlers are recognised (types/followed.ts reports files that cannot see them). */
export const responseHandlerApis: readonly TypeSpecifier[] = [...requestFunctions, ...clientRequest];

const requestFunctionNames: ReadonlySet<string> = new Set(['get', 'request']);
/**
 * A response callback that takes no parameter (`http.get(url, () => done())`): registering it makes
 * Node keep the response for it (only a request with no `'response'` listener is dumped), and
 * nothing can ever read it.
 */
export interface IgnoredResponse {
  /** The `http.get(…)` / `req.on('response', …)` call. */
  readonly call: ts.CallExpression;
  readonly handler: FunctionWithBody;
  /** `http.get`, `'response'`. */
  readonly source: string;
}

interface FileResponses {
  readonly handlers: ReadonlyMap<ts.Node, ReceivedParameter>;
  readonly ignored: readonly IgnoredResponse[];
}

/**
 * Per Program (and so per options), then per file: a callee of another file may be the API that
 * registers a handler, and an editor's next Program shares the unchanged SourceFiles.
 */
const caches = new WeakMap<AnalysisContext, WeakMap<ts.SourceFile, FileResponses>>();

/** Every http client response handler registered in the file, by function. */
export function getResponseHandlers(context: AnalysisContext, sourceFile: ts.SourceFile): ReadonlyMap<ts.Node, ReceivedParameter> {
  return getFileResponses(context, sourceFile).handlers;
}

/** The response callbacks of the file that take no parameter. */
export function getIgnoredResponses(context: AnalysisContext, sourceFile: ts.SourceFile): readonly IgnoredResponse[] {
  return getFileResponses(context, sourceFile).ignored;
}

function getFileResponses(context: AnalysisContext, sourceFile: ts.SourceFile): FileResponses {
  let cache = caches.get(context);
  if (!cache) caches.set(context, (cache = new WeakMap()));
  const cached = cache.get(sourceFile);
  if (cached) return cached;
  const handlers = new Map<ts.Node, ReceivedParameter>();
  const ignored: IgnoredResponse[] = [];
  const kind = context.catalog.kinds.find((candidate) => candidate.name === 'http.IncomingMessage');
  if (kind) {
    const { ts } = context;
    for (const node of getFileIndex(ts, sourceFile).invocations) {
      if (!ts.isCallExpression(node)) continue;
      const registration = getRegistration(context, node, kind);
      if (!registration) continue;
      const fn = resolveHandlerFunction(context, registration.handler);
      if (!fn || handlers.has(fn)) continue;
      if (!getParameterOfArgument(ts, fn, 0)) {
        ignored.push({ call: node, handler: fn, source: registration.received.source });
        continue;
      }
      // A callback elsewhere that destroys the request releases the response on every path.
      if (registration.request && isRequestReleasedByCallback(context, registration.request, fn)) continue;
      handlers.set(fn, registration.received);
    }
  }
  const result = { handlers, ignored };
  cache.set(sourceFile, result);
  return result;
}

function getRegistration(
  context: AnalysisContext,
  call: ts.CallExpression,
  kind: ResourceKind,
): { handler: ts.Expression; request: ts.Symbol | undefined; received: ReceivedParameter } | undefined {
  const { ts, checker, catalog } = context;
  const method = getMethodCall(ts, call);
  if (method && listenerMethods.has(method.name) && getStringLiteralValue(ts, call.arguments[0]) === 'response') {
    const handler = call.arguments[1];
    if (!handler || !catalog.isTypeOrSubtype(checker.getTypeAtLocation(method.receiver), clientRequest)) return undefined;
    if (isHeadRequestValue(context, method.receiver)) return undefined;
    const request = getHolderSymbol(context, method.receiver);
    return { handler, request, received: { source: "'response'", halfOpen: false, parameterIndex: 0, kind, ...companionsOf(request) } };
  }
  // The callback first: `http.get(url, callback)` takes it after the URL or options, so a call with
  // one argument (`map.get(key)`, most `get` calls of a program) or no function last registers none.
  const handler = call.arguments[call.arguments.length - 1];
  const spread = call.arguments.some((argument) => ts.isSpreadElement(argument));
  if (!handler || (call.arguments.length < 2 && !spread) || !mayBeFunctionValue(ts, handler)) return undefined;
  const declaration = context
    .getCalleeSymbolDeclarations(call, requestFunctionNames)
    .find((candidate) => requestFunctions.some((specifier) => catalog.declarationMatches(candidate, specifier)));
  if (!declaration || isHeadRequest(context, call)) return undefined;
  const origin = catalog.getOrigin(declaration);
  const source = origin.source.kind === 'package' ? `${origin.source.name}.${origin.qualifiedName}` : origin.qualifiedName;
  const request = getBindingSymbol(context, call);
  return { handler, request, received: { source, halfOpen: false, parameterIndex: 0, kind, ...companionsOf(request) } };
}

/** `const request = http.request({ method: 'HEAD' })`: its response has no body. */
function isHeadRequestValue(context: AnalysisContext, receiver: ts.Expression): boolean {
  const creation = context.resolveInitializer(receiver);
  return creation !== undefined && context.ts.isCallExpression(creation) && isHeadRequest(context, creation);
}
