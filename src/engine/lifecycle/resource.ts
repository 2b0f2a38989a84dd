/**
 * A tracked resource: one acquisition in one function body (a creating call, or a socket received
 * as a handler parameter) and the local variables that hold it (its declaration plus aliases made
 * by assignment and destructuring, found flow-insensitively).
 */
import type * as ts from 'typescript';
import type { ResourceKind } from '../resources/kinds.js';
import type { AnalysisContext } from './context.js';
import { skipOuterExpressions } from './syntax.js';

export interface ReceivedSocket {
  /** The event or API that hands the socket over: `'connection'`, `'upgrade'`, `net.createServer`. */
  readonly source: string;
  /** The socket's writable side stays open after the peer's FIN (`allowHalfOpen`, http upgrade/connect). */
  readonly halfOpen: boolean;
  /** Received by an error-first callback (`(err, conn) => …`): while its first parameter is set, there is nothing to release. */
  readonly errorFirst?: boolean;
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
  /** The variable the resource was first bound to. */
  readonly primaryHolder: { readonly name: string; readonly declaration: ts.Node } | undefined;
}

/** Whether `expression` evaluates to the tracked resource itself. */
export function isResourceExpression(context: AnalysisContext, expression: ts.Expression, resource: TrackedResource): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  if (ts.isIdentifier(node)) {
    if (!resource.holderNames.has(node.text)) return false;
    const symbol = context.getSymbol(node);
    return symbol !== undefined && resource.holders.has(symbol);
  }
  if (ts.isAwaitExpression(node)) return isResourceExpression(context, node.expression, resource);
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
  if (ts.isCallExpression(node) && returnsThis(context, node)) {
    const callee = skipOuterExpressions(ts, node.expression);
    if (ts.isPropertyAccessExpression(callee)) return isResourceExpression(context, callee.expression, resource);
  }
  return false;
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

/** A method declared to return `this` (`socket.setTimeout(…)`, `emitter.on(…)`): the chain keeps the receiver. */
export function returnsThis(context: AnalysisContext, call: ts.CallExpression): boolean {
  const { ts } = context;
  const declaration = context.getSignature(call)?.getDeclaration();
  const type = declaration && (declaration as ts.SignatureDeclarationBase).type;
  return type !== undefined && type.kind === ts.SyntaxKind.ThisType;
}
