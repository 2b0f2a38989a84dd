/**
 * getJumpsOfEdge against the syntax: in each snippet, every edge that leaves the loop labeled `L`
 * (or the first loop) must be attributed to a jump, and the attributed jumps must be exactly the
 * statements marked `// leaves`, which in turn must be exactly the jumps that leave the loop by
 * the language's rules (a `return`; a `break`/`continue` whose target is the loop or outside it; a
 * `throw` not inside the `try` block of a `try…catch` within the loop). No type information: the
 * graph and the attribution are syntactic.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildCfg } from '../../../src/engine/cfg/build.js';
import type { Cfg } from '../../../src/engine/cfg/graph.js';
import { getJumpTarget, getJumpsOfEdge } from '../../../src/engine/accept-loops/jumps.js';
import { getModuleBody } from '../../../src/engine/accept-loops/module-body.js';
import { isFunctionWithBody, isWithin, type FunctionWithBody } from '../../../src/engine/lifecycle/syntax.js';

type Jump = ts.BreakStatement | ts.ContinueStatement | ts.ReturnStatement | ts.ThrowStatement;

const snippets: Record<string, string> = {
  'if and else': `
function f(xs: number[]) {
  for (const x of xs) {
    if (x > 1) break; // leaves
    else if (x < 0) return; // leaves
    else continue;
  }
  g();
}`,
  'conditions with && || ! and parentheses': `
function f(xs: number[], a: boolean, b: boolean) {
  for (const x of xs) {
    if (a && !b) break; // leaves
    if (!(a || b)) return; // leaves
    if (a && x) {
      g();
    } else {
      break; // leaves
    }
    if (b || g()) continue;
    break; // leaves
  }
  g();
}`,
  'jumps after calls and declarations': `
function f(xs: number[]) {
  for (const x of xs) {
    g(x);
    const y = x + 1;
    if (y) {
      g(y);
      break; // leaves
    }
    h?.(x);
    break; // leaves
  }
}`,
  'first statement of the body': `
function f(xs: number[]) {
  while (xs.length) break; // leaves
  for (;;) {
    return; // leaves
  }
}`,
  'labeled breaks and continues from inner loops': `
function f(rows: number[][]) {
  L: for (const row of rows) {
    for (const cell of row) {
      if (cell === 0) break L; // leaves
      if (cell === 1) continue L;
      if (cell === 2) break;
      if (cell === 3) continue;
    }
    let i = 0;
    while (i < 3) {
      i += 1;
      if (i === 2) break L; // leaves
    }
    do {
      if (i) break;
    } while (i--);
  }
}`,
  'continue to an outer loop': `
function f(rows: number[][]) {
  outer: for (const row of rows) {
    L: for (const cell of row) {
      if (cell) continue outer; // leaves
      if (!cell) continue L;
    }
  }
}`,
  'switch with fall-through and default in the middle': `
function f(xs: string[]) {
  for (const x of xs) {
    switch (x) {
      case 'a':
        g();
      case 'b':
        break;
      default:
        return; // leaves
      case 'c':
        break;
      case 'd':
        g();
        break; // (the switch)
    }
    switch (x.length) {
      case 1:
      case 2:
        continue;
      case 3:
        break;
    }
    break; // leaves
  }
}`,
  'a break of an inner switch out of a block scope, then a break of the loop': `
function f(xs: number[]) {
  for (const x of xs) {
    switch (x) {
      case 1: {
        const y = x;
        g(y);
        break;
      }
    }
    break; // leaves
  }
}`,
  'a break of an inner loop through a finally, then a break of the loop': `
function f(xs: number[]) {
  for (const x of xs) {
    for (;;) {
      try {
        if (x) break;
      } finally {
        g();
      }
    }
    break; // leaves
  }
}`,
  'labeled blocks': `
function f(xs: number[]) {
  for (const x of xs) {
    check: {
      if (x) break check;
      g();
    }
    block: {
      if (x > 1) break; // leaves
    }
  }
}`,
  'throws caught inside the loop or not': `
function f(xs: number[]) {
  for (const x of xs) {
    try {
      if (x) throw new Error('caught');
      g();
    } catch (error) {
      if (error) throw error; // leaves
    }
    try {
      throw new Error('no catch'); // leaves
    } finally {
      g();
    }
  }
}`,
  'jumps through finally blocks inside the loop': `
function f(xs: number[]) {
  for (const x of xs) {
    try {
      if (x === 1) break; // leaves
      if (x === 2) continue;
      if (x === 3) return; // leaves
      if (x === 4) return x; // leaves
      g();
    } finally {
      g();
      h();
    }
  }
  g();
}`,
  'nested finally blocks': `
function f(xs: number[]) {
  for (const x of xs) {
    try {
      try {
        if (x) break; // leaves
        g();
      } finally {
        h();
      }
      if (!x) continue;
    } finally {
      g();
    }
  }
  g();
}`,
  'a break in a catch with finally, and an empty finally': `
function f(xs: number[]) {
  for (const x of xs) {
    try {
      g(x);
    } catch {
      break; // leaves
    } finally {
      h();
    }
    try {
      if (x) break; // leaves
    } finally {
    }
  }
  g();
}`,
  'jumps inside finally': `
function f(xs: number[]) {
  for (const x of xs) {
    try {
      g(x);
    } finally {
      if (x) break; // leaves
    }
  }
  g();
}`,
  'jumps through a finally outside the loop': `
function f(xs: number[]) {
  try {
    L: for (const x of xs) {
      if (x === 1) break; // leaves
      if (x === 2) return; // leaves
      if (x === 3) throw new Error('x'); // leaves
    }
    g();
  } finally {
    h();
  }
}`,
  'caught outside the loop': `
function f(xs: number[]) {
  try {
    L: for (const x of xs) {
      if (x) throw new Error('caught outside'); // leaves
      g(x);
    }
  } catch {
    h();
  }
}`,
  'block-scoped bindings': `
function f(xs: number[]) {
  for (const x of xs) {
    const y = x * 2;
    {
      let z = y;
      if (z) break; // leaves
      z += 1;
      if (z > 2) continue;
    }
    if (y) break; // leaves
  }
  g();
}`,
  'optional chains, ?? and ternaries before the jump': `
function f(xs: (number | undefined)[], o?: { m(): void }) {
  for (const x of xs) {
    o?.m();
    if (x) break; // leaves
    x ?? g();
    x ? g() : h();
    const y = x ?? 0;
    if (y) return; // leaves
  }
  g();
}`,
  'while, do and for loops as the boundary': `
function f(n: number) {
  L: while (n > 0) {
    n -= 1;
    if (n === 5) break; // leaves
  }
  g();
}`,
  'a do loop as the boundary': `
function f(n: number) {
  L: do {
    if (n === 5) break; // leaves
    if (n === 6) continue;
  } while (--n);
  g();
}`,
  'a for loop with an update as the boundary': `
function f(n: number) {
  L: for (let i = 0; i < n; i = next(i)) {
    if (i === 5) break; // leaves
    if (i === 6) continue;
  }
  g();
}`,
  'a body that starts with a jump and an inner loop that ends onto one': `
function f(xs: number[], ys: number[]) {
  L: for (const x of xs) {
    for (const y of ys) {
      break L; // leaves
    }
    break; // leaves
  }
  g();
}`,
  'nested functions and classes are other bodies': `
function f(xs: number[]) {
  for (const x of xs) {
    const cb = () => {
      return x;
    };
    function inner() {
      for (;;) break;
    }
    class C {
      m() {
        return 1;
      }
    }
    g(cb, inner, C);
    if (x) break; // leaves
  }
  g();
}`,
};

const moduleSnippet = `
const xs = [1, 2, 3];
for (const x of xs) {
  if (x === 2) break; // leaves
  if (x === 3) throw new Error('x'); // leaves
}
g();
export {};
`;

function parse(text: string): ts.SourceFile {
  return ts.createSourceFile('snippet.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function findBoundary(root: ts.Node): ts.IterationStatement {
  let labeled: ts.IterationStatement | undefined;
  let first: ts.IterationStatement | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isLabeledStatement(node) && node.label.text === 'L' && ts.isIterationStatement(node.statement, false)) {
      labeled ??= node.statement;
    }
    if (ts.isIterationStatement(node, false)) first ??= node;
    ts.forEachChild(node, visit);
  };
  visit(root);
  return (labeled ?? first)!;
}

function isJump(node: ts.Node): node is Jump {
  return ts.isBreakStatement(node) || ts.isContinueStatement(node) || ts.isReturnStatement(node) || ts.isThrowStatement(node);
}

/** Jumps of the loop body, nested functions and classes aside. */
function getJumps(loop: ts.IterationStatement): Jump[] {
  const jumps: Jump[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionWithBody(ts, node) || ts.isClassLike(node)) return;
    if (isJump(node)) jumps.push(node);
    ts.forEachChild(node, visit);
  };
  visit(loop.statement);
  return jumps;
}

/** The language's answer: does this jump leave the loop? */
function leavesBySyntax(jump: Jump, loop: ts.IterationStatement): boolean {
  if (ts.isReturnStatement(jump)) return true;
  if (ts.isThrowStatement(jump)) {
    for (let node: ts.Node = jump; node !== loop; node = node.parent) {
      const parent = node.parent;
      if (ts.isTryStatement(parent) && parent.tryBlock === node && parent.catchClause) return false;
    }
    return true;
  }
  const target = getJumpTarget(ts, jump);
  if (target === undefined) return false;
  // A break of the loop leaves it; a continue of the loop goes on with it.
  return ts.isBreakStatement(jump) ? target === loop || !isWithin(target, loop.statement) : !isWithin(target, loop);
}

function isMarkedLeaving(jump: Jump): boolean {
  const sourceFile = jump.getSourceFile();
  const line = sourceFile.getLineAndCharacterOfPosition(jump.getStart(sourceFile)).line;
  return sourceFile.text.split('\n')[line]!.includes('// leaves');
}

/** The jumps that the graph's edges out of the loop are attributed to (and the return/throw exits inside it). */
function getAttributedJumps(cfg: Cfg, loop: ts.IterationStatement): Set<Jump> {
  const attributed = new Set<Jump>();
  const isInLoop = (ast: ts.Node): boolean => ast !== cfg.fn && isWithin(ast, loop);
  for (const node of cfg.nodes) {
    if (node.kind === 'entry' || node.kind === 'exit' || !isInLoop(node.ast)) continue;
    for (const edge of node.next) {
      const to = edge.to;
      if (to.kind === 'exit' && (to.exitKind === 'return' || to.exitKind === 'throw') && isInLoop(to.ast)) {
        attributed.add(to.ast as Jump);
        continue;
      }
      if (edge.kind === 'exception' || (to.kind !== 'exit' && isInLoop(to.ast))) continue;
      for (const jump of getJumpsOfEdge(ts, cfg, node, edge, loop)) attributed.add(jump);
    }
  }
  return attributed;
}

const describeJumps = (jumps: Iterable<Jump>): string[] =>
  [...jumps]
    .map((jump) => {
      const sourceFile = jump.getSourceFile();
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(jump.getStart(sourceFile));
      return `${line + 1}:${character + 1} ${jump.getText(sourceFile).replace(/\s+/g, ' ')}`;
    })
    .sort();

function checkBody(fn: FunctionWithBody, cfg: Cfg): void {
  const loop = findBoundary(fn.body);
  const jumps = getJumps(loop);
  const marked = jumps.filter(isMarkedLeaving);
  expect(marked.length).toBeGreaterThan(0);
  expect(describeJumps(jumps.filter((jump) => leavesBySyntax(jump, loop))), 'the // leaves marks').toEqual(describeJumps(marked));
  expect(describeJumps(getAttributedJumps(cfg, loop)), 'the attributed jumps').toEqual(describeJumps(marked));
}

describe('getJumpsOfEdge', () => {
  it.each(Object.entries(snippets))('%s', (_name, text) => {
    const sourceFile = parse(text);
    const fn = sourceFile.statements.find((statement): statement is ts.FunctionDeclaration => ts.isFunctionDeclaration(statement))!;
    checkBody(fn as FunctionWithBody, buildCfg(ts, fn));
  });

  it('attributes the jumps of a loop at module top level', () => {
    const sourceFile = parse(moduleSnippet);
    const body = getModuleBody(ts, sourceFile);
    checkBody(body, buildCfg(ts, body));
  });
});
