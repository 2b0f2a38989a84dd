/**
 * consume-response-body: every HTTP response a function receives has its body read, cancelled or
 * handed off on every path. Until then its connection stays checked out of the pool.
 */
import type * as ts from 'typescript';
import type { Finding } from '../findings.js';
import { getAcquisitions } from '../lifecycle/acquisitions.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { getResponseHandlers } from '../lifecycle/responses.js';
import { collectPerFunction } from './functions.js';
import { getFunctionLeakFindings, type LeakMessages } from './leak-findings.js';

const messages: LeakMessages = {
  atExit: 'bodyDroppedAtExit',
  atEnd: 'bodyDroppedAtEnd',
  overwritten: 'bodyDroppedOverwritten',
  discarded: 'bodyDiscarded',
  suggestion: 'insertBodyRelease',
};

/** Findings of consume-response-body in one file. */
export function getUnreadResponseFindings(context: AnalysisContext, sourceFile: ts.SourceFile): Finding[] {
  const handlers = getResponseHandlers(context, sourceFile);
  return collectPerFunction(context.ts, sourceFile, (fn) =>
    getFunctionLeakFindings(context, 'consume-response-body', fn, getAcquisitions(context, fn, 'response', handlers.get(fn)), messages),
  );
}
