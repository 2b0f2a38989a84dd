/**
 * Text and Graphviz forms of a control-flow graph (see graph.ts), for tests and debugging.
 *
 * `formatCfg` prints one line per node in id order: the id, the node kind (`exit:<exitKind>` for
 * exits), a short label of its AST node, and its outgoing edges in order:
 *
 *   0 entry f L1 -> 1
 *   1 element call net.connect(80) -> 2
 *   2 element decl s -> 3 (true: a), 5 (false: a)
 *   3 element call s.end() -> 4, 6 (exception)
 *   4 scope-end Block L3 via continue L5 -> 1
 *   5 exit:return L7
 *
 * Elements and returned values are labelled by their source text (`call …` for calls, `decl x` for
 * declarations, `assign …`, `closure …`, `for-of x of xs` for a loop head); joins, scope ends, exits
 * and the entry by the line where their construct starts (`exit:end` by the function's last line).
 * Edges show their kind and tested expression unless `normal`. The format is stable: the CFG
 * fixtures under test/fixtures/cfg hold it verbatim.
 *
 * `toDot` renders the same graph in Graphviz DOT. To look at the graphs of every CFG fixture:
 *
 *   CLOSEWAIT_DEBUG_CFG=/tmp/cfg npx vitest run test/engine/cfg/fixtures.test.ts
 *   for f in /tmp/cfg/*.dot; do dot -Tsvg "$f" -o "${f%.dot}.svg"; done
 *
 * (the test writes `<fixture>.dot` into that directory). Pure: nothing here touches the file system,
 * and `ts` is handed in like everywhere in the engine.
 */
import type * as ts from 'typescript';
import type { Ts } from '../host.js';
import type { Cfg, CfgEdge, CfgNode } from './graph.js';

const MAX_TEXT = 48;

/** The graph as text: one line per node, `id kind label -> edges`. */
export function formatCfg(ts: Ts, cfg: Cfg, sourceFile: ts.SourceFile): string {
  return cfg.nodes
    .map((node) => {
      const edges = node.next.map((edge) => formatEdge(edge, sourceFile)).join(', ');
      const head = `${node.id} ${describeNode(ts, node, sourceFile)}`;
      return edges ? `${head} -> ${edges}` : head;
    })
    .join('\n');
}

/** The graph in Graphviz DOT: boxes for elements, ellipses for the rest, dashed exception edges. */
export function toDot(ts: Ts, cfg: Cfg, sourceFile: ts.SourceFile): string {
  const lines = [`digraph ${quote(getFunctionName(ts, cfg.fn, sourceFile))} {`, '  node [fontname="monospace", fontsize=10];'];
  for (const node of cfg.nodes) {
    const shape = node.kind === 'element' || node.kind === 'return-value' ? 'box' : node.kind === 'exit' ? 'doubleoctagon' : 'ellipse';
    lines.push(`  n${node.id} [shape=${shape}, label=${quote(`${node.id} ${describeNode(ts, node, sourceFile)}`)}];`);
  }
  for (const node of cfg.nodes) {
    for (const edge of node.next) {
      const attributes: string[] = [];
      if (edge.kind !== 'normal') attributes.push(`label=${quote(formatEdgeLabel(edge, sourceFile))}`);
      if (edge.kind === 'exception') attributes.push('style=dashed', 'color=red');
      lines.push(`  n${node.id} -> n${edge.to.id}${attributes.length > 0 ? ` [${attributes.join(', ')}]` : ''};`);
    }
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function formatEdge(edge: CfgEdge, sourceFile: ts.SourceFile): string {
  return edge.kind === 'normal' ? `${edge.to.id}` : `${edge.to.id} (${formatEdgeLabel(edge, sourceFile)})`;
}

function formatEdgeLabel(edge: CfgEdge, sourceFile: ts.SourceFile): string {
  return edge.test ? `${edge.kind}: ${textOf(edge.test, sourceFile)}` : edge.kind;
}

/** `kind label` of one node, e.g. `element call s.end()` or `exit:return L5`. */
function describeNode(ts: Ts, node: CfgNode, sourceFile: ts.SourceFile): string {
  switch (node.kind) {
    case 'entry':
      return `entry ${getFunctionName(ts, node.ast, sourceFile)} L${startLine(node.ast, sourceFile)}`;
    case 'element':
      return `element ${describeElement(ts, node.ast, sourceFile)}`;
    case 'return-value':
      return `return-value ${textOf(node.ast, sourceFile)}`;
    case 'join':
      return `join ${describeConstruct(ts, node.ast, sourceFile)} L${startLine(node.ast, sourceFile)}`;
    case 'scope-end': {
      const block = `scope-end ${ts.SyntaxKind[node.ast.kind]} L${startLine(node.ast, sourceFile)}`;
      return node.via ? `${block} via ${textOf(node.via, sourceFile)} L${startLine(node.via, sourceFile)}` : block;
    }
    case 'exit': {
      const kind = node.exitKind ?? 'end';
      if (kind === 'implicit-throw') return 'exit:implicit-throw';
      const line = kind === 'end' ? endLine(node.ast, sourceFile) : startLine(node.ast, sourceFile);
      return `exit:${kind} L${line}`;
    }
  }
}

function describeElement(ts: Ts, ast: ts.Node, sourceFile: ts.SourceFile): string {
  if (ts.isCallExpression(ast)) return `call ${textOf(ast, sourceFile)}`;
  if (ts.isVariableDeclaration(ast)) return `decl ${textOf(ast.name, sourceFile)}`;
  if (ts.isBinaryExpression(ast)) return `assign ${textOf(ast, sourceFile)}`;
  if (ts.isObjectLiteralExpression(ast)) return `object ${textOf(ast, sourceFile)}`;
  if (ts.isArrayLiteralExpression(ast)) return `array ${textOf(ast, sourceFile)}`;
  if (ts.isTaggedTemplateExpression(ast)) return `tagged ${textOf(ast, sourceFile)}`;
  if (ts.isFunctionExpression(ast) || ts.isArrowFunction(ast) || ts.isClassExpression(ast)) {
    return `closure ${textOf(ast, sourceFile)}`;
  }
  if (ts.isForOfStatement(ast)) {
    const keyword = ast.awaitModifier ? 'for-await-of' : 'for-of';
    return `${keyword} ${textOf(ast.initializer, sourceFile)} of ${textOf(ast.expression, sourceFile)}`;
  }
  if (ts.isForInStatement(ast)) return `for-in ${textOf(ast.initializer, sourceFile)} in ${textOf(ast.expression, sourceFile)}`;
  // `new …`, `await …`, `yield …`, `throw …` start with their own keyword.
  if (ts.isNewExpression(ast) || ts.isAwaitExpression(ast) || ts.isYieldExpression(ast) || ts.isThrowStatement(ast)) {
    return textOf(ast, sourceFile);
  }
  return `${ts.SyntaxKind[ast.kind]} ${textOf(ast, sourceFile)}`;
}

/** A join's construct: the loop keyword, `catch`, `case x`/`default`, or the expression it follows. */
function describeConstruct(ts: Ts, ast: ts.Node, sourceFile: ts.SourceFile): string {
  if (ts.isWhileStatement(ast)) return 'while';
  if (ts.isDoStatement(ast)) return 'do';
  if (ts.isForStatement(ast)) return 'for';
  if (ts.isCatchClause(ast)) return 'catch';
  if (ts.isCaseClause(ast)) return `case ${textOf(ast.expression, sourceFile)}`;
  if (ts.isDefaultClause(ast)) return 'default';
  if (ts.isExpression(ast)) return textOf(ast, sourceFile);
  return ts.SyntaxKind[ast.kind] ?? 'node';
}

function getFunctionName(ts: Ts, fn: ts.Node, sourceFile: ts.SourceFile): string {
  const name = (fn as { name?: ts.Node }).name;
  if (name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name))) return name.text;
  const parent = fn.parent as ts.Node | undefined;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  if (name) return textOf(name, sourceFile);
  return ts.isArrowFunction(fn) ? '(arrow)' : '(anonymous)';
}

/** Source text on one line, without a trailing `;`, shortened to MAX_TEXT characters. */
function textOf(node: ts.Node, sourceFile: ts.SourceFile): string {
  const flat = node.getText(sourceFile).replace(/\s+/g, ' ').replace(/;$/, '');
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 3)}...` : flat;
}

function startLine(node: ts.Node, sourceFile: ts.SourceFile): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

function endLine(node: ts.Node, sourceFile: ts.SourceFile): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
