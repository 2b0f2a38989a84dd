/**
 * Which jump statement an edge of the control-flow graph carries.
 *
 * The graph (cfg/build.ts) makes nodes for what is evaluated, not for `break` and `continue`: a
 * jump's edges start at the last node evaluated before it and end where the jump lands. Between
 * that node and the jump the syntax is a straight line that evaluates nothing (anything evaluated
 * would be a node, and every branch relabels the edge with its test), so the jump is found by
 * walking the syntax forward from the edge: into the branch its test selects, out of finished
 * blocks, through fall-through cases and empty `finally` blocks, until a `break`, `continue`,
 * `return` or `throw`. Some nodes name their jump themselves: a `scope-end` made by a jump has it
 * in `via`, a `throw` is an element, a `return` has its value node. A node in a copy of a
 * `finally` block belongs to the jump whose path that copy was made for: the edges entering the
 * copy say which.
 *
 * The walk never leaves `boundary` (the loop being analysed): falling out of its body loops back.
 */
import type * as ts from 'typescript';
import type { Cfg, CfgEdge, CfgNode } from '../cfg/graph.js';
import type { Ts } from '../host.js';
import { isWithin } from '../lifecycle/syntax.js';

export type JumpStatement = ts.BreakStatement | ts.ContinueStatement | ts.ReturnStatement | ts.ThrowStatement;

/** A route's end: a jump, the normal entry into the `finally` block asked about, or nothing (it loops back or evaluates something). */
type Route = JumpStatement | 'finally' | undefined;

interface Incoming {
  readonly from: CfgNode;
  readonly edge: CfgEdge;
}

const predecessorMaps = new WeakMap<Cfg, Map<CfgNode, Incoming[]>>();

function getPredecessors(cfg: Cfg): Map<CfgNode, Incoming[]> {
  let map = predecessorMaps.get(cfg);
  if (!map) {
    map = new Map();
    for (const from of cfg.nodes) {
      for (const edge of from.next) {
        let list = map.get(edge.to);
        if (!list) map.set(edge.to, (list = []));
        list.push({ from, edge });
      }
    }
    predecessorMaps.set(cfg, map);
  }
  return map;
}

/**
 * The jumps an edge out of `from` may carry (one, except for the rare edge of a `for…of` head
 * whose body starts with a jump and whose end falls onto another). Empty when the edge is an
 * exception, a loop's normal end, or anything but a jump.
 */
export function getJumpsOfEdge(ts: Ts, cfg: Cfg, from: CfgNode, edge: CfgEdge, boundary: ts.Node): JumpStatement[] {
  const walker = new RouteWalker(ts, cfg, boundary);
  const routes = walker.routesOfEdge(from, edge, undefined);
  return routes.filter((route): route is JumpStatement => route !== undefined && route !== 'finally');
}

/** The statement a `break`/`continue` transfers to: the loop, switch or labeled statement it ends or continues. */
export function getJumpTarget(ts: Ts, jump: ts.BreakStatement | ts.ContinueStatement): ts.Node | undefined {
  const label = jump.label?.text;
  const isBreak = jump.kind === ts.SyntaxKind.BreakStatement;
  for (let node: ts.Node = jump.parent; !ts.isSourceFile(node) && !isFunctionBoundary(ts, node); node = node.parent) {
    if (label !== undefined) {
      if (ts.isLabeledStatement(node) && node.label.text === label) {
        let target: ts.Node = node.statement;
        while (ts.isLabeledStatement(target)) target = target.statement;
        return target;
      }
      continue;
    }
    if (ts.isIterationStatement(node, false)) return node;
    if (isBreak && ts.isSwitchStatement(node)) return node;
  }
  return undefined;
}

function isFunctionBoundary(ts: Ts, node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassLike(node);
}

class RouteWalker {
  constructor(
    private readonly ts: Ts,
    private readonly cfg: Cfg,
    private readonly boundary: ts.Node,
  ) {}

  /** Where an edge goes, in the syntax; `target` is the `finally` block whose normal entry counts as an end. */
  routesOfEdge(from: CfgNode, edge: CfgEdge, target: ts.Block | undefined, depth = 0): Route[] {
    const { ts } = this;
    if (edge.kind === 'exception' || depth > 50) return [undefined];
    if (from.kind === 'scope-end' && from.via) return [this.followJump(from.via as ts.BreakStatement | ts.ContinueStatement, target)];
    if (from.kind === 'element' && ts.isThrowStatement(from.ast)) return [from.ast];
    if (from.kind === 'return-value') return [ts.isReturnStatement(from.ast.parent) ? from.ast.parent : undefined];
    const finallyBlock = this.getEnclosingFinally(from.ast);
    if (finallyBlock) {
      // A node of a `finally` copy: the copy was made for the path of whatever entered it.
      let normalCopy = false;
      for (const entry of this.getCopyEntries(from, finallyBlock)) {
        for (const route of this.routesOfEdge(entry.from, entry.edge, finallyBlock, depth + 1)) {
          if (route === 'finally') normalCopy = true;
          else if (route !== undefined) return [route];
        }
      }
      if (!normalCopy) return [undefined];
    }
    return this.routesAfter(from, edge, target);
  }

  /** The innermost `finally` block inside the boundary that holds `node`. */
  private getEnclosingFinally(node: ts.Node): ts.Block | undefined {
    const { ts } = this;
    for (let current = node; current !== this.boundary && current.parent; current = current.parent) {
      const parent = current.parent;
      if (ts.isTryStatement(parent) && parent.finallyBlock === current) return current as ts.Block;
      if (isFunctionBoundary(ts, current)) return undefined;
    }
    return undefined;
  }

  /** The edges that enter the copy of `block` that `node` belongs to. */
  private getCopyEntries(node: CfgNode, block: ts.Block): Incoming[] {
    const predecessors = getPredecessors(this.cfg);
    const seen = new Set<CfgNode>([node]);
    const queue = [node];
    const entries: Incoming[] = [];
    for (let index = 0; index < queue.length; index++) {
      for (const incoming of predecessors.get(queue[index]!) ?? []) {
        const inCopy = incoming.from.kind !== 'entry' && incoming.from.ast !== this.cfg.fn && isWithin(incoming.from.ast, block);
        if (!inCopy) {
          entries.push(incoming);
        } else if (!seen.has(incoming.from)) {
          seen.add(incoming.from);
          queue.push(incoming.from);
        }
      }
    }
    return entries;
  }

  private routesAfter(from: CfgNode, edge: CfgEdge, target: ts.Block | undefined): Route[] {
    const { ts } = this;
    if (edge.test && (edge.kind === 'true' || edge.kind === 'false')) return [this.routeOfTest(edge.test, edge.kind === 'true', target)];
    if (edge.test) return [this.after(this.statementOf(edge.test), target)];
    const ast = from.ast;
    if (from.kind === 'scope-end') {
      return [ts.isCaseBlock(ast) ? this.after(ast.parent, target) : this.afterBlock(ast as ts.Block, target)];
    }
    if (ts.isCatchClause(ast)) return [this.start(ast.block, target)];
    if (ts.isVariableDeclaration(ast) && ts.isCatchClause(ast.parent)) return [this.start(ast.parent.block, target)];
    if (ts.isForOfStatement(ast) || ts.isForInStatement(ast)) {
      // The head: into the body for the next value, or past the loop when done.
      return [this.start(ast.statement, target), this.after(ast, target)];
    }
    if (ts.isIterationStatement(ast, false)) return [this.start(ast.statement, target)];
    return [this.after(this.statementOf(ast), target)];
  }

  /** Where the outcome `value` of the test `test` leads. */
  private routeOfTest(test: ts.Expression, value: boolean, target: ts.Block | undefined): Route {
    const { ts } = this;
    let node: ts.Node = test;
    let outcome = value;
    for (;;) {
      const parent = node.parent;
      if (ts.isParenthesizedExpression(parent)) {
        node = parent;
      } else if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) {
        outcome = !outcome;
        node = parent;
      } else if (
        ts.isBinaryExpression(parent) &&
        (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)
      ) {
        const isAnd = parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken;
        // The left operand decides the whole only when it short-circuits; else the right is evaluated next.
        if (parent.left === node && outcome === isAnd) return undefined;
        node = parent;
      } else {
        break;
      }
    }
    const owner = node.parent;
    if (ts.isIfStatement(owner) && owner.expression === node) {
      if (outcome) return this.start(owner.thenStatement, target);
      return owner.elseStatement ? this.start(owner.elseStatement, target) : this.after(owner, target);
    }
    if ((ts.isWhileStatement(owner) && owner.expression === node) || (ts.isForStatement(owner) && owner.condition === node)) {
      return outcome ? this.start(owner.statement, target) : this.after(owner, target);
    }
    if (ts.isDoStatement(owner) && owner.expression === node) return outcome ? undefined : this.after(owner, target);
    if (ts.isCaseClause(owner) && owner.expression === node) {
      return outcome ? this.startClause(owner, target) : this.noMatch(owner, target);
    }
    return this.after(this.statementOf(node), target);
  }

  /** The statement an evaluated node belongs to. */
  private statementOf(node: ts.Node): ts.Node {
    const { ts } = this;
    let current = node;
    while (current.parent && current !== this.boundary) {
      const parent = current.parent;
      if (
        ts.isBlock(parent) ||
        ts.isSourceFile(parent) ||
        ts.isModuleBlock(parent) ||
        ts.isCaseClause(parent) ||
        ts.isDefaultClause(parent) ||
        (ts.isIfStatement(parent) && parent.expression !== current) ||
        (ts.isIterationStatement(parent, false) && parent.statement === current) ||
        (ts.isLabeledStatement(parent) && parent.statement === current)
      ) {
        return current;
      }
      current = parent;
    }
    return current;
  }

  /** Entering `statement`. */
  private start(statement: ts.Node, target: ts.Block | undefined): Route {
    const { ts } = this;
    if (ts.isBreakStatement(statement) || ts.isContinueStatement(statement)) return this.followJump(statement, target);
    // A `return` without a value goes straight to its exit (or a `finally` copy); one with a value,
    // and a `throw`, are nodes of their own, so an edge into them is not the jump yet.
    if (ts.isReturnStatement(statement)) return statement.expression ? undefined : statement;
    if (ts.isBlock(statement)) {
      const first = statement.statements[0];
      return first ? this.start(first, target) : this.afterBlock(statement, target);
    }
    if (ts.isLabeledStatement(statement)) return this.start(statement.statement, target);
    if (ts.isTryStatement(statement)) return this.start(statement.tryBlock, target);
    if (
      ts.isEmptyStatement(statement) ||
      ts.isDebuggerStatement(statement) ||
      ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement) ||
      ts.isModuleDeclaration(statement) ||
      (ts.isExpressionStatement(statement) && !this.hasNodes(statement))
    ) {
      return this.after(statement, target);
    }
    // Anything else is evaluated (a node, or test edges of its own): the edge does not reach past it.
    return undefined;
  }

  /**
   * A `break`/`continue` that leaves the boundary is the route's end. One that stays inside goes on:
   * a `break` after the switch, loop or labeled block it ends; a `continue` loops (a node of its own).
   */
  private followJump(jump: ts.BreakStatement | ts.ContinueStatement, target: ts.Block | undefined): Route {
    const { ts } = this;
    const jumpTarget = getJumpTarget(ts, jump);
    if (!jumpTarget || !isWithin(jumpTarget, this.boundary)) return jump;
    if (ts.isContinueStatement(jump)) return undefined;
    return jumpTarget === this.boundary ? jump : this.after(jumpTarget, target);
  }

  /** Whether the graph has a node for something inside `statement` (nested functions aside). */
  private hasNodes(statement: ts.Node): boolean {
    const { ts } = this;
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (this.cfg.nodesByAst.has(node)) {
        found = true;
        return;
      }
      if (!isFunctionBoundary(ts, node)) ts.forEachChild(node, visit);
    };
    visit(statement);
    return found;
  }

  /** Leaving `statement` normally. */
  private after(statement: ts.Node, target: ts.Block | undefined): Route {
    const { ts } = this;
    if (statement === this.boundary) return undefined;
    const parent = statement.parent;
    if (!parent) return undefined;
    if (ts.isBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
      const statements: readonly ts.Node[] = parent.statements;
      const next = statements[statements.indexOf(statement) + 1];
      if (next) return this.start(next, target);
      if (ts.isBlock(parent)) return this.afterBlock(parent, target);
      return this.afterClause(parent, target);
    }
    if (ts.isIfStatement(parent) || ts.isLabeledStatement(parent)) return this.after(parent, target);
    // A loop body loops back; a function body or the file ends the walk.
    return undefined;
  }

  /** Leaving a block normally. */
  private afterBlock(block: ts.Block, target: ts.Block | undefined): Route {
    const { ts } = this;
    if (block === this.boundary) return undefined;
    const parent = block.parent;
    if (ts.isTryStatement(parent)) {
      if (parent.tryBlock === block && parent.finallyBlock) return this.enterFinally(parent.finallyBlock, target);
      return this.after(parent, target);
    }
    if (ts.isCatchClause(parent)) {
      const tryStatement = parent.parent;
      return tryStatement.finallyBlock ? this.enterFinally(tryStatement.finallyBlock, target) : this.after(tryStatement, target);
    }
    if (isFunctionBoundary(ts, parent)) return undefined;
    return this.after(block, target);
  }

  private enterFinally(block: ts.Block, target: ts.Block | undefined): Route {
    return block === target ? 'finally' : this.start(block, target);
  }

  /** Falling through the end of a case clause into the next one, or out of the switch. */
  private afterClause(clause: ts.CaseOrDefaultClause, target: ts.Block | undefined): Route {
    const clauses = clause.parent.clauses;
    const next = clauses[clauses.indexOf(clause) + 1];
    return next ? this.startClause(next, target) : this.after(clause.parent.parent, target);
  }

  private startClause(clause: ts.CaseOrDefaultClause, target: ts.Block | undefined): Route {
    const first = clause.statements[0];
    return first ? this.start(first, target) : this.afterClause(clause, target);
  }

  /** After the last case test fails: into `default`, or out of the switch. */
  private noMatch(clause: ts.CaseClause, target: ts.Block | undefined): Route {
    const { ts } = this;
    const clauses = clause.parent.clauses;
    // A later case test is evaluated next (a node of its own).
    if (clauses.slice(clauses.indexOf(clause) + 1).some((candidate) => ts.isCaseClause(candidate))) return undefined;
    const fallback = clauses.find((candidate) => ts.isDefaultClause(candidate));
    return fallback ? this.startClause(fallback, target) : this.after(clause.parent.parent, target);
  }
}
