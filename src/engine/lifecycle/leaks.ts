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
import { isResourceExpression, type TrackedResource } from './resource.js';
import { isWithin } from './syntax.js';

export type LeakKind = 'exit' | 'scope-end' | 'overwritten';

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
}

/** Every exit the resource reaches unreleased, each with one shortest path to it. */
export function findLeaks(context: AnalysisContext, cfg: Cfg, resource: TrackedResource): Leak[] {
  // A received parameter is there from the entry; anything else from its acquisition node.
  const starts = context.ts.isParameter(resource.origin)
    ? [cfg.entry]
    : (cfg.nodesByAst.get(getAcquisitionPoint(context, resource.origin)) ?? []);
  return findUnsettledExits(context, resource, starts, (node) => isDischargeNode(context, node, resource));
}

/**
 * The search behind findLeaks with the starting nodes and the settling nodes chosen by the caller
 * (end-half-open-socket asks "is the peer's FIN answered?" with the same walk).
 */
export function findUnsettledExits(
  context: AnalysisContext,
  resource: TrackedResource,
  starts: readonly CfgNode[],
  settles: (node: CfgNode) => boolean,
): Leak[] {
  const parents = new Map<CfgNode, PathEdge>();
  // Starts are not marked seen: reaching an acquisition again means the next one replaces this one.
  const seen = new Set<CfgNode>();
  const queue: CfgNode[] = [];
  const leaks: Leak[] = [];
  const scopeDeclarations = getBlockScopedHolderDeclarations(context, resource);
  const loop = context.ts.isForOfStatement(resource.origin) ? resource.origin : undefined;

  const enqueueSuccessors = (node: CfgNode, isStart: boolean): void => {
    for (const edge of node.next) {
      // An exception out of the acquisition leaves nothing behind.
      if (isStart && edge.kind === 'exception') continue;
      // A loop head acquires only on the edge into the body; its other edge leaves the loop done.
      if (isStart && loop && !isWithin(edge.to.ast, loop)) continue;
      if (seen.has(edge.to) || isResourceAbsentOnEdge(context, edge, resource)) continue;
      seen.add(edge.to);
      parents.set(edge.to, { from: node, edge });
      queue.push(edge.to);
    }
  };
  const leakAt = (node: CfgNode, kind: LeakKind): void => {
    leaks.push({ resource, kind, node, path: reconstructPath(parents, node, starts) });
  };

  for (const start of starts) enqueueSuccessors(start, true);
  for (let index = 0; index < queue.length; index++) {
    const node = queue[index]!;
    if (node.kind === 'exit') {
      // Leaving an accept loop with the connection open is no-return-in-accept-loop's finding.
      if (node.exitKind !== 'implicit-throw' && !loop) leakAt(node, 'exit');
      continue;
    }
    if (node.kind === 'element' && (starts.includes(node) || isOverwrite(context, node.ast, resource))) {
      leakAt(node, 'overwritten');
      continue;
    }
    if (node.kind === 'scope-end' && scopeDeclarations && scopeDeclarations.every((d) => isDeclaredIn(context, d, node.ast))) {
      leakAt(node, 'scope-end');
      continue;
    }
    if (settles(node)) continue;
    enqueueSuccessors(node, false);
  }
  return leaks;
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
function reconstructPath(parents: ReadonlyMap<CfgNode, PathEdge>, end: CfgNode, starts: readonly CfgNode[]): PathEdge[] {
  const path: PathEdge[] = [];
  for (let step = parents.get(end); step; step = parents.get(step.from)) {
    path.push(step);
    if (starts.includes(step.from)) break;
  }
  return path.reverse();
}
