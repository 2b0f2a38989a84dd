/**
 * An http client request and what it carries: its response, and the socket of its `'upgrade'` or
 * `'connect'` event. `req.destroy()` / `req.abort()` destroy the request's socket, and so release
 * both; a helper of the program handed `req` that does so (by its summary) counts the same.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context.js';
import { hasBodyInProgram } from './ownership.js';
import type { Companion, TrackedResource } from './resource.js';
import { summaryTakesOwnership } from './summaries.js';
import { getMethodCall, isFunctionWithBody, skipOuterExpressions } from './syntax.js';

/** The methods of a ClientRequest that destroy its socket. */
export const requestReleases: readonly string[] = ['destroy', 'abort'];

/** The request as the response's companion: destroying or aborting it destroys the response's socket. */
export function companionsOf(request: ts.Symbol | undefined): { companions?: readonly Companion[] } {
  return request ? { companions: [{ symbols: new Set([request]), release: requestReleases }] } : {};
}

/** The variable or field an expression names (`req`, `this.req`). */
export function getHolderSymbol(context: AnalysisContext, expression: ts.Expression): ts.Symbol | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  if (ts.isIdentifier(node)) return context.getSymbol(node);
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) return context.getSymbol(node.name);
  return undefined;
}

/** The variable or field a call's value is stored in (`const req = http.get(…)`, `this.req = http.get(…)`). */
export function getBindingSymbol(context: AnalysisContext, call: ts.CallExpression): ts.Symbol | undefined {
  const { ts } = context;
  let node: ts.Node = call;
  // `const client = secure ? https.request(…) : http.request(…)`: either branch is the request.
  while (
    ts.isParenthesizedExpression(node.parent) ||
    ts.isAsExpression(node.parent) ||
    ts.isNonNullExpression(node.parent) ||
    (ts.isConditionalExpression(node.parent) && node.parent.condition !== node)
  ) {
    node = node.parent;
  }
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) return context.getSymbol(parent.name);
  if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return getHolderSymbol(context, parent.left);
  }
  return undefined;
}

/**
 * Whether code around the registration destroys or aborts the request from a callback (a `'close'`
 * listener of the other side, a timeout, an error path): that callback releases the response
 * whenever the handler leaves it unread, so the handler does not own it alone. Looks at every
 * function nested in the one that holds the request (or, for a field, in its class), but the handler.
 */
export function isRequestReleasedByCallback(context: AnalysisContext, request: ts.Symbol, handler: ts.Node): boolean {
  const { ts } = context;
  const declaration = request.valueDeclaration;
  if (!declaration) return false;
  let scope: ts.Node | undefined = declaration.parent;
  while (scope && !isFunctionWithBody(ts, scope) && !ts.isClassLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  if (!scope) return false;
  let found = false;
  const visit = (node: ts.Node, inCallback: boolean): void => {
    if (found || node === handler) return;
    if (inCallback && ts.isCallExpression(node) && isRequestReleasingCall(context, node, request)) {
      found = true;
      return;
    }
    const nested = inCallback || (node !== scope && isFunctionWithBody(ts, node));
    ts.forEachChild(node, (child) => visit(child, nested));
  };
  visit(scope, false);
  return found;
}


/** `req.destroy()`, `req.abort()`, or `abortHandshake(ws, req)` where the helper releases its parameter. */
function isRequestReleasingCall(context: AnalysisContext, call: ts.CallExpression, request: ts.Symbol): boolean {
  const { ts } = context;
  const method = getMethodCall(ts, call);
  if (method && requestReleases.includes(method.name) && getHolderSymbol(context, method.receiver) === request) return true;
  const index = call.arguments.findIndex((argument) => getHolderSymbol(context, argument) === request);
  if (index < 0) return false;
  const declaration = context.getCalleeDeclaration(call);
  return declaration !== undefined && hasBodyInProgram(context, declaration) && summaryTakesOwnership(context, declaration, index, getRequestProbe(context, request));
}

/** A stand-in for the request itself, to ask a callee's summary whether it releases it. */
export function getRequestProbe(context: AnalysisContext, request: ts.Symbol): TrackedResource {
  return {
    id: context.newResourceId(),
    origin: request.valueDeclaration ?? (request.declarations?.[0] as ts.Node),
    kind: { name: 'http.ClientRequest', noun: 'request', family: 'socket', types: [], release: requestReleases, suggestedRelease: '{{name}}.destroy()' },
    typeName: 'http.ClientRequest',
    received: undefined,
    consumable: false,
    holders: new Set([request]),
    holderNames: new Set([request.name]),
    primaryHolder: undefined,
  };
}
