/**
 * Running an analysis over every function body of a file, each on its own: a body the engine cannot
 * model (too large, too deep, a `with` statement, anything unexpected) yields no findings, and the
 * rest of the file is still analysed. Graphs are cached per function node.
 */
import type * as ts from 'typescript';
import { buildCfg } from '../cfg/build.js';
import type { Cfg } from '../cfg/graph.js';
import type { Ts } from '../host.js';
import { getFileIndex } from '../lifecycle/file-index.js';
import type { FunctionWithBody } from '../lifecycle/syntax.js';

const graphs = new WeakMap<ts.Node, Cfg>();

/** The control-flow graph of a function body, built once. */
export function getCfg(ts: Ts, fn: FunctionWithBody): Cfg {
  let cfg = graphs.get(fn);
  if (!cfg) {
    cfg = buildCfg(ts, fn);
    graphs.set(fn, cfg);
  }
  return cfg;
}

/** Calls `analyse` on every function with a body, collecting results; a function that fails is skipped. */
export function collectPerFunction<T>(ts: Ts, sourceFile: ts.SourceFile, analyse: (fn: FunctionWithBody) => T[]): T[] {
  const results: T[] = [];
  for (const node of getFileIndex(ts, sourceFile).functions) {
    try {
      for (const result of analyse(node)) results.push(result);
    } catch (error) {
      if (process.env['CLOSEWAIT_DEBUG']) {
        const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
        console.error(`closewait: gave up on the function at ${sourceFile.fileName}:${line + 1}:`, error);
      }
    }
  }
  return results;
}
