/**
 * Structural properties of the graphs buildCfg makes (the fixtures pin exact graphs; these pin
 * what must hold for every graph), and how the builder and the engine give up on code they will
 * not model: a `with` statement, nesting past the depth limit, a body past the node budget.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildCfg } from '../../../src/engine/cfg/build.js';
import { UnsupportedCodeError, type Cfg, type CfgNode } from '../../../src/engine/cfg/graph.js';
import { getCheckFindings } from '../../../src/engine/index.js';
import { isFunctionWithBody } from '../../../src/engine/lifecycle/syntax.js';
import { getOutermostFunctions, listCfgFixtures, parseSource, readCfgFixture } from './cfg-fixtures.js';
import { createVirtualProgram } from '../lifecycle/virtual-program.js';

/** The graph of the only outermost function in `code`. */
function graphOf(code: string): { cfg: Cfg; sourceFile: ts.SourceFile } {
  const sourceFile = parseSource('test.ts', code);
  const [fn] = getOutermostFunctions(sourceFile);
  if (!fn) throw new Error('no function in the code');
  return { cfg: buildCfg(ts, fn), sourceFile };
}

function reachableFrom(start: CfgNode): Set<CfgNode> {
  const seen = new Set<CfgNode>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const edge of queue.pop()!.next) {
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}

/** Statements of `kind` in the body of `fn`, not in nested functions. */
function statementsOf<T extends ts.Node>(fn: ts.Node, is: (node: ts.Node) => node is T): T[] {
  const found: T[] = [];
  const visit = (node: ts.Node): void => {
    if (is(node)) found.push(node);
    if (!isFunctionWithBody(ts, node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return found;
}

function isInFinallyBlock(node: ts.Node): boolean {
  for (let current = node; current.parent && !isFunctionWithBody(ts, current); current = current.parent) {
    if (ts.isTryStatement(current.parent) && current.parent.finallyBlock === current) return true;
  }
  return false;
}

function isCallTo(name: string) {
  return (node: CfgNode): boolean =>
    node.kind === 'element' && ts.isCallExpression(node.ast) && node.ast.expression.getText() === name;
}

/** Fixtures whose graph has nodes entry cannot reach: code after a `return`. */
const withDeadCode = new Set(['return--unreachable-code-1.ts']);

describe('every fixture graph', () => {
  for (const name of listCfgFixtures()) {
    it(name, () => {
      const fixture = readCfgFixture(name);
      const cfg = buildCfg(ts, fixture.fn);
      const { nodes } = cfg;

      // Ids are positions; edges stay inside the graph; the entry comes first.
      nodes.forEach((node, index) => expect(node.id).toBe(index));
      expect(cfg.entry).toBe(nodes[0]);
      for (const node of nodes) for (const edge of node.next) expect(nodes[edge.to.id]).toBe(edge.to);

      // Exits end paths; every other node leads somewhere.
      for (const node of nodes) {
        if (node.kind === 'exit') expect(node.next).toEqual([]);
        else expect(node.next.length).toBeGreaterThan(0);
      }

      // A test on exactly the edges that carry an outcome; exception edges leave calls, `new`, `await`, `yield`, loop heads.
      for (const node of nodes) {
        for (const edge of node.next) {
          expect(edge.test !== undefined).toBe(['true', 'false', 'nullish', 'present'].includes(edge.kind));
          if (edge.kind === 'exception') {
            expect(node.kind).toBe('element');
            expect(
              ts.isCallExpression(node.ast) ||
                ts.isNewExpression(node.ast) ||
                ts.isAwaitExpression(node.ast) ||
                ts.isYieldExpression(node.ast) ||
                ts.isForOfStatement(node.ast) ||
                ts.isForInStatement(node.ast),
            ).toBe(true);
          }
        }
      }

      // nodesByAst lists every node under its AST node.
      const listed = [...cfg.nodesByAst.values()].flat();
      expect(new Set(listed)).toEqual(new Set(nodes));

      // One exit per `return` statement, one per copy for a `return` inside a `finally` block; at most one fall-off end.
      const returns = statementsOf(fixture.fn, ts.isReturnStatement);
      const returnExits = nodes.filter((node) => node.kind === 'exit' && node.exitKind === 'return');
      expect(new Set(returnExits.map((node) => node.ast))).toEqual(new Set(returns));
      for (const statement of returns) {
        const exits = returnExits.filter((node) => node.ast === statement).length;
        if (!isInFinallyBlock(statement)) expect(exits).toBe(1);
      }
      expect(nodes.filter((node) => node.exitKind === 'end').length).toBeLessThanOrEqual(1);
      expect(nodes.filter((node) => node.exitKind === 'implicit-throw').length).toBeLessThanOrEqual(1);
      for (const node of nodes) if (node.exitKind === 'throw') expect(ts.isThrowStatement(node.ast)).toBe(true);

      // Nothing inside a nested function is a node of this graph.
      const nested = statementsOf(fixture.fn, (node): node is ts.Node => isFunctionWithBody(ts, node));
      for (const node of nodes) {
        for (const inner of nested) {
          const inside = node.ast.pos >= inner.pos && node.ast.end <= inner.end && node.ast !== inner;
          expect(inside).toBe(false);
        }
      }

      if (!withDeadCode.has(name)) expect(reachableFrom(cfg.entry).size).toBe(nodes.length);
    });
  }
});

describe('buildCfg', () => {
  it('reaches every node from entry except the code after a return', () => {
    const { cfg } = graphOf(`function f(a: boolean) {
      if (a) {
        return 1;
        dead();
      }
      live();
      return 2;
      alsoDead();
    }`);
    const reachable = reachableFrom(cfg.entry);
    const unreachable = cfg.nodes.filter((node) => !reachable.has(node));
    expect(unreachable.map((node) => (node.kind === 'element' ? node.ast.getText() : node.kind))).toEqual([
      'dead()',
      'alsoDead()',
      'exit',
    ]);
    expect(cfg.nodes.filter(isCallTo('live')).every((node) => reachable.has(node))).toBe(true);
  });

  it('makes one exit per return statement and one for falling off the end', () => {
    const { cfg, sourceFile } = graphOf(`function f(a: boolean, b: boolean) {
      if (a) return 1;
      try {
        if (b) return 2;
        g();
      } finally {
        cleanup();
      }
      if (b) return 3;
    }`);
    const exits = cfg.nodes.filter((node) => node.kind === 'exit');
    const describe = (node: CfgNode): string =>
      `${node.exitKind}:${sourceFile.getLineAndCharacterOfPosition(node.ast.getStart(sourceFile)).line + 1}`;
    expect(exits.map(describe)).toEqual(['return:2', 'return:4', 'implicit-throw:1', 'return:9', 'end:1']);
  });

  it('copies a finally block once per abrupt path, each going where its jump was going', () => {
    const { cfg } = graphOf(`function f(xs: number[], a: boolean, b: boolean, c: boolean) {
      for (const x of xs) {
        try {
          if (a) return 1;
          if (b) break;
          if (x) continue;
          if (c) throw new Error('c');
          g();
        } finally {
          cleanup();
        }
      }
      after();
    }`);
    const copies = cfg.nodes.filter(isCallTo('cleanup'));
    // return, break, continue, throw, normal completion, exception (from g() and new Error()).
    expect(copies).toHaveLength(6);
    const head = cfg.nodes.find((node) => node.kind === 'element' && ts.isForOfStatement(node.ast))!;
    const after = cfg.nodes.find(isCallTo('after'))!;
    const targets = copies.map((copy) => {
      expect(copy.next).toHaveLength(1);
      const to = copy.next[0]!.to;
      if (to === head) return 'loop head';
      if (to === after) return 'after the loop';
      return to.kind === 'exit' ? `exit:${to.exitKind}` : `${to.kind}`;
    });
    expect(targets.sort()).toEqual(['after the loop', 'exit:implicit-throw', 'exit:return', 'exit:throw', 'loop head', 'loop head']);
    // Every way into a copy comes from inside the try block.
    const g = cfg.nodes.find(isCallTo('g'))!;
    expect(g.next.map((edge) => edge.kind).sort()).toEqual(['exception', 'normal']);
  });

  it('runs the finally copies of nested try statements inside out before a return exits', () => {
    const { cfg } = graphOf(`function f() {
      try {
        try {
          return 1;
        } finally {
          inner();
        }
      } finally {
        outer();
      }
    }`);
    const exit = cfg.nodes.find((node) => node.exitKind === 'return')!;
    // The only path from entry to the return's exit: return-value, inner(), outer(), exit.
    const path: string[] = [];
    for (let node: CfgNode = cfg.entry; node !== exit; ) {
      const normal = node.next.filter((edge) => edge.kind === 'normal');
      expect(normal).toHaveLength(1);
      node = normal[0]!.to;
      path.push(node.kind === 'element' ? node.ast.getText() : node.kind);
    }
    expect(path).toEqual(['return-value', 'inner()', 'outer()', 'exit']);
  });

  it('treats a nested function as one element and does not descend into it', () => {
    const { cfg } = graphOf(`function f(s: { end(): void }) {
      const later = () => {
        if (Math.random()) return s.end();
        throw new Error('x');
      };
      return later;
    }`);
    expect(cfg.nodes.map((node) => node.kind)).toEqual(['entry', 'element', 'element', 'return-value', 'exit']);
    expect(ts.isArrowFunction(cfg.nodes[1]!.ast)).toBe(true);
  });

  it('refuses a with statement', () => {
    expect(() => graphOf(`function f(o: any) { with (o) { g(); } }`)).toThrow(UnsupportedCodeError);
  });

  it('refuses code nested deeper than its limit', () => {
    // A left-deep chain: TypeScript parses it without recursion, the builder descends 3000 levels.
    const code = `function f(a: number) {\n  return g(${Array(3_000).fill('a').join(' + ')});\n}`;
    expect(() => graphOf(code)).toThrow(UnsupportedCodeError);
    // Nested blocks count too, while TypeScript can still parse them.
    const blocks = 1_000;
    expect(() => graphOf(`function f() {\n${'{ if (a) '.repeat(blocks)} g(); ${'}'.repeat(blocks)}\n}`)).toThrow(UnsupportedCodeError);
  });

  it('refuses a body larger than its node budget', () => {
    const code = `function f() {\n${'g();\n'.repeat(60_000)}}`;
    expect(() => graphOf(code)).toThrow(UnsupportedCodeError);
  });

  it('gives up, rather than explode, on finally blocks nested in finally blocks', () => {
    // Each level doubles the copies of the levels inside it: 2^24 copies of the innermost.
    let body = 'a();';
    for (let level = 0; level < 24; level++) body = `try { a(); } finally { ${body} }`;
    expect(() => graphOf(`function f() { ${body} }`)).toThrow(UnsupportedCodeError);
  });
});

describe('the engine on functions the builder refuses', () => {
  const header = "import * as net from 'node:net';\n";
  const leaky = `export function leaky() {\n  const s = net.connect(80);\n  s.write('x');\n}\n`;
  // The same functions within the limits: each leaks its socket, so an empty result above means "gave up".
  const accepted: Record<string, string> = {
    'without with': `export function accepted(o: any) {\n  const s = net.connect(80);\n  g(o);\n}\n`,
    shallow: `export function accepted(a: number) {\n  const s = net.connect(80);\n  s.write(String(${Array(100).fill('a').join(' + ')}));\n}\n`,
    small: `export function accepted() {\n  const s = net.connect(80);\n  let n = 0;\n${'  n += 1;\n'.repeat(1_000)}}\n`,
  };
  const refused: Record<string, string> = {
    with: `export function refused(o: any) {\n  const s = net.connect(80);\n  with (o) { g(); }\n}\n`,
    deep: `export function refused(a: number) {\n  const s = net.connect(80);\n  s.write(String(${Array(3_000).fill('a').join(' + ')}));\n}\n`,
    huge: `export function refused() {\n  const s = net.connect(80);\n  let n = 0;\n${'  n += 1;\n'.repeat(60_000)}}\n`,
  };

  const { program, host, fileNames } = createVirtualProgram(
    new Map(
      [
        ...Object.entries(refused).flatMap(([name, code]) => [
          [`refused-${name}.ts`, header + code],
          [`refused-${name}-and-leaky.ts`, header + code + leaky],
        ]),
        ...Object.entries(accepted).map(([name, code]) => [`accepted-${name}.ts`, header + code]),
      ] as [string, string][],
    ),
  );
  const findingsOf = (name: string): string[] => {
    const sourceFile = program.getSourceFile(fileNames.find((fileName) => fileName.endsWith(`/${name}`))!)!;
    return getCheckFindings('no-leaked-socket', sourceFile, host, {}).map(
      (finding) => `${finding.messageId}:${sourceFile.getLineAndCharacterOfPosition(finding.node.getStart(sourceFile)).line + 1}`,
    );
  };

  it('reports the same kind of functions within the limits', () => {
    for (const name of Object.keys(accepted)) expect(findingsOf(`accepted-${name}.ts`), name).toEqual(['leakAtEnd:3']);
  });

  for (const name of Object.keys(refused)) {
    it(`returns no findings for a ${name} function, and still analyses the rest of the file`, () => {
      expect(findingsOf(`refused-${name}.ts`)).toEqual([]);
      const leakyLine = (header + refused[name]!).split('\n').length + 1;
      expect(findingsOf(`refused-${name}-and-leaky.ts`)).toEqual([`leakAtEnd:${leakyLine}`]);
    });
  }
});
