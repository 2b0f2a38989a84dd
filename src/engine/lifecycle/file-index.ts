/**
 * One walk of a source file for every check: its functions with bodies, its calls and `new`s, its
 * classes, and for each function the nodes of its own body that the analyses look at. Every check
 * and every analysis reads these lists instead of walking the file again; they are kept with the
 * SourceFile, so the ESLint rules linting one file, and the CLI's rules, share one walk.
 *
 * "Its own body" is what forEachNodeInBody visits: the descendants of the body, not the insides of
 * nested functions or classes (which are visited themselves). A function whose expression body is
 * itself a function or a class (`() => () => x`) is left to forEachNodeInBody.
 */
import type * as ts from 'typescript';
import type { Ts } from '../host.js';
import { forEachNodeInBody, isFunctionWithBody, type FunctionWithBody } from './syntax.js';

export interface FileIndex {
  /** Functions with a body, in source order (an enclosing function before the ones it contains). */
  readonly functions: readonly FunctionWithBody[];
  /** Calls and `new`s, in source order, nested functions included. */
  readonly invocations: readonly (ts.CallExpression | ts.NewExpression)[];
  /** Classes (declarations and expressions), in source order. */
  readonly classes: readonly ts.ClassLikeDeclaration[];
}

/**
 * The nodes of a function's own body that analyses look at, in source order: calls, `new`s,
 * `for…of`, `while`, `do` and `for` statements, and `return`s.
 */
export type BodyNode =
  | ts.CallExpression
  | ts.NewExpression
  | ts.ForOfStatement
  | ts.WhileStatement
  | ts.DoStatement
  | ts.ForStatement
  | ts.ReturnStatement;

const files = new WeakMap<ts.SourceFile, FileIndex>();
/**
 * Each function's own-body nodes, keyed by the function: a function's SourceFile is found by
 * walking its parents, which a lookup per question would repeat for nothing.
 */
const bodies = new WeakMap<ts.Node, readonly BodyNode[]>();

/** The file's index, built on first use by one walk. */
export function getFileIndex(ts: Ts, sourceFile: ts.SourceFile): FileIndex {
  let index = files.get(sourceFile);
  if (!index) {
    index = buildIndex(ts, sourceFile);
    files.set(sourceFile, index);
  }
  return index;
}

/** The nodes of `fn`'s own body that analyses look at (see BodyNode), in source order. */
export function getBodyNodes(ts: Ts, fn: FunctionWithBody): readonly BodyNode[] {
  let nodes = bodies.get(fn);
  if (nodes) return nodes;
  // Not indexed yet: index its file, which gives every regular function of it its list.
  const sourceFile = fn.getSourceFile();
  if (!files.has(sourceFile)) {
    getFileIndex(ts, sourceFile);
    nodes = bodies.get(fn);
    if (nodes) return nodes;
  }
  // An irregular body (a function or class as an arrow's body), or a synthetic function.
  const found: BodyNode[] = [];
  forEachNodeInBody(ts, fn, (node) => {
    if (isBodyNode(ts, node)) found.push(node);
  });
  bodies.set(fn, found);
  return found;
}

function isBodyNode(ts: Ts, node: ts.Node): node is BodyNode {
  switch (node.kind) {
    case ts.SyntaxKind.CallExpression:
    case ts.SyntaxKind.NewExpression:
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.DoStatement:
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ReturnStatement:
      return true;
    default:
      return false;
  }
}

/** Walks the file once; fills `bodies` for its regular functions. */
function buildIndex(ts: Ts, sourceFile: ts.SourceFile): FileIndex {
  const functions: FunctionWithBody[] = [];
  const invocations: (ts.CallExpression | ts.NewExpression)[] = [];
  const classes: ts.ClassLikeDeclaration[] = [];
  const isInvocation = (node: ts.Node): node is ts.CallExpression | ts.NewExpression =>
    node.kind === ts.SyntaxKind.CallExpression || node.kind === ts.SyntaxKind.NewExpression;
  // A pre-order walk on an explicit stack (a file may nest deeper than the call stack allows). Each
  // entry carries `owner`, the own-body list of the innermost function whose body holds the node;
  // a `body` entry stands for a function's body itself, which is nobody's node but whose children
  // are the function's own.
  interface Entry {
    readonly node: ts.Node;
    readonly owner: BodyNode[] | undefined;
    readonly body?: true;
  }
  const stack: Entry[] = [];
  const pushChildren = (node: ts.Node, owner: BodyNode[] | undefined, bodyOf?: FunctionWithBody): void => {
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index--) {
      const child = children[index]!;
      stack.push(bodyOf && child === bodyOf.body ? { node: child, owner, body: true } : { node: child, owner: bodyOf ? undefined : owner });
    }
  };
  pushChildren(sourceFile, undefined);
  while (stack.length > 0) {
    const { node, owner, body } = stack.pop()!;
    if (body) {
      if (isInvocation(node)) invocations.push(node);
      if (owner) {
        pushChildren(node, owner);
        continue;
      }
      // An irregular body (a function or class): walked as a node of its own (see getBodyNodes).
    } else {
      if (owner && isBodyNode(ts, node)) owner.push(node);
      if (isInvocation(node)) invocations.push(node);
    }
    if (isFunctionWithBody(ts, node)) {
      functions.push(node);
      const regular = !isFunctionWithBody(ts, node.body) && !ts.isClassLike(node.body);
      const own: BodyNode[] | undefined = regular ? [] : undefined;
      if (own) bodies.set(node, own);
      pushChildren(node, own, node);
      continue;
    }
    if (ts.isClassLike(node)) {
      classes.push(node);
      pushChildren(node, undefined);
      continue;
    }
    pushChildren(node, owner);
  }
  return { functions, invocations, classes };
}
