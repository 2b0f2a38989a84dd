/**
 * no-leaked-socket: every socket, connection or client a function creates or receives is released
 * or handed off on every path. Received sockets count as discharged once consumed (Node ends them
 * when the peer's FIN is read); half-open ones are then end-half-open-socket's business.
 */
import type * as ts from 'typescript';
import type { Finding } from '../findings.js';
import { getAcquireCallbacks } from '../lifecycle/acquire-callbacks.js';
import { getAcquisitions, getCreationKind } from '../lifecycle/acquisitions.js';
import { getChainHandlers } from '../lifecycle/promise-chains.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { getConnectionHandlers } from '../lifecycle/received.js';
import { collectPerFunction } from './functions.js';
import { getFunctionLeakFindings, type LeakMessages } from './leak-findings.js';
import { getOwningClassFindings } from './owning-class-findings.js';

const messages: LeakMessages = {
  atThrowingCall: 'leakAtThrowingCall',
  atExit: 'leakAtExit',
  atEnd: 'leakAtEnd',
  overwritten: 'leakOverwritten',
  discarded: 'leakDiscarded',
  suggestion: 'insertRelease',
};

/** Findings of no-leaked-socket in one file. */
export function getLeakedSocketFindings(context: AnalysisContext, sourceFile: ts.SourceFile): Finding[] {
  const handlers = getConnectionHandlers(context, sourceFile);
  const acquireCallbacks = getAcquireCallbacks(context, sourceFile);
  const socketKind = context.catalog.kinds.find((kind) => kind.name === 'net.Socket')!;
  const chainHandlers = getChainHandlers(context, sourceFile, (node) => getCreationKind(context, node));
  const findings = collectPerFunction(context.ts, sourceFile, (fn) => {
    const handler = handlers.get(fn);
    const chained = chainHandlers.get(fn);
    const received = handler
      ? { ...handler, kind: socketKind }
      : (acquireCallbacks.get(fn) ?? (chained?.kind.family === 'socket' ? chained : undefined));
    const acquisitions = getAcquisitions(context, fn, 'socket', received);
    return getFunctionLeakFindings(context, 'no-leaked-socket', fn, acquisitions, messages);
  });
  for (const finding of getOwningClassFindings(context, sourceFile)) findings.push(finding);
  return findings;
}
