/**
 * no-return-in-accept-loop: a loop that accepts connections one at a time (see
 * accept-loops/recognise.ts) must not stop on one connection while its listener stays open. The
 * kernel keeps completing handshakes into the listen backlog; nobody accepts them, clients give up,
 * and the queued connections sit in CLOSE_WAIT until the process dies.
 *
 * A finding stands on each `return`, `break` and uncaught `throw` that leaves the loop on a path
 * that does not close the listener (accept-loops/exits.ts). The suggestion turns a bare `return` or
 * a `break` into `continue`, closing the accepted connection first where it is still open.
 */
import type * as ts from 'typescript';
import type { Cfg } from '../cfg/graph.js';
import type { Finding, PathStep, Suggestion } from '../findings.js';
import type { EngineOptions } from '../options.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import type { TrackedResource } from '../lifecycle/resource.js';
import { isFunctionWithBody, isWithin, type FunctionWithBody } from '../lifecycle/syntax.js';
import { findAcceptLoopExits, type AcceptLoopExit } from '../accept-loops/exits.js';
import { getModuleBody, getModuleCfg, hasTopLevelLoop } from '../accept-loops/module-body.js';
import { getAcceptLoops, type AcceptLoop } from '../accept-loops/recognise.js';
import { collectPerFunction, getCfg } from './functions.js';
import { getBranchSteps } from './path-steps.js';

type ExitWord = 'return' | 'break' | 'throw';

/** Findings of no-return-in-accept-loop in one file: every function, and the module's top level. */
export function getAcceptLoopFindings(context: AnalysisContext, sourceFile: ts.SourceFile, options: EngineOptions): Finding[] {
  const { ts } = context;
  const findings = collectPerFunction(ts, sourceFile, (fn) => getBodyFindings(context, options, fn, () => getCfg(ts, fn)));
  if (hasTopLevelLoop(ts, sourceFile)) {
    try {
      const moduleBody = getModuleBody(ts, sourceFile);
      findings.push(...getBodyFindings(context, options, moduleBody, () => getModuleCfg(ts, sourceFile)));
    } catch (error) {
      if (process.env['CLOSEWAIT_DEBUG']) console.error(`closewait: gave up on the top level of ${sourceFile.fileName}:`, error);
    }
  }
  return findings.sort((a, b) => a.node.pos - b.node.pos);
}

function getBodyFindings(context: AnalysisContext, options: EngineOptions, fn: FunctionWithBody, getGraph: () => Cfg): Finding[] {
  const loops = getAcceptLoops(context, fn, options);
  if (loops.length === 0) return [];
  const cfg = getGraph();
  const findings: Finding[] = [];
  const reported = new Set<ts.Node>();
  // Innermost loops first: an exit that leaves two nested accept loops is reported once, for the inner one.
  for (const acceptLoop of [...loops].reverse()) {
    for (const exit of findAcceptLoopExits(context, cfg, acceptLoop)) {
      if (reported.has(exit.statement)) continue;
      reported.add(exit.statement);
      findings.push(getExitFinding(context, acceptLoop, exit));
    }
  }
  return findings;
}

function getExitFinding(context: AnalysisContext, acceptLoop: AcceptLoop, exit: AcceptLoopExit): Finding {
  const { ts } = context;
  const { statement } = exit;
  const word: ExitWord = ts.isReturnStatement(statement) ? 'return' : ts.isBreakStatement(statement) ? 'break' : 'throw';
  const connection = exit.connectionOpen ? acceptLoop.connection : undefined;
  const data: Record<string, string> = {
    exit: word,
    line: String(lineOf(acceptLoop.loop)),
    listener: describeExpression(acceptLoop.listener),
  };
  if (connection) data['connection'] = connection.primaryHolder?.name ?? 'connection';
  const suggestion = getContinueSuggestion(context, acceptLoop, statement, word, connection);
  return {
    check: 'no-return-in-accept-loop',
    messageId: connection ? 'stopsAcceptingConnectionOpen' : 'stopsAccepting',
    data,
    node: statement,
    path: getPathSteps(context, acceptLoop, exit, word),
    suggestions: suggestion ? [suggestion] : [],
  };
}

function getPathSteps(context: AnalysisContext, acceptLoop: AcceptLoop, exit: AcceptLoopExit, word: ExitWord): PathStep[] {
  const steps: PathStep[] = [{ node: acceptLoop.loop, role: 'acquire', message: 'accepts connections here' }];
  steps.push(...getBranchSteps(context, exit.path));
  steps.push({ node: exit.statement, role: 'exit', message: `${word} stops accepting while the listener stays open` });
  return steps;
}

/**
 * `continue` instead of a `break` or a bare `return` (closing the connection first when it is
 * open). A `return` with a value is left alone: its value was meant for the caller, and dropping
 * it is a decision for a person. A `throw` is too: the fix is a `try`/`catch` inside the loop.
 */
function getContinueSuggestion(
  context: AnalysisContext,
  acceptLoop: AcceptLoop,
  statement: AcceptLoopExit['statement'],
  word: ExitWord,
  connection: TrackedResource | undefined,
): Suggestion | undefined {
  const { ts } = context;
  if (ts.isThrowStatement(statement) || (ts.isReturnStatement(statement) && statement.expression)) return undefined;
  const replacement = getContinueStatement(context, acceptLoop, statement);
  if (!replacement) return undefined;
  const sourceFile = statement.getSourceFile();
  const range: [number, number] = [statement.getStart(sourceFile), statement.getEnd()];
  if (!connection) {
    return { messageId: 'replaceWithContinue', data: { exit: word, replacement }, edits: [{ range, text: `${replacement};` }] };
  }
  const call = getReleaseCall(context, connection, statement);
  if (!call) return undefined;
  const parent = statement.parent;
  let text: string;
  if (ts.isBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
    const lineStart = sourceFile.getPositionOfLineAndCharacter(sourceFile.getLineAndCharacterOfPosition(range[0]).line, 0);
    const indent = sourceFile.text.slice(lineStart, range[0]);
    text = /^\s*$/.test(indent) ? `${call};\n${indent}${replacement};` : `${call}; ${replacement};`;
  } else {
    text = `{ ${call}; ${replacement}; }`;
  }
  return { messageId: 'closeAndContinue', data: { exit: word, call, replacement }, edits: [{ range, text }] };
}

/** `continue`, or `continue label` from inside a nested loop when the accept loop has a label. */
function getContinueStatement(context: AnalysisContext, acceptLoop: AcceptLoop, statement: ts.Node): string | undefined {
  const { ts } = context;
  const { loop } = acceptLoop;
  let innermost: ts.Node | undefined;
  for (let node = statement.parent; node !== loop; node = node.parent) {
    if (ts.isIterationStatement(node, false)) {
      innermost = node;
      break;
    }
  }
  if (!innermost) return 'continue';
  const label = ts.isLabeledStatement(loop.parent) ? loop.parent.label.text : undefined;
  return label === undefined ? undefined : `continue ${label}`;
}

/** The connection's release, e.g. `conn.close()` or `socket.destroy()`, when its variable is in scope here. */
function getReleaseCall(context: AnalysisContext, connection: TrackedResource, at: ts.Node): string | undefined {
  const { ts } = context;
  const holder = connection.primaryHolder;
  if (!holder) return undefined;
  let scope: ts.Node | undefined = holder.declaration.parent;
  while (scope && !ts.isBlock(scope) && !ts.isIterationStatement(scope, false) && !ts.isCaseBlock(scope) && !isFunctionWithBody(ts, scope)) {
    scope = scope.parent;
  }
  if (!scope || !isWithin(at, scope) || at.pos < holder.declaration.end) return undefined;
  const call = connection.kind.suggestedRelease.replaceAll('{{name}}', holder.name);
  if (!connection.kind.asyncRelease) return call;
  return isInAsyncFunction(context, at) ? `await ${call}` : `void ${call}`;
}

function isInAsyncFunction(context: AnalysisContext, node: ts.Node): boolean {
  const { ts } = context;
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionWithBody(ts, current)) return (ts.getCombinedModifierFlags(current as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
  }
  return false;
}

function lineOf(node: ts.Node): number {
  const sourceFile = node.getSourceFile();
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/** The listener as written, shortened: `listener`, `this.server`, `Deno.listen({ port: 8080 })`. */
function describeExpression(expression: ts.Expression): string {
  const flat = expression.getText().replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}
