/**
 * The control-flow graph of one function body.
 *
 * Nodes are evaluation points in source order: `element` nodes are the AST nodes whose evaluation
 * can matter to a resource (calls, `new`, `await`, `yield`, assignments, declarations, literals,
 * closures, returned values); `join` nodes merge paths where no element does; `scope-end` nodes
 * mark a block whose `let`/`const` bindings die (on normal completion or on a `break`/`continue`);
 * `exit` nodes are where the function leaves: one per `return` and per escaping `throw`, one for
 * falling off the end, and one for exceptions the body does not throw itself (calls inside a `try`).
 *
 * Edges carry what is known on them: the outcome of a test (`true`/`false`, `nullish`/`present`
 * for `?.` and `??`), or `exception` for the edge from a call or `await` inside a `try` to its
 * handler. A `finally` block is copied onto every abrupt path through it, so each copy ends where
 * its own `return`/`throw`/`break` was going and every exit node knows which statement it ends.
 */
import type * as ts from 'typescript';

export type EdgeKind = 'normal' | 'true' | 'false' | 'nullish' | 'present' | 'exception';

export interface CfgEdge {
  readonly to: CfgNode;
  readonly kind: EdgeKind;
  /** The tested expression on `true`/`false`/`nullish`/`present` edges. */
  readonly test?: ts.Expression;
}

export type CfgNodeKind = 'entry' | 'element' | 'return-value' | 'join' | 'scope-end' | 'exit';

/** `implicit-throw`: an exception from a call leaves the function (not reported: every call can throw). */
export type ExitKind = 'return' | 'throw' | 'end' | 'implicit-throw';

export interface CfgNode {
  readonly id: number;
  readonly kind: CfgNodeKind;
  /**
   * entry and the `end`/`implicit-throw` exits: the function; element: the evaluated node;
   * return-value: the returned expression; scope-end: the block; exit: the `return`/`throw` statement.
   */
  readonly ast: ts.Node;
  readonly exitKind?: ExitKind;
  /** scope-end only: the `break`/`continue` that leaves the block (absent on normal completion). */
  readonly via?: ts.Node;
  readonly next: CfgEdge[];
}

export interface Cfg {
  readonly fn: ts.SignatureDeclaration;
  readonly entry: CfgNode;
  readonly nodes: readonly CfgNode[];
  /** Every node made for an AST node (a `finally` block has one per copy). */
  readonly nodesByAst: ReadonlyMap<ts.Node, readonly CfgNode[]>;
}

/** Thrown by the builder for code it will not model (a `with` statement, a graph over budget). */
export class UnsupportedCodeError extends Error {
  override readonly name = 'UnsupportedCodeError';
}
