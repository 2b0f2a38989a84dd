/**
 * Reachability with the socket unanswered: the same search as lifecycle/leaks.ts (forward from
 * where the socket starts to exist, along edges that do not show it absent, stopping at nodes that
 * settle it), with the settling nodes chosen by the caller. Every exit reached is a place where
 * the socket can be left unanswered; the search tree gives one shortest path to each.
 */
import type * as ts from 'typescript';
import type { CfgNode } from '../cfg/graph.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { isResourceAbsentOnEdge } from '../lifecycle/effects.js';
import type { Leak, LeakKind, PathEdge } from '../lifecycle/leaks.js';
import type { TrackedResource } from '../lifecycle/resource.js';
import { isWithin } from '../lifecycle/syntax.js';

/**
 * Every exit (a `return`, an escaping `throw`, the end of the body, the end of the block that
 * declares the socket's variables, the creation reached again) that `resource` reaches from
 * `starts` without passing a node for which `settles` holds.
 */
export function findUnsettledExits(
  context: AnalysisContext,
  resource: TrackedResource,
  starts: readonly CfgNode[],
  settles: (node: CfgNode) => boolean,
): Leak[] {
  const parents = new Map<CfgNode, PathEdge>();
  const seen = new Set<CfgNode>();
  const queue: CfgNode[] = [];
  const found: Leak[] = [];
  const scopeDeclarations = getBlockScopedHolderDeclarations(context, resource);
  const enqueueSuccessors = (node: CfgNode, isStart: boolean): void => {
    for (const edge of node.next) {
      // An exception out of the creation leaves nothing behind.
      if (isStart && edge.kind === 'exception') continue;
      if (seen.has(edge.to) || isResourceAbsentOnEdge(context, edge, resource)) continue;
      seen.add(edge.to);
      parents.set(edge.to, { from: node, edge });
      queue.push(edge.to);
    }
  };
  const reach = (node: CfgNode, kind: LeakKind): void => {
    found.push({ resource, kind, node, path: reconstructPath(parents, node, starts) });
  };
  for (const start of starts) enqueueSuccessors(start, true);
  for (let index = 0; index < queue.length; index++) {
    const node = queue[index]!;
    if (node.kind === 'exit') {
      if (node.exitKind !== 'implicit-throw') reach(node, 'exit');
      continue;
    }
    if (starts.includes(node) && node.kind === 'element') {
      reach(node, 'overwritten');
      continue;
    }
    if (node.kind === 'scope-end' && scopeDeclarations && scopeDeclarations.every((d) => isWithin(d, node.ast))) {
      reach(node, 'scope-end');
      continue;
    }
    if (settles(node)) continue;
    enqueueSuccessors(node, false);
  }
  return found;
}

/** The declarations of the socket's variables when all are `let`/`const` (else no block end loses it). */
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

function reconstructPath(parents: ReadonlyMap<CfgNode, PathEdge>, end: CfgNode, starts: readonly CfgNode[]): PathEdge[] {
  const path: PathEdge[] = [];
  for (let step = parents.get(end); step; step = parents.get(step.from)) {
    path.push(step);
    if (starts.includes(step.from)) break;
  }
  return path.reverse();
}
