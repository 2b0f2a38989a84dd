/** formatCfg and toDot on small graphs: labels, edge notation, DOT structure and escaping. */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildCfg } from '../../../src/engine/cfg/build.js';
import { formatCfg, toDot } from '../../../src/engine/cfg/format.js';
import { getOutermostFunctions, parseSource } from './cfg-fixtures.js';

function parse(code: string) {
  const sourceFile = parseSource('test.ts', code);
  const cfg = buildCfg(ts, getOutermostFunctions(sourceFile)[0]!);
  return { cfg, sourceFile };
}

describe('formatCfg', () => {
  it('labels each kind of node and shows edge kinds with their tests', () => {
    const { cfg, sourceFile } = parse(`class C {
  async m(xs: string[], o: { x?: number }) {
    for await (const x of xs) {
      const s = new Socket();
      if (!x) continue;
      o.x ??= s.end("done");
      try {
        yield2 = await next(() => 1);
      } catch (error) {
        throw error;
      }
    }
  }
}`);
    expect(formatCfg(ts, cfg, sourceFile)).toBe(
      [
        '0 entry m L2 -> 1',
        '1 element for-await-of const x of xs -> 2, 17',
        '2 element new Socket() -> 3',
        '3 element decl s -> 4 (false: x), 5 (true: x)',
        '4 scope-end Block L3 via continue L5 -> 1',
        '5 join o.x L6 -> 6 (nullish: o.x), 8 (present: o.x)',
        '6 element call s.end("done") -> 7',
        '7 element assign o.x ??= s.end("done") -> 8',
        '8 element closure () => 1 -> 9',
        '9 element call next(() => 1) -> 10, 12 (exception)',
        '10 element await next(() => 1) -> 11, 12 (exception)',
        '11 element assign yield2 = await next(() => 1) -> 16',
        // The catch clause is built right after its try block, before the loop body ends.
        '12 join catch L9 -> 13',
        '13 element decl error -> 14',
        '14 element throw error -> 15',
        '15 exit:throw L10',
        '16 scope-end Block L3 -> 1',
        '17 exit:end L13',
      ].join('\n'),
    );
  });

  it('shortens long source text', () => {
    const { cfg, sourceFile } = parse(`function f() {\n  someRatherLongFunctionName(argumentNumberOne, argumentNumberTwo);\n}`);
    expect(formatCfg(ts, cfg, sourceFile).split('\n')[1]).toBe('1 element call someRatherLongFunctionName(argumentNumberOne,... -> 2');
  });
});

describe('toDot', () => {
  it('writes one statement per node and per edge, dashed exception edges, escaped labels', () => {
    const { cfg, sourceFile } = parse(`function f(a: boolean) {\n  try {\n    if (a) g("say \\\\ \\"hi\\"");\n  } catch {}\n}`);
    const dot = toDot(ts, cfg, sourceFile);
    const edges = cfg.nodes.reduce((count, node) => count + node.next.length, 0);
    expect(dot.startsWith('digraph "f" {\n')).toBe(true);
    expect(dot.endsWith('}\n')).toBe(true);
    expect(dot.match(/^ {2}n\d+ \[shape=/gm)).toHaveLength(cfg.nodes.length);
    expect(dot.match(/^ {2}n\d+ -> n\d+/gm)).toHaveLength(edges);
    expect(dot).toContain('[label="exception", style=dashed, color=red]');
    expect(dot).toContain('label="1 element call g(\\"say \\\\\\\\ \\\\\\"hi\\\\\\"\\")"');
    expect(dot).toContain('n0 -> n1 [label="true: a"];');
  });
});
