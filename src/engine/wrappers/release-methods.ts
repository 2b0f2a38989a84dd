/**
 * Release methods, inferred: which owning fields a method of the class releases, path by path.
 *
 * The method's graph is searched with a state per path: the set of owning fields released so far
 * (a bit mask; classes own one to three fields in practice). A node releases field `f` when it
 * discharges `this.f` as it would a local socket (a release call, a hand-off, a callback that
 * releases it, `this.f?.close()`), or calls a method of the class (`this.other()`,
 * `super.close()`) that releases `f` on every path; an edge where `this.f` is shown absent
 * (`if (!this.f) return`) counts as released; storing a new resource in `this.f` opens it again.
 *
 * At each normal exit (`return`, the end) the mask is recorded. A method *releases every field* when
 * its main exit (falling off its end, or the `return` that ends its body) has them all on every
 * path, and no exit has only some: an early `return` with none released is a guard
 * (`if (this.closed) return;`), not a leak, while a method that releases only on an early exit
 * (an error handler: `if (tooLarge) { this.socket.destroy(); return; }`) releases nothing for its
 * callers. Exits by `throw` are the caller's problem.
 */
import type * as ts from 'typescript';
import type { CfgNode } from '../cfg/graph.js';
import { getCfg } from '../checks/functions.js';
import { collectHolders } from '../lifecycle/acquisitions.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { isDischargeNode, isResourceAbsentOnEdge } from '../lifecycle/effects.js';
import { isInfeasibleEdge } from '../lifecycle/feasibility.js';
import { isOwnFieldAccess, type TrackedResource } from '../lifecycle/resource.js';
import { getMethodCall, isFunctionWithBody, skipOuterExpressions, type FunctionWithBody } from '../lifecycle/syntax.js';
import type { OwningField } from './owning-fields.js';

export interface MethodReleases {
  /** The released-field masks reached at the method's normal exits. */
  readonly exitMasks: ReadonlySet<number>;
  /** The masks reached at its main exit (its end, or the `return` that ends its body). */
  readonly mainExitMasks: ReadonlySet<number>;
  /** Exits that release some fields but not all, with one mask each (for reports). */
  readonly partialExits: readonly { readonly node: CfgNode; readonly mask: number }[];
}

/** Looks up what a method of the class releases, by its declaration (for `this.other()` calls). */
export type MethodLookup = (declaration: ts.Node) => MethodReleases | undefined;

/** A field as a tracked resource inside `method`: `this.f`, the locals that copy it, and `aliases` (variables known to hold its value). */
export function getFieldResource(context: AnalysisContext, method: FunctionWithBody, field: OwningField, aliases: ReadonlySet<ts.Symbol> = new Set()): TrackedResource {
  const fields = field.symbols;
  const holders = collectHolders(context, method, aliases, fields);
  return {
    id: context.newResourceId(),
    origin: field.stores[0]!,
    kind: field.kind,
    typeName: field.kind.name,
    received: undefined,
    consumable: false,
    holders,
    holderNames: new Set([...holders].map((holder) => holder.name)),
    primaryHolder: undefined,
    fields,
  };
}

/** What `method` releases of `fields`, path by path. */
export function getMethodReleases(
  context: AnalysisContext,
  method: FunctionWithBody,
  fields: readonly OwningField[],
  lookup: MethodLookup,
): MethodReleases {
  const { ts } = context;
  const cfg = getCfg(ts, method);
  const resources = fields.map((field) => getFieldResource(context, method, field));
  const full = (1 << fields.length) - 1;
  const exitMasks = new Set<number>();
  const mainExitMasks = new Set<number>();
  const exitsByMask = new Map<number, CfgNode>();
  const mainExit = getMainExit(context, method);
  const seen = new Map<CfgNode, Set<number>>();
  const queue: { node: CfgNode; mask: number }[] = [{ node: cfg.entry, mask: 0 }];
  for (let index = 0; index < queue.length; index++) {
    const { node, mask: before } = queue[index]!;
    if (node.kind === 'exit') {
      if (node.exitKind === 'return' || node.exitKind === 'end') {
        exitMasks.add(before);
        if (!exitsByMask.has(before)) exitsByMask.set(before, node);
        if (node.exitKind === 'end' || node.ast === mainExit) mainExitMasks.add(before);
      }
      continue;
    }
    const mask = applyNode(context, node, before, resources, lookup);
    for (const edge of node.next) {
      if (isInfeasibleEdge(context, edge)) continue;
      let next = mask;
      resources.forEach((resource, bit) => {
        if (isResourceAbsentOnEdge(context, edge, resource, node)) next |= 1 << bit;
      });
      let masks = seen.get(edge.to);
      if (!masks) seen.set(edge.to, (masks = new Set()));
      if (masks.has(next)) continue;
      masks.add(next);
      queue.push({ node: edge.to, mask: next });
    }
  }
  const partialExits = exitMasks.has(full)
    ? [...exitsByMask].filter(([mask]) => mask !== 0 && mask !== full).map(([mask, node]) => ({ node, mask }))
    : [];
  return { exitMasks, mainExitMasks, partialExits };
}

/** Whether a method releases every owning field: its main exit has them all, no exit has only some. */
export function releasesAll(releases: MethodReleases, fieldCount: number): boolean {
  const full = (1 << fieldCount) - 1;
  if (releases.mainExitMasks.size === 0 || [...releases.mainExitMasks].some((mask) => mask !== full)) return false;
  return [...releases.exitMasks].every((mask) => mask === 0 || mask === full);
}

/** The `return` statement that ends the method's body, if it ends with one (else its end is the main exit). */
function getMainExit(context: AnalysisContext, method: FunctionWithBody): ts.Node | undefined {
  const { ts } = context;
  if (!ts.isBlock(method.body)) return undefined;
  const last = method.body.statements[method.body.statements.length - 1];
  return last && ts.isReturnStatement(last) ? last : undefined;
}

/** The fields a method releases on every path to its main exit (what a call of it releases for its caller). */
export function getFieldsReleasedOnEveryPath(releases: MethodReleases): number {
  let mask = -1;
  for (const exitMask of releases.mainExitMasks) mask &= exitMask;
  return mask === -1 ? 0 : mask;
}

function applyNode(
  context: AnalysisContext,
  node: CfgNode,
  before: number,
  resources: readonly TrackedResource[],
  lookup: MethodLookup,
): number {
  let mask = before;
  resources.forEach((resource, bit) => {
    if (isReopening(context, node, resource)) mask &= ~(1 << bit);
    else if (isDischargeNode(context, node, resource)) mask |= 1 << bit;
  });
  return mask | getCalledMethodReleases(context, node, lookup);
}

/** `this.f = <a new resource>`: the field holds something to release again. */
function isReopening(context: AnalysisContext, node: CfgNode, resource: TrackedResource): boolean {
  const { ts } = context;
  if (node.kind !== 'element' || !ts.isBinaryExpression(node.ast) || node.ast.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const target = skipOuterExpressions(ts, node.ast.left);
  if (!ts.isPropertyAccessExpression(target) || !isOwnFieldAccess(context, target, resource.fields!)) return false;
  const value = skipOuterExpressions(ts, node.ast.right);
  const type = context.checker.getTypeAtLocation(value);
  return context.catalog.getKindOfType(type) !== undefined && !(type.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined));
}

/** `this.close()` / `super.close()` of a method that releases fields on every path. */
function getCalledMethodReleases(context: AnalysisContext, node: CfgNode, lookup: MethodLookup): number {
  const { ts } = context;
  if (node.kind !== 'element' || !ts.isCallExpression(node.ast)) return 0;
  const method = getMethodCall(ts, node.ast);
  if (!method) return 0;
  const receiver = skipOuterExpressions(ts, method.receiver).kind;
  if (receiver !== ts.SyntaxKind.ThisKeyword && receiver !== ts.SyntaxKind.SuperKeyword) return 0;
  const declaration = context.getCalleeDeclaration(node.ast);
  if (!declaration || !isFunctionWithBody(ts, declaration)) return 0;
  const releases = lookup(declaration);
  return releases ? getFieldsReleasedOnEveryPath(releases) : 0;
}
