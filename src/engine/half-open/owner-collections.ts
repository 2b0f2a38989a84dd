/**
 * Half-open sockets dropped from the collection that owned them. Putting a socket in a collection
 * (`clients.add(socket)`, `sessions.set(id, socket)`, `peers.push(socket)`) hands it to whoever
 * manages the collection, which counts as an answer to the peer's end. But when the socket's own
 * `'end'` listener takes it back out (`clients.delete(socket)`) and never ends or destroys it, the
 * socket is left half-open with no owner at all: nobody ends it, and it stays in CLOSE_WAIT. Then
 * the hand-off is no answer, and the listener is what is reported.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../lifecycle/context.js';
import { isResourceExpression } from '../lifecycle/resource.js';
import { hasBodyInProgram } from '../lifecycle/ownership.js';
import { forEachDescendant, getMethodCall, getStringLiteralValue, isFunctionWithBody, listenerMethods, skipOuterExpressions, type FunctionWithBody } from '../lifecycle/syntax.js';
import type { TypeSpecifier } from '../options.js';
import { functionMayAnswer, getLocalFunction, type HalfOpenSocket } from './answers.js';

const collectionAdds: TypeSpecifier = { from: 'lib', name: ['Set.add', 'Map.set', 'Array.push', 'Array.unshift'] };
const collectionRemovals: TypeSpecifier = { from: 'lib', name: ['Set.delete', 'Map.delete', 'Array.splice'] };
const addNames: ReadonlySet<string> = new Set(['add', 'set', 'push', 'unshift']);
const removalNames: ReadonlySet<string> = new Set(['delete', 'splice']);

/** A removal of the socket from its collection, inside an `'end'` listener that never answers. */
export interface OwnerDrop {
  /** The removal, or the listener's call of the helper that makes it. */
  readonly removal: ts.CallExpression;
  /** The collection, as written (`clients`, `this.sockets`). */
  readonly collection: string;
  readonly listener: FunctionWithBody;
}

/** The collection a call puts the socket in (`clients.add(socket)`), by its symbol. */
export function getCollectionOfHandoff(context: AnalysisContext, call: ts.CallExpression, socket: HalfOpenSocket): ts.Symbol | undefined {
  const { ts } = context;
  const method = getMethodCall(ts, call);
  if (!method || !addNames.has(method.name)) return undefined;
  if (!call.arguments.some((argument) => isResourceExpression(context, argument, socket.resource))) return undefined;
  const declaration = context.getCalleeDeclaration(call);
  if (!declaration || !context.catalog.declarationMatches(declaration, collectionAdds)) return undefined;
  return getCollectionSymbol(context, method.receiver);
}

/** The `'end'` listener of the socket that takes it out of `collection` and never ends it, if any. */
export function getOwnerDrop(context: AnalysisContext, socket: HalfOpenSocket, collection: ts.Symbol): OwnerDrop | undefined {
  const { ts } = context;
  let drop: OwnerDrop | undefined;
  forEachDescendant(ts, socket.owner.body, (node) => {
    if (drop || !ts.isCallExpression(node)) return;
    const method = getMethodCall(ts, node);
    if (!method || !listenerMethods.has(method.name) || getStringLiteralValue(ts, node.arguments[0]) !== 'end') return;
    if (!isResourceExpression(context, method.receiver, socket.resource) || !node.arguments[1]) return;
    const listener = getLocalFunction(context, node.arguments[1], socket);
    if (!listener || functionMayAnswer(context, listener, socket)) return;
    const removal = findRemoval(context, listener, collection);
    if (removal) drop = { removal: removal.at, collection: removal.collection, listener };
  });
  return drop;
}

/** The drop an `'end'` listener makes: it removes the socket from a collection the owner put it in. */
export function getDropOfListener(context: AnalysisContext, socket: HalfOpenSocket, listener: FunctionWithBody): OwnerDrop | undefined {
  const { ts } = context;
  let drop: OwnerDrop | undefined;
  forEachDescendant(ts, socket.owner.body, (node) => {
    if (drop || !ts.isCallExpression(node)) return;
    const collection = getCollectionOfHandoff(context, node, socket);
    const found = collection && getOwnerDrop(context, socket, collection);
    if (found && found.listener === listener) drop = found;
  });
  return drop;
}

/**
 * The removal from `collection` the listener makes, itself or through the functions of the program
 * it calls, a few calls deep: then the listener's call of that helper stands for it (`() =>
 * forget(socket)` where `forget` deletes it), so the report is on the listener, not in a helper
 * that other listeners may share.
 */
function findRemoval(context: AnalysisContext, listener: FunctionWithBody, collection: ts.Symbol): { at: ts.CallExpression; collection: string } | undefined {
  const { ts } = context;
  const visited = new Set<ts.Node>([listener]);
  // Each function to search, with the call of the listener that leads to it.
  let layer: Array<{ fn: ts.Node; via: ts.CallExpression | undefined }> = [{ fn: listener, via: undefined }];
  for (let depth = 0; depth <= maxHelperDepth && layer.length > 0; depth++) {
    const next: typeof layer = [];
    for (const { fn, via } of layer) {
      let found: { at: ts.CallExpression; collection: string } | undefined;
      // The body itself too: `() => sessions.delete(id)`.
      forEachDescendant(ts, fn, (node) => {
        if (found || !ts.isCallExpression(node)) return;
        const declaration = context.getCalleeDeclaration(node);
        const method = getMethodCall(ts, node);
        if (method && removalNames.has(method.name) && getCollectionSymbol(context, method.receiver) === collection) {
          if (declaration && context.catalog.declarationMatches(declaration, collectionRemovals)) found = { at: via ?? node, collection: method.receiver.getText() };
          return;
        }
        if (declaration && hasBodyInProgram(context, declaration) && isFunctionWithBody(ts, declaration) && !visited.has(declaration)) {
          visited.add(declaration);
          next.push({ fn: declaration, via: via ?? node });
        }
      });
      if (found) return found;
    }
    layer = next;
  }
  return undefined;
}

/** How many calls deep a removal through helpers is looked for. */
const maxHelperDepth = 3;

/** `clients` or `this.clients`: the variable or field holding the collection. */
function getCollectionSymbol(context: AnalysisContext, expression: ts.Expression): ts.Symbol | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  if (ts.isIdentifier(node)) return context.getSymbol(node);
  if (ts.isPropertyAccessExpression(node)) return context.getSymbol(node.name);
  return undefined;
}
