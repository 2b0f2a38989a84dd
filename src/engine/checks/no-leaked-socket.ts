/**
 * no-leaked-socket: every socket, connection or client a function creates or receives is released
 * or handed off on every path. Received sockets count as discharged once consumed (Node ends them
 * when the peer's FIN is read); half-open ones are then end-half-open-socket's business.
 */
import type * as ts from 'typescript';
import type { Finding } from '../findings.js';
import { getAcquisitions } from '../lifecycle/acquisitions.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { findLeaks } from '../lifecycle/leaks.js';
import { getConnectionHandlers } from '../lifecycle/received.js';
import { collectPerFunction, getCfg } from './functions.js';
import { getDiscardedFinding, getLeakFinding, type LeakMessages } from './leak-findings.js';

const messages: LeakMessages = {
  atExit: 'leakAtExit',
  atEnd: 'leakAtEnd',
  overwritten: 'leakOverwritten',
  suggestion: 'insertRelease',
};

/** Findings of no-leaked-socket in one file. */
export function getLeakedSocketFindings(context: AnalysisContext, sourceFile: ts.SourceFile): Finding[] {
  const handlers = getConnectionHandlers(context, sourceFile);
  const socketKind = context.catalog.kinds.find((kind) => kind.name === 'net.Socket')!;
  return collectPerFunction(context.ts, sourceFile, (fn) => {
    const { tracked, discarded } = getAcquisitions(context, fn, 'socket', handlers.get(fn), socketKind);
    const findings = discarded.map((resource) => getDiscardedFinding('no-leaked-socket', resource, 'leakDiscarded'));
    if (tracked.length === 0) return findings;
    const cfg = getCfg(context.ts, fn);
    for (const resource of tracked) {
      // One report per place: a socket that both outlives the loop and is replaced is one bug.
      const reported = new Set<ts.Node>();
      for (const leak of findLeaks(context, cfg, resource)) {
        const finding = getLeakFinding(context, 'no-leaked-socket', leak, messages);
        if (reported.has(finding.node)) continue;
        reported.add(finding.node);
        findings.push(finding);
      }
    }
    return findings;
  });
}
