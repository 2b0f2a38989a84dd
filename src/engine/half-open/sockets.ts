/**
 * Half-open sockets: the sockets whose writable side Node leaves open after the peer's FIN, so the
 * program must answer the peer's `'end'` itself. Two sources, both typed through the checker:
 * - received: the socket parameter of a connection handler that received.ts marks `halfOpen`
 *   (`net.createServer({ allowHalfOpen: true }, cb)`, `'connection'` on such a server, and every
 *   http `'upgrade'` / `'connect'` socket, since http runs its net server half-open);
 * - created: `net.connect` / `net.createConnection` / `new net.Socket` (and `tls.connect`) bound to
 *   a local variable, with an options argument that sets `allowHalfOpen: true` (inline, a `const`
 *   of the file, or any value whose type has the literal `true` there).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../lifecycle/context.js';
import { getAcquisitions } from '../lifecycle/acquisitions.js';
import { isAllowHalfOpen, type ConnectionHandler } from '../lifecycle/received.js';
import type { TrackedResource } from '../lifecycle/resource.js';
import { isFunctionWithBody, type FunctionWithBody } from '../lifecycle/syntax.js';
import type { ResourceKind } from '../resources/kinds.js';

/** Every half-open socket the function receives or creates (tracked as no-leaked-socket tracks it). */
export function getHalfOpenSockets(
  context: AnalysisContext,
  fn: FunctionWithBody,
  handler: ConnectionHandler | undefined,
  socketKind: ResourceKind,
): TrackedResource[] {
  const { tracked } = getAcquisitions(context, fn, 'socket', handler && { ...handler, kind: socketKind });
  return tracked.filter((resource) =>
    resource.received ? resource.received.halfOpen : resource.kind === socketKind && isHalfOpenCreation(context, resource.origin),
  );
}

/** A socket creation with an options argument that turns `allowHalfOpen` on. */
function isHalfOpenCreation(context: AnalysisContext, origin: ts.Node): boolean {
  const { ts } = context;
  if (!ts.isCallExpression(origin) && !ts.isNewExpression(origin)) return false;
  return (origin.arguments ?? []).some(
    (argument) => !isFunctionWithBody(ts, argument) && !ts.isSpreadElement(argument) && isAllowHalfOpen(context, argument),
  );
}
