/**
 * close-in-parent-after-fork: a socket handed to a child process (see child-handoffs.ts) is
 * released by the parent on every path after the hand-off. The search starts at the hand-off
 * call; releasing, handing the parent's copy on, or a listener/callback that releases it (the
 * child's 'spawn'/'exit', the send callback) discharge it.
 */
import type * as ts from 'typescript';
import type { Finding, Suggestion } from '../findings.js';
import { collectHolders } from '../lifecycle/acquisitions.js';
import { getChildHandoffs, type ChildHandoff } from '../lifecycle/child-handoffs.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { isDischargingCallback } from '../lifecycle/effects.js';
import { findLeaks } from '../lifecycle/leaks.js';
import type { TrackedResource } from '../lifecycle/resource.js';
import { getBodyNodes } from '../lifecycle/file-index.js';
import type { FunctionWithBody } from '../lifecycle/syntax.js';
import type { ResourceKind } from '../resources/kinds.js';
import { collectPerFunction, getCfg } from './functions.js';
import { getLeakFinding, type LeakMessages } from './leak-findings.js';

const messages: LeakMessages = {
  atExit: 'parentCopyAtExit',
  atEnd: 'parentCopyAtEnd',
  overwritten: 'parentCopyAtEnd',
  discarded: 'parentCopyAtEnd',
  suggestion: 'releaseAfterHandoff',
};

/** Findings of close-in-parent-after-fork in one file. */
export function getParentCopyFindings(context: AnalysisContext, sourceFile: ts.SourceFile): Finding[] {
  const { ts } = context;
  return collectPerFunction(ts, sourceFile, (fn) => {
    const handoffs: ChildHandoff[] = [];
    for (const node of getBodyNodes(ts, fn)) if (ts.isCallExpression(node)) handoffs.push(...getChildHandoffs(context, node));
    // Two hand-offs of one socket that leak at the same exit are one bug.
    const reported = new Set<string>();
    return handoffs
      .flatMap((handoff) => getHandoffFindings(context, fn, handoff))
      .filter((finding) => {
        const key = `${finding.data['resource']}@${finding.node.pos}`;
        if (reported.has(key)) return false;
        reported.add(key);
        return true;
      });
  });
}

function getHandoffFindings(context: AnalysisContext, fn: FunctionWithBody, handoff: ChildHandoff): Finding[] {
  const symbol = context.getSymbol(handoff.holder);
  if (!symbol) return [];
  const holders = collectHolders(context, fn, new Set([symbol]));
  const resource: TrackedResource = {
    id: context.newResourceId(),
    origin: handoff.call,
    kind: handoff.kind,
    typeName: handoff.kind.name,
    received: undefined,
    consumable: false,
    holders,
    holderNames: new Set([...holders].map((holder) => holder.name)),
    primaryHolder: { name: handoff.holder.text, declaration: symbol.valueDeclaration ?? handoff.holder },
  };
  // A callback of the hand-off itself that releases the parent's copy settles it.
  if (handoff.call.arguments.some((argument) => isDischargingCallback(context, argument, resource))) return [];
  const line = String(lineOf(handoff.call));
  const suggestion = getReleaseAfterHandoffSuggestion(context, handoff);
  const reported = new Set<ts.Node>();
  const findings: Finding[] = [];
  for (const leak of findLeaks(context, getCfg(context.ts, fn), resource)) {
    const finding = getLeakFinding(context, 'close-in-parent-after-fork', leak, messages);
    if (reported.has(finding.node)) continue;
    reported.add(finding.node);
    findings.push({
      ...finding,
      data: { where: 'the function', ...finding.data, resource: `The ${handoff.kind.noun} \`${handoff.holder.text}\``, via: handoff.via, line, release: getParentRelease(handoff.kind) },
      path: finding.path.map((step) => (step.role === 'acquire' ? { ...step, message: `handed to the child here (${handoff.via})` } : step)),
      suggestions: suggestion ? [suggestion] : [],
    });
  }
  return findings;
}

/**
 * The one release to recommend for the parent's copy: `destroy()` for a socket, never `end()`.
 * `end()` is shutdown(SHUT_WR), which acts on the connection itself and ends it for the child too;
 * close() only drops the parent's reference. The kind's suggested release is already that call.
 */
function getParentRelease(kind: ResourceKind): string {
  return kind.suggestedRelease.replace('{{name}}.', '');
}

function lineOf(node: ts.Node): number {
  const sourceFile = node.getSourceFile();
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/**
 * After a spawn the child holds its own descriptor, so the parent can release right after the
 * statement; a `send` transfers the handle asynchronously, so the release goes in its callback.
 */
function getReleaseAfterHandoffSuggestion(context: AnalysisContext, handoff: ChildHandoff): Suggestion | undefined {
  const { ts } = context;
  const release = handoff.kind.suggestedRelease.replaceAll('{{name}}', handoff.holder.text);
  if (handoff.style === 'send') {
    if (handoff.call.arguments.length !== 3) return undefined;
    const end = handoff.call.arguments.end;
    return {
      messageId: messages.suggestion,
      data: { call: release, where: 'once the send completes' },
      edits: [{ range: [end, end], text: `, () => ${release}` }],
    };
  }
  let statement: ts.Node = handoff.call;
  while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent)) {
    if (ts.isFunctionLike(statement.parent) || ts.isIterationStatement(statement.parent, false) || ts.isIfStatement(statement.parent)) return undefined;
    statement = statement.parent;
  }
  if (!ts.isExpressionStatement(statement) && !ts.isVariableStatement(statement)) return undefined;
  const sourceFile = statement.getSourceFile();
  const start = statement.getStart(sourceFile);
  const lineStart = sourceFile.getPositionOfLineAndCharacter(sourceFile.getLineAndCharacterOfPosition(start).line, 0);
  const indent = sourceFile.text.slice(lineStart, start);
  if (!/^\s*$/.test(indent)) return undefined;
  return {
    messageId: messages.suggestion,
    data: { call: release, where: 'after the hand-off' },
    edits: [{ range: [statement.getEnd(), statement.getEnd()], text: `\n${indent}${release};` }],
  };
}
