/**
 * consume-response-body: every HTTP response a function receives has its body read, cancelled or
 * handed off on every path. Until then its connection stays checked out of the pool.
 */
import type * as ts from 'typescript';
import type { Finding, Suggestion, TextEdit } from '../findings.js';
import { getAcquisitions, getCreationKind } from '../lifecycle/acquisitions.js';
import { getChainHandlers } from '../lifecycle/promise-chains.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { getIgnoredResponses, getResponseHandlers, type IgnoredResponse } from '../lifecycle/responses.js';
import { skipOuterExpressions } from '../lifecycle/syntax.js';
import { collectPerFunction } from './functions.js';
import { getFunctionLeakFindings, type LeakMessages } from './leak-findings.js';

const messages: LeakMessages = {
  atThrowingCall: 'bodyDroppedAtThrowingCall',
  atExit: 'bodyDroppedAtExit',
  atEnd: 'bodyDroppedAtEnd',
  overwritten: 'bodyDroppedOverwritten',
  discarded: 'bodyDiscarded',
  suggestion: 'insertBodyRelease',
};

/** Findings of consume-response-body in one file. */
export function getUnreadResponseFindings(context: AnalysisContext, sourceFile: ts.SourceFile): Finding[] {
  const handlers = getResponseHandlers(context, sourceFile);
  const chainHandlers = getChainHandlers(context, sourceFile, (node) => getCreationKind(context, node));
  const findings = collectPerFunction(context.ts, sourceFile, (fn) => {
    const chained = chainHandlers.get(fn);
    const received = handlers.get(fn) ?? (chained?.kind.family === 'response' ? chained : undefined);
    return getFunctionLeakFindings(context, 'consume-response-body', fn, getAcquisitions(context, fn, 'response', received), messages);
  });
  for (const ignored of getIgnoredResponses(context, sourceFile)) findings.push(getIgnoredResponseFinding(context, ignored));
  return findings;
}

/** A response callback with no parameter: reported on the registering call. */
function getIgnoredResponseFinding(context: AnalysisContext, ignored: IgnoredResponse): Finding {
  const registration = ignored.source.startsWith("'") ? `this ${ignored.source} listener` : `the callback of this ${ignored.source} call`;
  const suggestion = getTakeResponseSuggestion(context, ignored);
  return {
    check: 'consume-response-body',
    messageId: 'responseIgnored',
    data: { registration, name: `${ignored.source} response` },
    node: ignored.call,
    path: [{ node: ignored.handler, role: 'acquire', message: 'the callback takes no parameter' }],
    suggestions: suggestion ? [suggestion] : [],
  };
}

/**
 * For a callback written in place: take the response as a parameter and resume it first, so its
 * body is discarded and the connection goes back to the pool.
 */
function getTakeResponseSuggestion(context: AnalysisContext, ignored: IgnoredResponse): Suggestion | undefined {
  const { ts } = context;
  const { handler } = ignored;
  if (!ignored.call.arguments.some((argument) => skipOuterExpressions(ts, argument) === handler)) return undefined;
  if (handler.parameters.length > 0 || !handler.body) return undefined;
  const name = ['res', 'response'].find((candidate) => !mentions(ts, handler.body, candidate));
  if (!name) return undefined;
  const sourceFile = handler.getSourceFile();
  const edits: TextEdit[] = [{ range: [handler.parameters.pos, handler.parameters.pos], text: name }];
  const body = handler.body;
  if (ts.isBlock(body)) {
    const first = body.statements[0];
    if (first) {
      const start = first.getStart(sourceFile);
      const lineStart = sourceFile.getPositionOfLineAndCharacter(sourceFile.getLineAndCharacterOfPosition(start).line, 0);
      const indent = sourceFile.text.slice(lineStart, start);
      edits.push({ range: [start, start], text: `${name}.resume();${/^\s*$/.test(indent) ? `\n${indent}` : ' '}` });
    } else {
      edits.push({ range: [body.getStart(sourceFile), body.getEnd()], text: `{ ${name}.resume(); }` });
    }
  } else {
    edits.push({ range: [body.getStart(sourceFile), body.getEnd()], text: `{ ${name}.resume(); return ${body.getText(sourceFile)}; }` });
  }
  return { messageId: 'takeResponse', data: { name }, edits };
}

/** Whether an identifier spelled `name` appears in `node` (so a new parameter of that name would shadow it). */
function mentions(ts: AnalysisContext['ts'], node: ts.Node, name: string): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(child) && child.text === name) found = true;
    else ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}
