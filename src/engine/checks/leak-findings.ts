/**
 * Turning leaks into findings: where the report stands (the leaking `return`/`throw`/`continue`/
 * `break`, else the acquisition), the message data, the path (acquisition, branches, exit) and the
 * suggestion that inserts the release before the leaking statement.
 */
import type * as ts from 'typescript';
import type { CheckId, Finding, PathStep, Suggestion } from '../findings.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import type { DiscardedResource, FunctionAcquisitions } from '../lifecycle/acquisitions.js';
import { findLeaks } from '../lifecycle/leaks.js';
import { getCfg } from './functions.js';
import { getBranchSteps } from './path-steps.js';
import type { Leak } from '../lifecycle/leaks.js';
import type { TrackedResource } from '../lifecycle/resource.js';
import type { ResourceKind } from '../resources/kinds.js';
import { forEachDescendant, isFunctionWithBody, isWithin, type FunctionWithBody } from '../lifecycle/syntax.js';

export type ExitWord = 'return' | 'throw' | 'continue' | 'break';

function lineOf(node: ts.Node): number {
  const sourceFile = node.getSourceFile();
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

function truncateText(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}

/** "end() or destroy()". */
export function formatRelease(kind: ResourceKind): string {
  if (kind.releaseHint) return kind.releaseHint;
  return kind.release
    .slice(0, 2)
    .map((name) => `${name}()`)
    .join(' or ');
}

/**
 * "The net.Socket `client` created on line 4" / "The socket `socket` received by the 'connection'
 * handler on line 3" / "The net.Socket `socket` taken out of `connections` on line 7" (the line
 * of the `delete` that takes it out).
 */
export function describeResource(resource: TrackedResource): string {
  const name = resource.primaryHolder ? ` \`${resource.primaryHolder.name}\`` : '';
  const line = lineOf(resource.origin);
  if (resource.takenFrom !== undefined) {
    return `The ${resource.typeName}${name} taken out of \`${resource.takenFrom}\` on line ${lineOf(resource.openedAt?.[0] ?? resource.origin)}`;
  }
  if (resource.received) {
    const by = resource.received.source.startsWith('the ') ? resource.received.source : `the ${resource.received.source} handler`;
    return `The ${resource.kind.noun}${name} received by ${by} on line ${line}`;
  }
  if (resource.kind.family === 'response') return `The ${resource.kind.noun}${name} received on line ${line}`;
  return `The ${resource.typeName}${name} created on line ${line}`;
}

function getExitWord(context: AnalysisContext, statement: ts.Node): ExitWord | undefined {
  const { ts } = context;
  if (ts.isReturnStatement(statement)) return 'return';
  if (ts.isThrowStatement(statement)) return 'throw';
  if (ts.isContinueStatement(statement)) return 'continue';
  if (ts.isBreakStatement(statement)) return 'break';
  return undefined;
}

/** The leaking statement, if the leak is at one (not at a fall-off end or a re-acquisition). */
function getLeakingStatement(leak: Leak): ts.Statement | undefined {
  const { node } = leak;
  if (leak.kind === 'exit' && (node.exitKind === 'return' || node.exitKind === 'throw')) return node.ast as ts.Statement;
  if (leak.kind === 'scope-end' && node.via) return node.via as ts.Statement;
  return undefined;
}

/** The path's first step, in the words of the message (describeResource): a response is received, a value taken out of a map was looked up there. */
export function getAcquireMessage(resource: TrackedResource): string {
  if (resource.takenFrom !== undefined) return 'looked up here';
  return resource.received || resource.kind.family === 'response' ? 'received here' : 'created here';
}

function buildPath(context: AnalysisContext, leak: Leak, reportNode: ts.Node, exitMessage: string): PathStep[] {
  const steps: PathStep[] = [
    { node: leak.resource.origin, role: 'acquire', message: getAcquireMessage(leak.resource) },
  ];
  steps.push(...getBranchSteps(context, leak.path));
  steps.push({ node: reportNode, role: 'exit', message: exitMessage });
  return steps;
}

/** The release call to insert, e.g. `socket.destroy();` or `await pool.close();`. */
function getReleaseCall(context: AnalysisContext, resource: TrackedResource, at: ts.Node): string | undefined {
  const holder = resource.primaryHolder;
  if (!holder) return undefined;
  const { kind } = resource;
  // A holder that may be absent where the call goes (`socket?: net.Socket`, `let s: Socket |
  // undefined` not narrowed there) gets `socket?.destroy()`: the plain call would not compile under
  // strictNullChecks.
  const name = isNullableAt(context, holder.declaration, at) ? `${holder.name}?` : holder.name;
  const call = kind.suggestedRelease.replaceAll('{{name}}.', `${name}.`).replaceAll('{{name}}', holder.name);
  if (!kind.asyncRelease) return call;
  return isInAsyncFunction(context, at) ? `await ${call}` : `void ${call}`;
}

/**
 * Whether a variable or parameter may hold `undefined` or `null` at a statement: its declared type
 * admits them, and the first reference to it after the statement (where the checker has narrowed it
 * as it is at the statement: `if (!socket) return; if (skip) return; socket.end()`) still does. A
 * condition on the way out that mentions it (`if (!socket || skip) return;`) may narrow it the other
 * way, so there the declared type answers.
 */
function isNullableAt(context: AnalysisContext, declaration: ts.Node, at: ts.Node): boolean {
  const { ts, checker } = context;
  if (!ts.isParameter(declaration) && !ts.isVariableDeclaration(declaration)) return false;
  const symbol = context.getSymbol(declaration.name);
  if (!symbol || !admitsNullish(ts, checker.getTypeAtLocation(declaration.name))) return false;
  const mentions = (root: ts.Node): ts.Identifier | undefined => {
    let found: ts.Identifier | undefined;
    forEachDescendant(ts, root, (node) => {
      if (!found && ts.isIdentifier(node) && context.getSymbol(node) === symbol) found = node;
    });
    if (!found && ts.isIdentifier(root) && context.getSymbol(root) === symbol) found = root;
    return found;
  };
  for (let node: ts.Node = at; !isFunctionWithBody(ts, node) && !ts.isSourceFile(node); node = node.parent) {
    const parent = node.parent;
    const condition = ts.isIfStatement(parent) ? parent.expression : ts.isConditionalExpression(parent) ? parent.condition : undefined;
    if (condition && node !== condition && mentions(condition)) return true;
    if (!(ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent))) continue;
    const statements: readonly ts.Node[] = parent.statements;
    for (const sibling of statements.slice(statements.indexOf(node) + 1)) {
      const reference = mentions(sibling);
      if (reference) return admitsNullish(ts, checker.getTypeOfSymbolAtLocation(symbol, reference));
    }
  }
  return true;
}

function admitsNullish(ts: AnalysisContext['ts'], type: ts.Type): boolean {
  const members = type.isUnion() ? type.types : [type];
  return members.some((member) => (member.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) !== 0);
}

function isInAsyncFunction(context: AnalysisContext, node: ts.Node): boolean {
  const { ts } = context;
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionWithBody(ts, current)) {
      return (ts.getCombinedModifierFlags(current as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
    }
  }
  return false;
}

function getInsertReleaseSuggestion(
  context: AnalysisContext,
  resource: TrackedResource,
  statement: ts.Statement,
  exit: ExitWord,
  messageId: string,
): Suggestion | undefined {
  const { ts } = context;
  const holder = resource.primaryHolder;
  // Only where the variable is in scope at the exit and the statement can take a sibling.
  if (!holder || !isHolderInScopeAt(context, resource, statement)) return undefined;
  const call = getReleaseCall(context, resource, statement);
  if (!call) return undefined;
  const sourceFile = statement.getSourceFile();
  const start = statement.getStart(sourceFile);
  const parent = statement.parent;
  if (ts.isBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent) || ts.isSourceFile(parent)) {
    const lineStart = sourceFile.getPositionOfLineAndCharacter(sourceFile.getLineAndCharacterOfPosition(start).line, 0);
    const indent = sourceFile.text.slice(lineStart, start);
    const separator = /^\s*$/.test(indent) ? `\n${indent}` : ' ';
    return { messageId, data: { call, exit }, edits: [{ range: [start, start], text: `${call};${separator}` }] };
  }
  return {
    messageId,
    data: { call, exit },
    edits: [{ range: [start, statement.getEnd()], text: `{ ${call}; ${statement.getText(sourceFile)} }` }],
  };
}

function isHolderInScopeAt(context: AnalysisContext, resource: TrackedResource, statement: ts.Node): boolean {
  const { ts } = context;
  const declaration = resource.primaryHolder?.declaration;
  if (!declaration) return false;
  if (ts.isParameter(declaration)) return isWithin(statement, declaration.parent);
  let scope: ts.Node | undefined = declaration.parent;
  while (scope && !ts.isBlock(scope) && !ts.isSourceFile(scope) && !isFunctionWithBody(ts, scope) && !ts.isCaseBlock(scope)) {
    scope = scope.parent;
  }
  if (scope === undefined || !isWithin(statement, scope) || statement.pos <= declaration.end) return false;
  // Not shadowed there: in `for (…) { const conn = …; if (x) return; }` an outer `conn` cannot be named.
  const name = (declaration as ts.NamedDeclaration).name;
  if (!name || !ts.isIdentifier(name)) return true;
  const { checker } = context;
  return checker.resolveName(name.text, statement, ts.SymbolFlags.Value, false) === checker.getSymbolAtLocation(name);
}

export interface LeakMessages {
  readonly atExit: string;
  /** A call that may throw explicitly leaves with it open (option checkThrowingCalls, for the rules that take it). */
  readonly atThrowingCall?: string;
  readonly atEnd: string;
  readonly overwritten: string;
  readonly discarded: string;
  readonly suggestion: string;
}

/** The findings of one function's acquisitions: discarded values, then each tracked one's leaks, one per place. */
export function getFunctionLeakFindings(
  context: AnalysisContext,
  check: CheckId,
  fn: FunctionWithBody,
  acquisitions: FunctionAcquisitions,
  messages: LeakMessages,
): Finding[] {
  const findings = acquisitions.discarded.map((resource) => getDiscardedFinding(check, resource, messages.discarded));
  if (acquisitions.tracked.length === 0) return findings;
  const cfg = getCfg(context.ts, fn);
  // Two creations held by one variable (`const s = tls ? tls.connect(o) : net.connect(o)`) leaking
  // at the same place are one bug when one fix releases both: one report, for the first. Another
  // variable of the same name, or a release the other kind lacks, is reported on its own.
  const said = new Map<ts.Node, Set<string>>();
  for (const resource of acquisitions.tracked) {
    // One report per place: a value that both outlives a loop and is replaced in it is one bug.
    const reported = new Set<ts.Node>();
    const holder = resource.primaryHolder?.declaration;
    const saidOfHolder = holder && (said.get(holder) ?? said.set(holder, new Set()).get(holder)!);
    // At one place, "the next one replaces it" says more than "the function can end".
    const leaks = findLeaks(context, cfg, resource).sort((a, b) => Number(b.kind === 'overwritten') - Number(a.kind === 'overwritten'));
    for (const leak of leaks) {
      const finding = getLeakFinding(context, check, leak, messages);
      if (reported.has(finding.node)) continue;
      reported.add(finding.node);
      if (saidOfHolder) {
        // The end of the function (or block) is one place, though each creation is where it is reported.
        const where = finding.messageId === messages.atEnd ? `end of ${finding.data['where']}` : finding.node.pos;
        const place = `${where}:${finding.messageId}:${finding.data['exit']}:${finding.data['release']}`;
        if (saidOfHolder.has(place)) continue;
        saidOfHolder.add(place);
      }
      findings.push(finding);
    }
  }
  return findings;
}

/** One finding per leak. */
export function getLeakFinding(context: AnalysisContext, check: CheckId, leak: Leak, messages: LeakMessages): Finding {
  const { resource } = leak;
  const release = formatRelease(resource.kind);
  // `name` identifies the resource without positions (CLI baselines match on it).
  const base = { resource: describeResource(resource), release, name: resource.primaryHolder?.name ?? resource.typeName };
  const statement = getLeakingStatement(leak);
  const exit = statement && getExitWord(context, statement);
  if (statement && exit) {
    const suggestion = getInsertReleaseSuggestion(context, resource, statement, exit, messages.suggestion);
    return {
      check,
      messageId: messages.atExit,
      data: { ...base, exit },
      node: statement,
      path: buildPath(context, leak, statement, `${exit} with it still open`),
      suggestions: suggestion ? [suggestion] : [],
    };
  }
  if (leak.kind === 'throwing-call' && leak.throwingCall && messages.atThrowingCall) {
    const call = leak.throwingCall;
    const callee = truncateText(call.expression.getText());
    return {
      check,
      messageId: messages.atThrowingCall,
      data: { ...base, callee },
      node: call,
      path: buildPath(context, leak, call, `${callee}() can throw here with it still open`),
      suggestions: [],
    };
  }
  if (leak.kind === 'overwritten') {
    return {
      check,
      messageId: messages.overwritten,
      data: base,
      node: resource.origin,
      path: buildPath(context, leak, resource.origin, 'the next one replaces it here'),
      suggestions: [],
    };
  }
  const where = leak.kind === 'scope-end' ? 'its block' : 'the function';
  return {
    check,
    messageId: messages.atEnd,
    data: { ...base, where },
    node: resource.origin,
    path: buildPath(context, leak, leak.node.kind === 'exit' ? resource.origin : leak.node.ast, `${where} ends here with it still open`),
    suggestions: [],
  };
}

/** A value created and dropped in the same expression. */
export function getDiscardedFinding(check: CheckId, discarded: DiscardedResource, messageId: string): Finding {
  return {
    check,
    messageId,
    data: {
      name: discarded.typeName,
      resource:
        discarded.kind.family === 'response'
          ? `The ${discarded.kind.noun} received on line ${lineOf(discarded.origin)}`
          : `The ${discarded.typeName} created on line ${lineOf(discarded.origin)}`,
      release: formatRelease(discarded.kind),
    },
    node: discarded.origin,
    path: [{ node: discarded.origin, role: 'acquire', message: 'created and dropped here' }],
    suggestions: [],
  };
}
