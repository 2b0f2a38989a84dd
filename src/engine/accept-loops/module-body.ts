/**
 * A module's top-level statements as a function body, so that accept loops at top level (Deno's
 * canonical `for await (const conn of Deno.listen(…))` server, Node scripts with top-level
 * `await`) get a control-flow graph like any function's.
 *
 * cfg/build.ts builds graphs of function bodies only. The stand-in here is the SourceFile itself
 * behind a proxy that adds a `body` block holding the file's statements; its methods stay bound to
 * the real SourceFile, so positions, `getSourceFile()` and `isWithin` answer as for the file. The
 * graph's entry and `end` exit stand on the stand-in. (TODO(issue 4): a `buildCfg` that accepts a
 * SourceFile would make this unnecessary.)
 */
import type * as ts from 'typescript';
import { buildCfg } from '../cfg/build.js';
import type { Cfg } from '../cfg/graph.js';
import type { Ts } from '../host.js';
import type { FunctionWithBody } from '../lifecycle/syntax.js';

const bodies = new WeakMap<ts.SourceFile, FunctionWithBody>();
const graphs = new WeakMap<ts.SourceFile, Cfg>();

/** The stand-in function whose body is the file's top-level statements. */
export function getModuleBody(ts: Ts, sourceFile: ts.SourceFile): FunctionWithBody {
  let fn = bodies.get(sourceFile);
  if (!fn) {
    const body = { kind: ts.SyntaxKind.Block, statements: sourceFile.statements, pos: sourceFile.pos, end: sourceFile.end, parent: sourceFile, flags: 0 };
    fn = new Proxy(sourceFile, {
      get(target, property) {
        if (property === 'body') return body;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as unknown as FunctionWithBody;
    bodies.set(sourceFile, fn);
  }
  return fn;
}

/** The control-flow graph of the file's top-level statements, built once. */
export function getModuleCfg(ts: Ts, sourceFile: ts.SourceFile): Cfg {
  let cfg = graphs.get(sourceFile);
  if (!cfg) {
    cfg = buildCfg(ts, getModuleBody(ts, sourceFile));
    graphs.set(sourceFile, cfg);
  }
  return cfg;
}

/** Whether the file has a loop at top level (outside functions and classes): the cheap test before building its graph. */
export function hasTopLevelLoop(ts: Ts, sourceFile: ts.SourceFile): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isIterationStatement(node, false)) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}
