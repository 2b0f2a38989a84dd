/**
 * The exits of an accept loop that stop accepting while its listener stays open.
 *
 * First one iteration is searched: from the loop head through the body, over states (graph node,
 * whether the accepted connection is open), never through a node that closes the listener (a
 * deliberate shutdown ends that path) and never back to the head or a loop's continuation (the
 * `for` update, the `do…while` test): `continue` and the end of the body go on accepting. A path
 * stops where it leaves the loop: at a `return`/`throw` exit inside it, or on an edge to a node
 * outside it, whose jump jumps.ts names. Exception edges are not exits (DESIGN.md: implicit
 * exceptions are not counted). Then each way out is followed on: if it reaches the end of the
 * function without closing the listener and without coming back to the loop head (an outer retry
 * loop), accepting has stopped for good while the listener is open.
 *
 * The connection's state follows the engine's must-release model (effects.ts): it opens at the
 * accept node, and a node that releases, hands off or consumes it, or an edge that shows it
 * absent, closes it.
 */
import type * as ts from 'typescript';
import type { Cfg, CfgEdge, CfgNode } from '../cfg/graph.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { isDischargeNode, isResourceAbsentOnEdge } from '../lifecycle/effects.js';
import { isInfeasibleEdge } from '../lifecycle/feasibility.js';
import type { PathEdge } from '../lifecycle/leaks.js';
import { hasBodyInProgram } from '../lifecycle/ownership.js';
import { forEachDescendant, getMethodCall, isWithin } from '../lifecycle/syntax.js';
import { getJumpTarget, getJumpsOfEdge, type JumpStatement } from './jumps.js';
import { getListenerSymbol, type AcceptLoop } from './recognise.js';

export type LoopExitStatement = ts.ReturnStatement | ts.BreakStatement | ts.ThrowStatement;

export interface AcceptLoopExit {
  readonly statement: LoopExitStatement;
  /** Some path reaches the exit with the accepted connection still open. */
  readonly connectionOpen: boolean;
  /** The edges from the loop head to the exit, on a path where the connection is open when it is on any. */
  readonly path: readonly PathEdge[];
}

/** Calls on the listener that end accepting on purpose. */
const closingMethods: ReadonlySet<string> = new Set(['close', 'shutdown', 'stop']);
/** How deep a local function that closes the listener is followed (`stop()` calling `shutdown()`…). */
const MAX_CLOSE_DEPTH = 3;

interface Arrival {
  readonly open: boolean;
  readonly path: readonly PathEdge[];
  /** Where the path goes on after leaving the loop; absent when the exit ends the function. */
  readonly next: CfgNode | undefined;
}

interface SearchState {
  readonly node: CfgNode;
  readonly open: boolean;
  readonly parent: { readonly state: SearchState; readonly edge: CfgEdge } | undefined;
}

/** The exits of `acceptLoop` (in the graph `cfg` of its function) that leave its listener open, in source order. */
export function findAcceptLoopExits(context: AnalysisContext, cfg: Cfg, acceptLoop: AcceptLoop): AcceptLoopExit[] {
  return new AcceptLoopSearch(context, cfg, acceptLoop).run();
}

class AcceptLoopSearch {
  private readonly heads: ReadonlySet<CfgNode>;
  private readonly closingFunctions = new Map<ts.Node, boolean>();
  private readonly escapes = new Map<CfgNode, boolean>();

  constructor(
    private readonly context: AnalysisContext,
    private readonly cfg: Cfg,
    private readonly acceptLoop: AcceptLoop,
  ) {
    this.heads = new Set(cfg.nodesByAst.get(acceptLoop.loop) ?? []);
  }

  run(): AcceptLoopExit[] {
    if (this.isDisposedListener()) return [];
    const arrivals = this.searchIteration();
    const exits: AcceptLoopExit[] = [];
    for (const [statement, list] of arrivals) {
      const stopping = list.filter((arrival) => arrival.next === undefined || this.escapesWithListenerOpen(arrival.next));
      if (stopping.length === 0) continue;
      const shown = stopping.find((arrival) => arrival.open) ?? stopping[0]!;
      exits.push({ statement, connectionOpen: shown.open, path: shown.path });
    }
    return exits.sort((a, b) => a.statement.pos - b.statement.pos);
  }

  /** Every way out of one iteration that does not close the listener first, by jump. */
  private searchIteration(): Map<LoopExitStatement, Arrival[]> {
    const { context, cfg, acceptLoop } = this;
    const { ts } = context;
    const connection = acceptLoop.connection;
    const arrivals = new Map<LoopExitStatement, Arrival[]>();
    const arrive = (statement: LoopExitStatement, arrival: Arrival): void => {
      let list = arrivals.get(statement);
      if (!list) arrivals.set(statement, (list = []));
      list.push(arrival);
    };
    const seen = new Set<number>();
    const queue: SearchState[] = [];
    for (const head of this.heads) queue.push({ node: head, open: false, parent: undefined });
    for (let index = 0; index < queue.length; index++) {
      const state = queue[index]!;
      const { node } = state;
      if (state.parent && this.closesListener(node)) continue;
      const accepts = node.kind === 'element' && node.ast === acceptLoop.acceptNode;
      const openAfter = accepts || (state.open && connection !== undefined && !isDischargeNode(context, node, connection));
      for (const edge of node.next) {
        if (isInfeasibleEdge(context, edge)) continue;
        // A failed accept makes nothing.
        let open = edge.kind === 'exception' && accepts ? state.open : openAfter;
        if (open && connection && isResourceAbsentOnEdge(context, edge, connection, node)) open = false;
        const to = edge.to;
        if (this.isContinuation(to)) continue;
        const path = (): PathEdge[] => [...getPath(state), { from: node, edge }];
        if (to.kind === 'exit' && (to.exitKind === 'return' || to.exitKind === 'throw') && this.isInLoop(to)) {
          arrive(to.ast as LoopExitStatement, { open, path: path(), next: undefined });
          continue;
        }
        if (to.kind === 'exit' || !this.isInLoop(to)) {
          if (edge.kind === 'exception') continue;
          for (const jump of getJumpsOfEdge(ts, cfg, node, edge, acceptLoop.loop)) {
            if (this.leavesLoop(jump)) arrive(jump as LoopExitStatement, { open, path: path(), next: to });
          }
          continue;
        }
        const key = to.id * 2 + (open ? 1 : 0);
        if (seen.has(key)) continue;
        seen.add(key);
        queue.push({ node: to, open, parent: { state, edge } });
      }
    }
    return arrivals;
  }

  /** Whether the path from `node` (outside the loop) can end the function without closing the listener or accepting again. */
  private escapesWithListenerOpen(start: CfgNode): boolean {
    const cached = this.escapes.get(start);
    if (cached !== undefined) return cached;
    let result = false;
    const seen = new Set<CfgNode>([start]);
    const queue = [start];
    for (let index = 0; index < queue.length && !result; index++) {
      const node = queue[index]!;
      if (this.heads.has(node) || this.closesListener(node)) continue;
      if (node.kind === 'exit') {
        if (node.exitKind !== 'implicit-throw') result = true;
        continue;
      }
      for (const edge of node.next) {
        if (seen.has(edge.to) || isInfeasibleEdge(this.context, edge)) continue;
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
    this.escapes.set(start, result);
    return result;
  }

  /** A `return`/`throw`, or a `break` whose target is the accept loop or outside it. */
  private leavesLoop(jump: JumpStatement): boolean {
    const { ts } = this.context;
    const { loop } = this.acceptLoop;
    if (!isWithin(jump, loop.statement)) return false;
    if (ts.isReturnStatement(jump) || ts.isThrowStatement(jump)) return true;
    if (!ts.isBreakStatement(jump)) return false;
    const target = getJumpTarget(ts, jump);
    return target !== undefined && (target === loop || !isWithin(target, loop.statement));
  }

  private isInLoop(node: CfgNode): boolean {
    return node.kind !== 'entry' && node.ast !== this.cfg.fn && isWithin(node.ast, this.acceptLoop.loop);
  }

  /** The head, or the part of the loop that runs before the head again (`for` update, `do…while` test). */
  private isContinuation(node: CfgNode): boolean {
    if (this.heads.has(node)) return true;
    if (node.kind === 'exit' || node.kind === 'entry') return false;
    const { ts } = this.context;
    const { loop } = this.acceptLoop;
    if (ts.isForStatement(loop) && loop.incrementor) return isWithin(node.ast, loop.incrementor);
    if (ts.isDoStatement(loop)) return isWithin(node.ast, loop.expression);
    return false;
  }

  /** A listener declared with `using`/`await using` in this function is closed whenever the function ends. */
  private isDisposedListener(): boolean {
    const { ts } = this.context;
    const declaration = this.acceptLoop.listenerSymbol?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !isWithin(declaration, this.cfg.fn)) return false;
    const flags = declaration.parent.flags & ts.NodeFlags.BlockScoped;
    return flags === ts.NodeFlags.Using || flags === ts.NodeFlags.AwaitUsing;
  }

  private closesListener(node: CfgNode): boolean {
    return node.kind === 'element' && this.context.ts.isCallExpression(node.ast) && this.isClosingCall(node.ast, 0);
  }

  /** `listener.close()`, or a call to a function of the program that closes the listener. */
  private isClosingCall(call: ts.CallExpression, depth: number): boolean {
    const { context } = this;
    const { ts } = context;
    const symbol = this.acceptLoop.listenerSymbol;
    if (!symbol) return false;
    const method = getMethodCall(ts, call);
    if (method && closingMethods.has(method.name) && getListenerSymbol(context, method.receiver) === symbol) return true;
    if (depth >= MAX_CLOSE_DEPTH) return false;
    const declaration = context.getCalleeDeclaration(call);
    if (!declaration || !hasBodyInProgram(context, declaration) || !declaration.body) return false;
    let closes = this.closingFunctions.get(declaration);
    if (closes === undefined) {
      this.closingFunctions.set(declaration, false); // recursion guard
      closes = false;
      forEachDescendant(ts, declaration.body, (node) => {
        if (!closes && ts.isCallExpression(node) && this.isClosingCall(node, depth + 1)) closes = true;
      });
      this.closingFunctions.set(declaration, closes);
    }
    return closes;
  }
}

function getPath(state: SearchState): PathEdge[] {
  const path: PathEdge[] = [];
  for (let current = state; current.parent; current = current.parent.state) {
    path.push({ from: current.parent.state.node, edge: current.parent.edge });
  }
  return path.reverse();
}
