/**
 * What a path has learnt from the tests it took, so that the leak search does not follow a path no
 * execution takes: one that tested a condition and later takes the opposite outcome of the same
 * condition, its operands unchanged in between.
 *
 *   const client = tx ?? await pool.connect();   // nullish: `tx` is falsy on this path
 *   try { … } finally { if (!tx) client.release(); }   // so `!tx` is true here: released
 *
 *   if (mode === 'keep') socket.write(x);         // … `mode !== 'keep'` is its complement
 *   if (mode !== 'keep') socket.end();
 *
 *   let released = false;                         // a flag: `released` is false from here
 *   try { await client.query(q); client.release(); released = true; }
 *   finally { if (!released) client.release(true); }
 *
 * A condition is read only when it cannot change between two tests of it: an identifier declared in
 * the function (a parameter or a `let`/`const`, outside loops) that nothing in the function writes,
 * compared (`>`, `<`, `>=`, `<=`, `===`, `!==`, `==`, `!=`) with a literal or another such identifier,
 * or tested for truthiness (a nullish `??`/`?.` outcome makes it falsy). Only `!==` and `!=` are read
 * as complements (of `===`, `==`): `amount <= 0` and `amount > 0` are both false for NaN. Not
 * trusted: a `var`, a variable declared twice, the parameters of a function that reads `arguments`,
 * anything in a function that names `eval`, anything in a generator (its consumer can close it at a
 * `yield`, a way out the graph does not follow yet). A flag is a local given only `true` or `false`, outside
 * nested functions, classes and static blocks: each assignment sets it, and so does its declaration
 * (a `let` flag may be declared in a loop). Only conditions tested at two places or more (or flags
 * tested at least once) are remembered, so paths multiply only where a second test can prune them.
 */
import type * as ts from 'typescript';
import type { CfgEdge, CfgNode } from '../cfg/graph.js';
import type { AnalysisContext } from './context.js';
import { isFunctionWithBody, isWithin } from './syntax.js';

/** The outcomes a path has taken, by condition; compared by `signature`. */
export interface PathFacts {
  readonly values: ReadonlyMap<number, boolean>;
  readonly signature: string;
}

export const noFacts: PathFacts = { values: new Map(), signature: '' };

/** A condition and the value it has on an edge or after an assignment. */
interface Fact {
  readonly key: number;
  readonly value: boolean;
}

/** A test read as a condition: its key, and whether the test is the condition itself (true) or its complement (false). */
interface Condition {
  readonly key: number;
  readonly polarity: boolean;
}

/** Beyond this many conditions worth remembering in one search, none is: the paths would multiply. */
const MAX_CONDITIONS = 8;

/**
 * The conditions of the part of one function a search can reach from `starts`, and the facts each
 * edge and assignment teaches. Built once per search.
 */
export class PathFactTable {
  private readonly keys = new Map<string, number>();
  private readonly conditions = new Map<ts.Node, Condition | null>();
  private readonly tracked = new Set<number>();
  /** The function's flags, by the key of their truthiness. */
  private readonly flags = new Map<ts.Symbol, number>();
  private variables: FunctionVariables | undefined;
  private readonly fn: ts.Node | undefined;
  /**
   * `!==` is the complement of `===`, `!=` of `==` (SyntaxKind values differ between TypeScript
   * versions: per table). Not `<=` of `>`: both are false when an operand is NaN or undefined.
   */
  private readonly complementOf = new Map<ts.SyntaxKind, { base: ts.SyntaxKind; polarity: boolean }>();
  /** What holds where each start is: the tests it sits under (getDominatingFacts). */
  private readonly dominating = new Map<CfgNode, { fact: Fact; test: ts.Node }[]>();
  private readonly symbolIds = new Map<ts.Symbol, number>();

  constructor(
    private readonly context: AnalysisContext,
    starts: readonly CfgNode[],
  ) {
    const { ts } = context;
    const first = starts[0];
    this.fn = first && (isFunctionWithBody(ts, first.ast) ? first.ast : ts.findAncestor(first.ast, (node) => isFunctionWithBody(ts, node)));
    if (!this.fn) return;
    this.complementOf.set(ts.SyntaxKind.ExclamationEqualsEqualsToken, { base: ts.SyntaxKind.EqualsEqualsEqualsToken, polarity: false });
    this.complementOf.set(ts.SyntaxKind.ExclamationEqualsToken, { base: ts.SyntaxKind.EqualsEqualsToken, polarity: false });
    // A generator's consumer can close it at any `yield` (`break` out of a `for…of` calls
    // `return()`), running its `finally` with the flags as they were: the graph does not follow that
    // way out yet, so a path that stands in for it must not be pruned.
    if ((this.fn as ts.FunctionLikeDeclaration).asteriskToken) return;
    const variables = (this.variables = getFunctionVariables(context, this.fn));
    if (variables.usesEval) return;
    for (const symbol of variables.flags) this.flags.set(symbol, this.keyOf(`truthy ${this.symbolOperand(symbol)}`));
    // Count the places each condition is tested (a `finally` block's copies are one place).
    const places = new Map<number, Set<ts.Node>>();
    const seen = new Set<CfgNode>(starts);
    const stack = [...starts];
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (const edge of node.next) {
        if (edge.test && !this.isCaseTest(edge.test)) {
          const condition = this.getCondition(edge.test);
          if (condition) {
            let set = places.get(condition.key);
            if (!set) places.set(condition.key, (set = new Set()));
            set.add(edge.test);
          }
        }
        if (!seen.has(edge.to)) {
          seen.add(edge.to);
          stack.push(edge.to);
        }
      }
    }
    // What holds where each path starts: the tests around the start it sits under.
    for (const start of starts) {
      const dominating = this.getDominatingFacts(start.ast);
      this.dominating.set(start, dominating);
      for (const { fact, test } of dominating) {
        let set = places.get(fact.key);
        if (!set) places.set(fact.key, (set = new Set()));
        set.add(test);
      }
    }
    const flagKeys = new Set(this.flags.values());
    for (const [key, set] of places) if (set.size >= 2 || flagKeys.has(key)) this.tracked.add(key);
    if (this.tracked.size > MAX_CONDITIONS) this.tracked.clear();
  }

  /**
   * The outcomes of the tests a node sits under, up to the function: the branch of an `if`, of a
   * `? :`, the body of a `while`, the right of `&&`, `||` or `??` (`tx ?? await pool.connect()`:
   * `tx` is nullish there). The operands never change in the function, so they still hold.
   */
  private getDominatingFacts(ast: ts.Node): { fact: Fact; test: ts.Node }[] {
    const { ts } = this.context;
    const found: { fact: Fact; test: ts.Node }[] = [];
    const add = (test: ts.Expression, outcome: boolean): void => {
      const node = skipParentheses(ts, test);
      if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return add(node.operand, !outcome);
      if (ts.isBinaryExpression(node)) {
        const operator = node.operatorToken.kind;
        // Both operands are known only when `a && b` held, or `a || b` failed.
        if ((operator === ts.SyntaxKind.AmpersandAmpersandToken && outcome) || (operator === ts.SyntaxKind.BarBarToken && !outcome)) {
          add(node.left, outcome);
          add(node.right, outcome);
          return;
        }
      }
      const condition = this.getCondition(node);
      // A flag may have been written between the test and the node: only the never-written operands.
      if (condition && !this.isFlagCondition(node)) found.push({ fact: { key: condition.key, value: outcome === condition.polarity }, test: node });
    };
    for (let child = ast, parent = ast.parent; parent && child !== this.fn; child = parent, parent = parent.parent) {
      if (ts.isIfStatement(parent) && child !== parent.expression) add(parent.expression, child === parent.thenStatement);
      else if (ts.isConditionalExpression(parent) && child !== parent.condition) add(parent.condition, child === parent.whenTrue);
      else if (ts.isWhileStatement(parent) && child === parent.statement) add(parent.expression, true);
      else if (ts.isBinaryExpression(parent) && child === parent.right) {
        const operator = parent.operatorToken.kind;
        if (operator === ts.SyntaxKind.AmpersandAmpersandToken) add(parent.left, true);
        else if (operator === ts.SyntaxKind.BarBarToken) add(parent.left, false);
        else if (operator === ts.SyntaxKind.QuestionQuestionToken && ts.isIdentifier(skipParentheses(ts, parent.left)) && !this.isFlagCondition(parent.left)) {
          const condition = this.getCondition(parent.left);
          if (condition) found.push({ fact: { key: condition.key, value: false }, test: skipParentheses(ts, parent.left) });
        }
      }
      if (isFunctionWithBody(ts, parent)) break;
    }
    return found;
  }

  private isFlagCondition(test: ts.Expression): boolean {
    const { ts } = this.context;
    const node = skipParentheses(ts, test);
    const symbol = ts.isIdentifier(node) ? this.context.getSymbol(node) : undefined;
    return symbol !== undefined && this.flags.has(symbol);
  }

  /** The facts a path starting at `start` has: the tests it sits under, and the flags whose value there is their initial one. */
  getInitialFacts(start: CfgNode): PathFacts {
    if (this.tracked.size === 0) return noFacts;
    let facts = noFacts;
    for (const { fact } of this.dominating.get(start) ?? []) {
      if (!this.tracked.has(fact.key)) continue;
      const known = facts.values.get(fact.key);
      // Contradicting tests around one node: no execution reaches it; say nothing.
      if (known !== undefined && known !== fact.value) return noFacts;
      facts = withFact(facts, fact);
    }
    for (const [symbol, key] of this.flags) {
      if (!this.tracked.has(key)) continue;
      const value = this.getValueAt(symbol, start.ast);
      if (value !== undefined) facts = withFact(facts, { key, value });
    }
    return facts;
  }

  /**
   * The facts after taking `edge` from a node with `facts`, or undefined when the edge contradicts
   * them (no execution takes it).
   */
  follow(facts: PathFacts, edge: CfgEdge): PathFacts | undefined {
    if (this.tracked.size === 0) return facts;
    const fact = this.getEdgeFact(edge);
    if (!fact) return facts;
    const known = facts.values.get(fact.key);
    if (known !== undefined) return known === fact.value ? facts : undefined;
    return withFact(facts, fact);
  }

  /** The facts after evaluating `node`: an assignment to a flag (or its declaration) sets it. */
  evaluate(facts: PathFacts, node: CfgNode): PathFacts {
    if (this.tracked.size === 0 || this.flags.size === 0 || node.kind !== 'element') return facts;
    const fact = this.getFlagWrite(node.ast);
    return fact && this.tracked.has(fact.key) ? withFact(facts, fact) : facts;
  }

  private getEdgeFact(edge: CfgEdge): Fact | undefined {
    if (!edge.test || this.isCaseTest(edge.test)) return undefined;
    const condition = this.getCondition(edge.test);
    if (!condition || !this.tracked.has(condition.key)) return undefined;
    switch (edge.kind) {
      case 'true':
        return { key: condition.key, value: condition.polarity };
      case 'false':
        return { key: condition.key, value: !condition.polarity };
      case 'nullish':
        // Only a truthiness test is a nullish one's: null and undefined are falsy.
        return this.isTruthiness(edge.test) ? { key: condition.key, value: false } : undefined;
      default:
        return undefined;
    }
  }

  /** A `case` expression: its edges say whether it equals the discriminant, not whether it is truthy. */
  private isCaseTest(test: ts.Expression): boolean {
    const { ts } = this.context;
    return ts.isCaseClause(test.parent) && test.parent.expression === test;
  }

  private isTruthiness(test: ts.Expression): boolean {
    const { ts } = this.context;
    return ts.isIdentifier(skipParentheses(ts, test));
  }

  private getCondition(test: ts.Expression): Condition | undefined {
    let condition = this.conditions.get(test);
    if (condition === undefined) {
      condition = this.computeCondition(test) ?? null;
      this.conditions.set(test, condition);
    }
    return condition ?? undefined;
  }

  private computeCondition(test: ts.Expression): Condition | undefined {
    const { ts } = this.context;
    const node = skipParentheses(ts, test);
    if (ts.isIdentifier(node)) {
      const operand = this.getOperand(node, true);
      return operand === undefined ? undefined : { key: this.keyOf(`truthy ${operand}`), polarity: true };
    }
    if (!ts.isBinaryExpression(node)) return undefined;
    let operator: ts.SyntaxKind = node.operatorToken.kind;
    if (!isComparison(ts, operator)) return undefined;
    let left = this.getOperand(skipParentheses(ts, node.left), false);
    let right = this.getOperand(skipParentheses(ts, node.right), false);
    if (left === undefined || right === undefined) return undefined;
    if (!left.startsWith('#') && !right.startsWith('#')) return undefined;
    // `0 < n` is `n > 0`: the identifier first; of two, the first named (`b > a` is `a < b`).
    if (!left.startsWith('#') || (right.startsWith('#') && right < left)) {
      [left, right] = [right, left];
      operator = mirror(ts, operator);
    }
    const complement = this.complementOf.get(operator);
    const base = complement?.base ?? operator;
    return { key: this.keyOf(`${left} ${ts.SyntaxKind[base]} ${right}`), polarity: complement?.polarity ?? true };
  }

  /**
   * `#n` for an identifier the path can rely on (a flag, when `allowFlag`, or a local or parameter
   * of the function nothing writes), a literal's text for a literal, else undefined.
   */
  private getOperand(node: ts.Node, allowFlag: boolean): string | undefined {
    const { ts } = this.context;
    if (ts.isNumericLiteral(node)) return `number ${Number(node.text)}`;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return `string ${JSON.stringify(node.text)}`;
    switch (node.kind) {
      case ts.SyntaxKind.TrueKeyword:
        return 'true';
      case ts.SyntaxKind.FalseKeyword:
        return 'false';
      case ts.SyntaxKind.NullKeyword:
        return 'null';
    }
    if (!ts.isIdentifier(node)) return undefined;
    const symbol = this.context.getSymbol(node);
    if (!symbol) return undefined;
    if (this.flags.has(symbol)) return allowFlag ? this.symbolOperand(symbol) : undefined;
    const variables = this.variables!;
    if (symbol.getName() === 'undefined' && !variables.isDeclaredInFunction(symbol)) return 'undefined';
    if (!variables.isDeclaredInFunction(symbol)) return undefined;
    if (variables.written.has(symbol) || this.isVar(symbol) || (variables.untrustedParameters && ts.isParameter(symbol.valueDeclaration!))) return undefined;
    return this.symbolOperand(symbol);
  }

  /** A `var`: read before its declaration runs it is undefined, and a second `var` of it assigns it. */
  private isVar(symbol: ts.Symbol): boolean {
    const { ts } = this.context;
    const declaration = symbol.valueDeclaration;
    return declaration !== undefined && ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.BlockScoped) === 0;
  }

  /** `#n`: the operand that stands for a variable in condition keys. */
  private symbolOperand(symbol: ts.Symbol): string {
    let id = this.symbolIds.get(symbol);
    if (id === undefined) this.symbolIds.set(symbol, (id = this.symbolIds.size));
    return `#${id}`;
  }

  private keyOf(text: string): number {
    let key = this.keys.get(text);
    if (key === undefined) this.keys.set(text, (key = this.keys.size));
    return key;
  }

  /** `flag = true`, `let flag = false`: the flag's fact after it. */
  private getFlagWrite(ast: ts.Node): Fact | undefined {
    const { ts } = this.context;
    let name: ts.Node | undefined;
    let value: ts.Expression | undefined;
    if (ts.isVariableDeclaration(ast)) [name, value] = [ast.name, ast.initializer];
    else if (ts.isBinaryExpression(ast) && ast.operatorToken.kind === ts.SyntaxKind.EqualsToken) [name, value] = [skipParentheses(ts, ast.left), ast.right];
    if (!name || !value || !ts.isIdentifier(name) || !isBooleanLiteral(ts, value)) return undefined;
    const symbol = this.context.getSymbol(name);
    const key = symbol && this.flags.get(symbol);
    return key === undefined ? undefined : { key, value: skipParentheses(ts, value).kind === ts.SyntaxKind.TrueKeyword };
  }

  /**
   * A flag's value where a path starts, when it is its initial one on every execution: declared
   * before the start in a block around it, not written between the two, and every loop around the
   * start that writes it also declares it (each time round, the declaration resets it before the
   * start); a loop that writes it and does not declare it comes back with the written value.
   */
  private getValueAt(symbol: ts.Symbol, start: ts.Node): boolean | undefined {
    const { ts } = this.context;
    const declaration = symbol.valueDeclaration as ts.VariableDeclaration;
    if (declaration.end > start.pos) return undefined;
    const block = declaration.parent.parent.parent;
    if (!block || start.pos < block.pos || start.end > block.end) return undefined;
    const writes = this.variables!.written.get(symbol) ?? [];
    if (writes.some((write) => write.end > declaration.end && write.pos < start.end)) return undefined;
    // The loops around the start, innermost first, up to the function.
    const loopOf = (node: ts.Node): ts.Node | undefined => ts.findAncestor(node.parent, (ancestor) => ancestor === this.fn || ts.isIterationStatement(ancestor, false));
    for (let loop = loopOf(start); loop && loop !== this.fn; loop = loopOf(loop)) {
      if (writes.some((write) => isWithin(write, loop!)) && !isWithin(declaration, loop)) return undefined;
    }
    return skipParentheses(ts, declaration.initializer!).kind === ts.SyntaxKind.TrueKeyword;
  }
}

/**
 * What one function does to its own variables, for every search in it (one per resource): which
 * are written and where, which are flags, and whether it reads `arguments` or names `eval`.
 */
class FunctionVariables {
  readonly written = new Map<ts.Symbol, ts.Node[]>();
  readonly flags = new Set<ts.Symbol>();
  /** The function reads `arguments`: sloppy-mode code writes its parameters through it. */
  untrustedParameters = false;
  /** The function names `eval`, which can write any of its variables: nothing is learnt. */
  usesEval = false;

  constructor(
    private readonly context: AnalysisContext,
    private readonly fn: ts.Node,
  ) {
    this.collect(fn);
  }

  /**
   * A parameter or local of the search's function, bound once per call: not a local of a function
   * or class nested in it (those run at other times), nor one declared in a loop (a path around the
   * loop binds it again) unless `inLoop` allows it; declared once (a `var` declared again, or over a
   * parameter, assigns it).
   */
  isDeclaredInFunction(symbol: ts.Symbol, inLoop = false): boolean {
    const { ts } = this.context;
    const declaration = symbol.valueDeclaration;
    if (!declaration || !this.fn || !(ts.isParameter(declaration) || ts.isVariableDeclaration(declaration))) return false;
    if (ts.isVariableDeclaration(declaration) && !ts.isIdentifier(declaration.name)) return false;
    if (symbol.getDeclarations()?.length !== 1) return false;
    const container = ts.findAncestor(declaration.parent, (node) => this.isOwnScope(node) || (!inLoop && ts.isIterationStatement(node, false)));
    return container === this.fn;
  }

  /** A function, class or static block: code in it runs at other times than the code around it. */
  private isOwnScope(node: ts.Node): boolean {
    const { ts } = this.context;
    return ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isClassStaticBlockDeclaration(node);
  }

  /** Every write to an identifier in the function, nested functions included; then which locals are flags. */
  private collect(fn: ts.Node): void {
    const { ts } = this.context;
    const addTarget = (target: ts.Node, write: ts.Node): void => {
      const node = skipParentheses(ts, target as ts.Expression);
      if (ts.isIdentifier(node)) {
        const symbol = this.context.getSymbol(node);
        if (!symbol) return;
        let list = this.written.get(symbol);
        if (!list) this.written.set(symbol, (list = []));
        list.push(write);
      } else if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) {
        // A destructuring assignment writes every identifier in its pattern.
        const visit = (child: ts.Node): void => {
          if (ts.isIdentifier(child)) addTarget(child, write);
          else if (ts.isPropertyAssignment(child)) visit(child.initializer);
          else if (ts.isShorthandPropertyAssignment(child)) addTarget(child.name, write);
          else ts.forEachChild(child, visit);
        };
        ts.forEachChild(node, visit);
      }
    };
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && node.text === 'arguments') this.untrustedParameters = true;
      if (ts.isIdentifier(node) && node.text === 'eval') this.usesEval = true;
      if (ts.isBinaryExpression(node) && isAssignmentOperator(ts, node.operatorToken.kind)) addTarget(node.left, node);
      else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
        addTarget(node.operand, node);
      } else if ((ts.isForInStatement(node) || ts.isForOfStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) addTarget(node.initializer, node);
      ts.forEachChild(node, visit);
    };
    visit(fn);
    for (const [symbol, writes] of this.written) {
      const declaration = symbol.valueDeclaration;
      if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) continue;
      if (!isBooleanLiteral(ts, declaration.initializer) || !ts.isVariableStatement(declaration.parent.parent)) continue;
      // A flag may be declared in a loop (its declaration resets it each time round), as a `let`.
      const blockScoped = (declaration.parent.flags & ts.NodeFlags.BlockScoped) !== 0;
      if (!this.isDeclaredInFunction(symbol, blockScoped)) continue;
      const isFlagWrite = (write: ts.Node): boolean =>
        ts.isBinaryExpression(write) &&
        write.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isIdentifier(skipParentheses(ts, write.left)) &&
        isBooleanLiteral(ts, write.right) &&
        ts.findAncestor(write, (node) => this.isOwnScope(node)) === this.fn;
      if (writes.every(isFlagWrite)) this.flags.add(symbol);
    }
  }
}

const functionVariables = new WeakMap<AnalysisContext, WeakMap<ts.Node, FunctionVariables>>();

function getFunctionVariables(context: AnalysisContext, fn: ts.Node): FunctionVariables {
  let byFunction = functionVariables.get(context);
  if (!byFunction) functionVariables.set(context, (byFunction = new WeakMap()));
  let variables = byFunction.get(fn);
  if (!variables) byFunction.set(fn, (variables = new FunctionVariables(context, fn)));
  return variables;
}

function withFact(facts: PathFacts, fact: Fact): PathFacts {
  const values = new Map(facts.values);
  values.set(fact.key, fact.value);
  const signature = [...values].sort((a, b) => a[0] - b[0]).map(([key, value]) => `${key}${value ? '+' : '-'}`).join(',');
  return { values, signature };
}

function skipParentheses(ts: AnalysisContext['ts'], node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

function isBooleanLiteral(ts: AnalysisContext['ts'], node: ts.Expression | undefined): boolean {
  if (!node) return false;
  const inner = skipParentheses(ts, node);
  return inner.kind === ts.SyntaxKind.TrueKeyword || inner.kind === ts.SyntaxKind.FalseKeyword;
}

function isComparison(ts: AnalysisContext['ts'], operator: ts.SyntaxKind): boolean {
  switch (operator) {
    case ts.SyntaxKind.GreaterThanToken:
    case ts.SyntaxKind.LessThanToken:
    case ts.SyntaxKind.GreaterThanEqualsToken:
    case ts.SyntaxKind.LessThanEqualsToken:
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
    case ts.SyntaxKind.EqualsEqualsToken:
    case ts.SyntaxKind.ExclamationEqualsToken:
      return true;
    default:
      return false;
  }
}

/** The operator with its operands swapped: `a < b` is `b > a`. */
function mirror(ts: AnalysisContext['ts'], operator: ts.SyntaxKind): ts.SyntaxKind {
  switch (operator) {
    case ts.SyntaxKind.GreaterThanToken:
      return ts.SyntaxKind.LessThanToken;
    case ts.SyntaxKind.LessThanToken:
      return ts.SyntaxKind.GreaterThanToken;
    case ts.SyntaxKind.GreaterThanEqualsToken:
      return ts.SyntaxKind.LessThanEqualsToken;
    case ts.SyntaxKind.LessThanEqualsToken:
      return ts.SyntaxKind.GreaterThanEqualsToken;
    default:
      return operator;
  }
}

function isAssignmentOperator(ts: AnalysisContext['ts'], operator: ts.SyntaxKind): boolean {
  return operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment;
}
