/**
 * The must-release dataflow. For one tracked resource the state on a path is "open" from its
 * acquisition until a node discharges it, so the question "is it released on every path?" is
 * reachability: search forward from the acquisition through nodes that do not discharge it, along
 * edges that do not show it absent. Every exit reached is a leak; the search tree gives the path.
 *
 * Exits: a `return`, an escaping `throw`, the end of the body; the end of the block that declares
 * every variable holding it (on `break`/`continue` or normal completion, e.g. a loop iteration);
 * and the acquisition itself reached again (the next one replaces it). Implicit exceptions are not
 * exits. An exception edge out of the acquisition carries the state before it (nothing was made).
 */
import type * as ts from 'typescript';
import type { Cfg, CfgEdge, CfgNode } from '../cfg/graph.js';
import type { AnalysisContext } from './context.js';
import { isDischargeNode, isResourceAbsentOnEdge } from './effects.js';
import { isInfeasibleEdge } from './feasibility.js';
import { PathFactTable, type PathFacts } from './path-facts.js';
import { getThrowingCall, isOperationOf } from './throwing-calls.js';
import { isResourceExpression, type TrackedResource } from './resource.js';
import { isWithin } from './syntax.js';

/** `throwing-call`: a call that may throw explicitly (option checkThrowingCalls) leaves with the resource open. */
export type LeakKind = 'exit' | 'scope-end' | 'overwritten' | 'throwing-call';

export interface PathEdge {
  readonly from: CfgNode;
  readonly edge: CfgEdge;
}

export interface Leak {
  readonly resource: TrackedResource;
  readonly kind: LeakKind;
  /** The exit, scope-end or re-acquisition node reached with the resource open. */
  readonly node: CfgNode;
  /** The edges from the acquisition to `node`, in order. */
  readonly path: readonly PathEdge[];
  /** For a `throwing-call` leak: the call that throws. */
  readonly throwingCall?: ts.CallExpression;
}

/** Every exit the resource reaches unreleased, each with one shortest path to it. */
export function findLeaks(context: AnalysisContext, cfg: Cfg, resource: TrackedResource): Leak[] {
  const starts = getStartNodes(context, cfg, resource);
  const isDischarge = (node: CfgNode): boolean => isDischargeNode(context, node, resource);
  const leaks = findUnsettledExits(context, resource, starts, isDischarge);
  // A rejected operation of a resource the function never releases at all adds nothing to the
  // report of the path that never releases it: the fix is the same release.
  if (resource.kind.operationsReject && !cfg.nodes.some(isDischarge)) {
    return leaks.filter((leak) => leak.kind !== 'throwing-call' || !isOperationOf(context, leak.throwingCall, resource));
  }
  return leaks;
}

/**
 * Where the obligation begins: the entry for a received parameter; else where the resource is
 * opened (`s.connect(…)` for a `new net.Socket()`), else its acquisition point.
 */
export function getStartNodes(context: AnalysisContext, cfg: Cfg, resource: TrackedResource): CfgNode[] {
  if (context.ts.isParameter(resource.origin)) return [cfg.entry];
  const points = resource.openedAt ?? [resource.origin];
  // An evaluated element, not the `return` of the same expression (`return socket.connect(port)`).
  return points.flatMap((point) => (cfg.nodesByAst.get(getAcquisitionPoint(context, point)) ?? []).filter((node) => node.kind === 'element'));
}

/**
 * The search behind findLeaks with the starting nodes and the settling nodes chosen by the caller
 * (end-half-open-socket asks "is the peer's FIN answered?" with the same walk).
 *
 * A search state is a graph node plus the `catch` clauses the path entered through an implicit
 * exception and is still inside (innermost last): a `throw` out of such a clause rethrows that same
 * exception, which is no more an exit than the implicit exception itself (DESIGN.md); and what the
 * path learnt from the tests it took (path-facts.ts), so that it does not take the opposite outcome
 * of a condition it already tested.
 */
export function findUnsettledExits(
  context: AnalysisContext,
  resource: TrackedResource,
  starts: readonly CfgNode[],
  settles: (node: CfgNode) => boolean,
): Leak[] {
  const states = new StateTable();
  const parents = new Map<SearchState, { from: SearchState; edge: CfgEdge }>();
  const queue: SearchState[] = [];
  const leaks: Leak[] = [];
  const scopeDeclarations = getBlockScopedHolderDeclarations(context, resource);
  const loop = context.ts.isForOfStatement(resource.origin) ? resource.origin : undefined;
  const facts = new PathFactTable(context, starts);

  const enqueueSuccessors = (state: SearchState, isStart: boolean): void => {
    for (const edge of state.node.next) {
      // An exception out of the acquisition leaves nothing behind.
      if (isStart && edge.kind === 'exception') continue;
      // A loop head acquires only on the edge into the body; its other edge leaves the loop done.
      if (isStart && loop && !isWithin(edge.to.ast, loop)) continue;
      if (isResourceAbsentOnEdge(context, edge, resource, state.node) || isInfeasibleEdge(context, edge)) continue;
      const learnt = facts.follow(facts.evaluate(state.facts, state.node), edge);
      if (!learnt) continue;
      // Starts are not marked seen: reaching an acquisition again means the next one replaces this one.
      const next = states.get(edge.to, getRethrowState(context, state, edge, resource), learnt);
      if (next.seen) continue;
      next.seen = true;
      parents.set(next, { from: state, edge });
      queue.push(next);
    }
  };
  // Paths that differ only in what they learnt reach a leak once (the first, shortest one).
  const reported = new Map<CfgNode, { kind: LeakKind; rethrow: RethrowState; throwingCall: ts.CallExpression | undefined }[]>();
  const leakAt = (state: SearchState, kind: LeakKind, throwingCall?: ts.CallExpression): void => {
    let atNode = reported.get(state.node);
    if (!atNode) reported.set(state.node, (atNode = []));
    if (atNode.some((leak) => leak.kind === kind && leak.throwingCall === throwingCall && isSameRethrow(leak.rethrow, state.rethrow))) return;
    atNode.push({ kind, rethrow: state.rethrow, throwingCall });
    const path = reconstructPath(parents, state, starts);
    leaks.push({ resource, kind, node: state.node, path, ...(throwingCall ? { throwingCall } : {}) });
  };

  for (const start of starts) enqueueSuccessors(states.get(start, noRethrow, facts.getInitialFacts(start)), true);
  for (let index = 0; index < queue.length; index++) {
    const state = queue[index]!;
    const { node } = state;
    if (node.kind === 'exit') {
      // An exit may settle too: a `return` or `throw` out of a `for await` body destroys the socket
      // (end-half-open-socket; no-leaked-socket's discharges are never exits).
      if (settles(node)) continue;
      // Leaving an accept loop with the connection open is no-return-in-accept-loop's finding.
      if (node.exitKind !== 'implicit-throw' && !loop && !isRethrow(node, state)) leakAt(state, 'exit');
      // An exception a throwing call threw, on its way out through `finally` blocks.
      else if (node.exitKind === 'implicit-throw' && state.rethrow.thrownBy && !loop) {
        leakAt(state, 'throwing-call', getThrowingCall(context, state.rethrow.thrownBy, resource));
      }
      continue;
    }
    if (node.kind === 'element' && (starts.includes(node) || isOverwrite(context, node.ast, resource))) {
      // `response = decompress(response)`: the call that makes the next one takes the old one.
      if (settles(node)) continue;
      leakAt(state, 'overwritten');
      continue;
    }
    if (node.kind === 'scope-end' && scopeDeclarations && scopeDeclarations.every((d) => isDeclaredIn(context, d, node.ast))) {
      leakAt(state, 'scope-end');
      continue;
    }
    if (settles(node)) continue;
    // A call that may throw outside any `try`: the function leaves there on that path.
    const throwingCall = !loop && !node.next.some((edge) => edge.kind === 'exception') ? getThrowingCall(context, node, resource) : undefined;
    if (throwingCall) leakAt(state, 'throwing-call', throwingCall);
    enqueueSuccessors(state, false);
  }
  return leaks;
}

interface SearchState {
  readonly node: CfgNode;
  readonly rethrow: RethrowState;
  readonly facts: PathFacts;
  seen: boolean;
}

/**
 * Where the path stands with implicit exceptions: `inFlight`, the `catch` clause an implicit
 * exception is on its way to (through the `finally` blocks between); `scopes`, the clauses it
 * entered that way and is still in, innermost last.
 */
interface RethrowState {
  readonly inFlight: ts.CatchClause | undefined;
  readonly scopes: readonly ts.CatchClause[];
  /** The throwing call whose exception is on its way to `thrownTo` (a `catch`, or out of the function). */
  readonly thrownBy: CfgNode | undefined;
  readonly thrownTo: ts.CatchClause | undefined;
}

const noRethrow: RethrowState = { inFlight: undefined, scopes: [], thrownBy: undefined, thrownTo: undefined };

/** One state per (node, rethrow state, facts), so the search and its parent links can key on identity. */
class StateTable {
  private readonly byNode = new Map<CfgNode, SearchState[]>();

  get(node: CfgNode, rethrow: RethrowState, facts: PathFacts): SearchState {
    let list = this.byNode.get(node);
    if (!list) this.byNode.set(node, (list = []));
    let state = list.find((candidate) => candidate.facts.signature === facts.signature && isSameRethrow(candidate.rethrow, rethrow));
    if (!state) list.push((state = { node, rethrow, facts, seen: false }));
    return state;
  }
}

function isSameRethrow(a: RethrowState, b: RethrowState): boolean {
  return (
    a.inFlight === b.inFlight &&
    a.thrownBy === b.thrownBy &&
    a.scopes.length === b.scopes.length &&
    a.scopes.every((clause, index) => clause === b.scopes[index])
  );
}

/**
 * The rethrow state after taking `edge`. An implicit-exception edge sets the exception in flight to
 * the `catch` clause that receives it; it stays in flight through the `finally` blocks on the way
 * and becomes a scope once the path enters the clause (a `finally` that jumps elsewhere, or throws
 * an exception of its own, cancels it). A `throw` that rethrows inside a scope sets that exception
 * in flight again, to the next `catch` out. The path keeps a scope while it stays in that clause or its `try` statement's `finally`
 * (and on the exit it leaves by), and drops it once it leaves.
 */
function getRethrowState(context: AnalysisContext, state: SearchState, edge: CfgEdge, resource: TrackedResource): RethrowState {
  const { ts } = context;
  const target = edge.to;
  let { inFlight, scopes, thrownBy, thrownTo } = state.rethrow;
  const from = state.node;
  if (from.kind === 'element' && ts.isThrowStatement(from.ast)) {
    // A `throw` replaces whatever was in flight; one that rethrows inside a scope carries the
    // implicit exception on to the next `catch` out.
    const throwStatement = from.ast;
    inFlight = scopes.some((clause) => isWithin(throwStatement, clause.block)) ? getReceivingCatchClause(context, throwStatement) : undefined;
    thrownBy = undefined;
  }
  if (target.kind !== 'exit') {
    let kept = scopes.length;
    while (kept > 0 && !isInRethrowScope(context, target.ast, scopes[kept - 1]!)) kept--;
    if (kept < scopes.length) scopes = scopes.slice(0, kept);
  }
  if (inFlight) {
    if (isWithin(target.ast, inFlight)) {
      if (!scopes.includes(inFlight)) scopes = [...scopes, inFlight];
      inFlight = undefined;
    } else if (target.kind === 'exit' || !isInFinallyOnTheWay(context, target.ast, inFlight)) {
      inFlight = undefined;
    }
  }
  // A throwing call's exception is caught once the path enters its catch.
  if (thrownTo && target.kind !== 'exit' && isWithin(target.ast, thrownTo)) {
    thrownBy = undefined;
    thrownTo = undefined;
  }
  if (edge.kind === 'exception') {
    const clause = getReceivingCatchClause(context, from.ast);
    if (getThrowingCall(context, from, resource)) {
      // Thrown on purpose: an exit of its own (not an implicit exception) until a catch takes it.
      inFlight = undefined;
      thrownBy = clause && isWithin(target.ast, clause) ? undefined : from;
      thrownTo = thrownBy ? clause : undefined;
    } else if (clause) {
      inFlight = undefined;
      if (isWithin(target.ast, clause)) {
        if (!scopes.includes(clause)) scopes = [...scopes, clause];
      } else {
        inFlight = clause;
      }
    }
  }
  const before = state.rethrow;
  if (inFlight === before.inFlight && scopes === before.scopes && thrownBy === before.thrownBy && thrownTo === before.thrownTo) return before;
  return { inFlight, scopes, thrownBy, thrownTo };
}

/** A node of a `finally` block inside the `try` block whose `catch` is `clause`: an exception passes through it. */
function isInFinallyOnTheWay(context: AnalysisContext, node: ts.Node, clause: ts.CatchClause): boolean {
  const { ts } = context;
  const tryBlock = clause.parent.tryBlock;
  for (let current: ts.Node = node; current.parent && current !== tryBlock; current = current.parent) {
    if (ts.isTryStatement(current.parent) && current.parent.finallyBlock === current && isWithin(current, tryBlock)) return true;
  }
  return false;
}

/** In the clause, or in a `finally` block the path runs on its way out of it (its own `try`'s or an enclosing one's). */
function isInRethrowScope(context: AnalysisContext, node: ts.Node, clause: ts.CatchClause): boolean {
  const { ts } = context;
  if (isWithin(node, clause)) return true;
  for (let current: ts.Node | undefined = clause.parent; current && !ts.isFunctionLike(current); current = current.parent) {
    if (ts.isTryStatement(current) && current.finallyBlock && isWithin(node, current.finallyBlock)) return true;
  }
  return false;
}

/** The innermost `catch` clause an exception thrown at `node` lands in, if any. */
function getReceivingCatchClause(context: AnalysisContext, node: ts.Node): ts.CatchClause | undefined {
  const { ts } = context;
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isTryStatement(parent) && parent.tryBlock === current && parent.catchClause) return parent.catchClause;
    if (ts.isFunctionLike(parent)) return undefined;
  }
  return undefined;
}

/** A `throw` out of a `catch` clause an implicit exception entered: that exception, rethrown. */
function isRethrow(node: CfgNode, state: SearchState): boolean {
  return node.exitKind === 'throw' && state.rethrow.scopes.some((clause) => isWithin(node.ast, clause.block));
}

/**
 * Where the resource starts to exist: after the `await` of an asynchronous creation (a rejected
 * `fetch` or `connect()` promise leaves nothing to release), else the creating call itself.
 */
function getAcquisitionPoint(context: AnalysisContext, origin: ts.Node): ts.Node {
  const { ts } = context;
  let node = origin;
  while (
    node.parent &&
    (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isNonNullExpression(node.parent) || ts.isSatisfiesExpression(node.parent))
  ) {
    node = node.parent;
  }
  return node.parent && ts.isAwaitExpression(node.parent) ? node.parent : origin;
}

/** `holder = somethingElse` while the resource's only variable holds it: nothing can release it any more. */
function isOverwrite(context: AnalysisContext, ast: ts.Node, resource: TrackedResource): boolean {
  const { ts } = context;
  if (resource.holders.size !== 1 || !ts.isBinaryExpression(ast) || ast.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const target = ast.left;
  if (!ts.isIdentifier(target) || !resource.holderNames.has(target.text)) return false;
  const symbol = context.getSymbol(target);
  return (
    symbol !== undefined &&
    resource.holders.has(symbol) &&
    !isWithin(resource.origin, ast.right) &&
    !isResourceExpression(context, ast.right, resource)
  );
}

/** Declared inside the block, or in the header of the loop whose body the block is (`for (const c of …) {…}`). */
function isDeclaredIn(context: AnalysisContext, declaration: ts.Node, block: ts.Node): boolean {
  if (isWithin(declaration, block)) return true;
  const loop = block.parent;
  return (
    loop !== undefined &&
    context.ts.isIterationStatement(loop, false) &&
    (loop as ts.IterationStatement).statement === block &&
    isWithin(declaration, loop)
  );
}

/** The declarations of the resource's variables, when all are `let`/`const` (else no block end loses it). */
function getBlockScopedHolderDeclarations(context: AnalysisContext, resource: TrackedResource): ts.Node[] | undefined {
  const { ts } = context;
  const declarations: ts.Node[] = [];
  for (const holder of resource.holders) {
    const declaration = holder.valueDeclaration;
    if (!declaration) return undefined;
    let list: ts.Node = declaration;
    while (ts.isBindingElement(list) || ts.isArrayBindingPattern(list) || ts.isObjectBindingPattern(list)) list = list.parent;
    if (ts.isVariableDeclaration(list)) list = list.parent;
    if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.BlockScoped) === 0) return undefined;
    declarations.push(declaration);
  }
  return declarations.length > 0 ? declarations : undefined;
}

/** Walks the search tree back from `end` to the first acquisition node (which may itself have a parent). */
function reconstructPath(
  parents: ReadonlyMap<SearchState, { from: SearchState; edge: CfgEdge }>,
  end: SearchState,
  starts: readonly CfgNode[],
): PathEdge[] {
  const path: PathEdge[] = [];
  for (let step = parents.get(end); step; step = parents.get(step.from)) {
    path.push({ from: step.from.node, edge: step.edge });
    if (starts.includes(step.from.node)) break;
  }
  return path.reverse();
}
