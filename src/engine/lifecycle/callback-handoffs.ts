/**
 * Node's callback style, read inside one function: where the functions its caller gave it go, and
 * what they are called with. A *callback* here is a parameter of the function (or a binding of a
 * parameter's pattern), however it travels inside the function:
 * - through locals and aliases (`const cb = callback; const done = cb;`, `callback || noop`);
 * - off an options parameter (`opts.callback`, `const { onConnect } = opts`);
 * - through a field or collection the function stores it in (`this.pending = callback; …
 *   this.pending(null, s)`, `waiters.push(callback); for (const w of waiters) w(null, s)`);
 * - bound (`callback.bind(null, null, socket)`).
 * A *hand-off* is a call of a callback (`callback(null, s)`, `cb.call(ctx, null, s)`, a bound
 * one's arguments) or a call of a library function that gets a callback and other values, which
 * it may call the callback with: `process.nextTick(callback, null, socket)`, `setImmediate(cb, s)`.
 *
 * Syntax and symbols only (answered once per function); a library hand-off is confirmed by
 * isLibraryHandoff, which asks the checker.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context.js';
import type { FunctionWithBody } from './syntax.js';
import { forEachDescendant, getOutermostWrapper, getValueOperands, isWithin, skipOuterExpressions } from './syntax.js';

export interface CallbackHandoff {
  readonly call: ts.CallExpression;
  /** The parameter of the function the callback came from. */
  readonly parameter: ts.ParameterDeclaration;
  /** The callback is the parameter itself (`callback`), not a part of it (`options.callback`). */
  readonly whole: boolean;
  /**
   * What the callback is called with: a direct call's arguments in order (`cb.call`'s after the
   * `this` argument, `bind`'s bound ones); for a library call, the arguments besides the callback.
   */
  readonly handed: readonly ts.Expression[];
  /** The callback is called here, so `handed[i]` is its i-th argument; false for a library call (see isLibraryHandoff). */
  readonly direct: boolean;
}

/** Calls of a holder's method that hand back what it holds (`waiters.shift()`, `callbacks.get(id)`). */
const elementReaders: ReadonlySet<string> = new Set(['shift', 'pop', 'at', 'get', 'find', 'findLast']);
/** Calls of a holder's method that put a value into it (the value is any argument). */
export const elementWriters: ReadonlySet<string> = new Set(['push', 'unshift', 'set', 'add']);
/** Array methods that call their callback with each element as its first argument. */
const elementVisitors: ReadonlySet<string> = new Set(['forEach', 'map', 'some', 'every', 'filter', 'find', 'findLast']);

/** Where a callback came from: a parameter, whole or a part of it. */
interface Source {
  readonly parameter: ts.ParameterDeclaration;
  readonly whole: boolean;
}

const cache = new WeakMap<AnalysisContext, WeakMap<ts.Node, { all?: readonly CallbackHandoff[]; whole?: readonly CallbackHandoff[] }>>();

/**
 * Every hand-off in `fn`, nested functions included (a listener that calls `callback(null, this)`
 * hands off as much as the function itself), library ones still to be confirmed. With `wholeOnly`,
 * only callbacks that are a parameter itself (not `options.callback`): those need no checker
 * question (a property's declaration does). Empty for a function with no parameter. Never throws.
 */
export function getCallbackHandoffs(context: AnalysisContext, fn: FunctionWithBody, wholeOnly = false): readonly CallbackHandoff[] {
  const key = wholeOnly ? 'whole' : 'all';
  let byFunction = cache.get(context);
  if (!byFunction) cache.set(context, (byFunction = new WeakMap()));
  let entry = byFunction.get(fn);
  if (!entry) byFunction.set(fn, (entry = {}));
  let handoffs = entry[key];
  if (!handoffs) {
    handoffs = fn.parameters.length === 0 ? [] : new CallbackFlow(context, fn, wholeOnly).getHandoffs();
    entry[key] = handoffs;
  }
  return handoffs;
}

class CallbackFlow {
  private readonly ts: AnalysisContext['ts'];
  /** The parameters' bindings, by symbol. */
  private readonly bindings = new Map<ts.Symbol, Source>();
  /** Property names the function stores a callback under, on whatever object (`this.pending = cb`). */
  private readonly storedNames = new Map<string, Source>();
  /** Locals the function puts a callback into (`waiters.push(cb)`). */
  private readonly holders = new Map<ts.Symbol, Source>();
  /** Locals answered so far (null: holds no callback, or being answered). */
  private readonly locals = new Map<ts.Symbol, Source | null>();

  constructor(
    private readonly context: AnalysisContext,
    private readonly fn: FunctionWithBody,
    private readonly wholeOnly: boolean,
  ) {
    this.ts = context.ts;
    for (const parameter of fn.parameters) this.bindNames(parameter.name, { parameter, whole: this.ts.isIdentifier(parameter.name) });
  }

  getHandoffs(): CallbackHandoff[] {
    if (this.bindings.size === 0) return [];
    this.collectStores();
    const handoffs: CallbackHandoff[] = [];
    forEachDescendant(this.ts, this.fn, (node) => {
      if (this.ts.isCallExpression(node)) {
        const handoff = this.getHandoff(node);
        if (handoff) handoffs.push(handoff);
      }
    });
    return handoffs;
  }

  private bindNames(name: ts.BindingName, source: Source): void {
    const { ts } = this;
    if (ts.isIdentifier(name)) {
      const symbol = this.context.getSymbol(name);
      if (symbol) this.bindings.set(symbol, source);
      return;
    }
    for (const element of name.elements) if (!ts.isOmittedExpression(element)) this.bindNames(element.name, source);
  }

  /**
   * Where the function keeps callbacks: property names and locals given one (`this.pending = cb`,
   * `waiters.push(cb)`, `pending[id] = cb`). Repeated while it grows, since a callback read back
   * from one store may be put into another.
   */
  private collectStores(): void {
    const { ts } = this;
    for (let size = -1; size !== this.storedNames.size + this.holders.size; ) {
      size = this.storedNames.size + this.holders.size;
      this.locals.clear();
      forEachDescendant(ts, this.fn, (node) => {
        if (ts.isBinaryExpression(node) && isAssignment(ts, node.operatorToken.kind)) {
          const source = this.getSource(node.right);
          if (source) this.store(node.left, source);
        } else if (ts.isCallExpression(node)) {
          const callee = skipOuterExpressions(ts, node.expression);
          if (!ts.isPropertyAccessExpression(callee) || !elementWriters.has(callee.name.text)) return;
          for (const argument of node.arguments) {
            const source = this.getSource(argument);
            if (source) this.store(callee.expression, source);
          }
        }
      });
    }
  }

  /** Records that `target` (a property, an element of one, or a local) is given a callback. */
  private store(target: ts.Expression, source: Source): void {
    const { ts } = this;
    let node = skipOuterExpressions(ts, target);
    while (ts.isElementAccessExpression(node)) node = skipOuterExpressions(ts, node.expression);
    if (ts.isPropertyAccessExpression(node)) {
      if (!this.storedNames.has(node.name.text)) this.storedNames.set(node.name.text, source);
    } else if (ts.isIdentifier(node)) {
      const symbol = this.context.getSymbol(node);
      if (symbol && !this.bindings.has(symbol) && !this.holders.has(symbol)) this.holders.set(symbol, source);
    }
  }

  /** The parameter a callback read by `expression` came from, if it is one. */
  private getSource(expression: ts.Expression): Source | undefined {
    const { ts } = this;
    const node = skipOuterExpressions(ts, expression);
    if (ts.isIdentifier(node)) return this.getIdentifierSource(node);
    if (ts.isPropertyAccessExpression(node)) return this.storedNames.get(node.name.text) ?? this.getOptionSource(node);
    if (ts.isElementAccessExpression(node)) return this.getSource(node.expression);
    if (ts.isCallExpression(node)) {
      // `callback.bind(…)`, `waiters.shift()`, `callbacks.get(id)`.
      const callee = skipOuterExpressions(ts, node.expression);
      if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'bind' || elementReaders.has(callee.name.text))) {
        return this.getSource(callee.expression);
      }
      return undefined;
    }
    if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) {
        const source = this.getSource(ts.isSpreadElement(element) ? element.expression : element);
        if (source) return source;
      }
      return undefined;
    }
    // `callback || noop`, `cb ?? defaultCallback`, `typeof a === 'function' ? a : b`.
    const operands = getValueOperands(ts, node);
    if (operands.length > 1 || operands[0] !== node) {
      for (const operand of operands) {
        const source = this.getSource(operand);
        if (source) return source;
      }
    }
    return undefined;
  }

  /**
   * `opts.callback`, `options.onConnect`: a function-valued property of something that holds a
   * callback, by the property's declaration (a property, not a method: `existing.pipe` or
   * `options.logger.debug` calls a method of an object the caller gave, not a callback). An
   * untyped property (JavaScript) counts when it is read off the parameter itself.
   */
  private getOptionSource(node: ts.PropertyAccessExpression): Source | undefined {
    const { ts } = this;
    if (this.wholeOnly) return undefined;
    const source = this.getSource(node.expression);
    if (!source) return undefined;
    const declaration = this.context.getSymbol(node.name)?.valueDeclaration;
    // Untyped (JavaScript's `options.callback(null, s)`): one property of the parameter itself,
    // which is how callbacks travel in options objects; `options.logger.debug` stays a method.
    const isProperty =
      declaration === undefined
        ? source.whole
        : ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isShorthandPropertyAssignment(declaration);
    return isProperty ? { parameter: source.parameter, whole: false } : undefined;
  }

  private getIdentifierSource(node: ts.Identifier): Source | undefined {
    const symbol = this.context.getSymbol(node);
    if (!symbol) return undefined;
    const bound = this.bindings.get(symbol) ?? this.holders.get(symbol);
    if (bound) return bound;
    const known = this.locals.get(symbol);
    if (known !== undefined) return known ?? undefined;
    const declaration = symbol.valueDeclaration;
    if (!declaration || !isWithin(declaration, this.fn)) return undefined;
    this.locals.set(symbol, null); // recursion guard: `let a = b; b = a;`
    const source = this.getDeclarationSource(node, declaration);
    this.locals.set(symbol, source ?? null);
    return source;
  }

  /** A local of the function (or of a function nested in it) that holds a callback. */
  private getDeclarationSource(node: ts.Identifier, declaration: ts.Declaration): Source | undefined {
    const { ts } = this;
    if (ts.isVariableDeclaration(declaration)) {
      // `for (const waiter of waiters)`: an element of a holder.
      const list = declaration.parent;
      if (ts.isVariableDeclarationList(list) && ts.isForOfStatement(list.parent)) return this.getSource(list.parent.expression);
      for (const value of this.context.getAssignedValues(node)) {
        const source = this.getSource(value);
        if (source) return source;
      }
      return undefined;
    }
    if (ts.isBindingElement(declaration)) {
      // `const { callback } = options`: a part of what the pattern destructures.
      let pattern: ts.Node = declaration.parent;
      while (ts.isBindingElement(pattern.parent) || ts.isObjectBindingPattern(pattern.parent) || ts.isArrayBindingPattern(pattern.parent)) pattern = pattern.parent;
      const owner = pattern.parent;
      const source = ts.isVariableDeclaration(owner) && owner.initializer ? this.getSource(owner.initializer) : undefined;
      return source && { parameter: source.parameter, whole: false };
    }
    if (ts.isParameter(declaration)) {
      // `waiters.forEach((waiter) => waiter(null, s))`: the visitor's first parameter is each element.
      const visitor = declaration.parent;
      const call = visitor.parent;
      if (visitor.parameters[0] !== declaration || !ts.isCallExpression(call) || !call.arguments.includes(visitor as ts.Expression)) return undefined;
      const callee = skipOuterExpressions(ts, call.expression);
      return ts.isPropertyAccessExpression(callee) && elementVisitors.has(callee.name.text) ? this.getSource(callee.expression) : undefined;
    }
    return undefined;
  }

  private getHandoff(call: ts.CallExpression): CallbackHandoff | undefined {
    const { ts } = this;
    const callee = skipOuterExpressions(ts, call.expression);
    const args = [...call.arguments];
    if (ts.isPropertyAccessExpression(callee) && ['call', 'apply', 'bind'].includes(callee.name.text)) {
      const source = this.getSource(callee.expression);
      if (source) {
        if (callee.name.text !== 'apply') return { call, ...source, handed: args.slice(1), direct: true };
        const list = args[1] && skipOuterExpressions(ts, args[1]);
        const handed = list && ts.isArrayLiteralExpression(list) ? list.elements.filter((element) => !ts.isSpreadElement(element)) : [];
        return { call, ...source, handed, direct: true };
      }
    }
    const source = this.getSource(callee);
    if (source) return { call, ...source, handed: args, direct: true };
    return this.getLibraryHandoff(call, args);
  }

  /**
   * `process.nextTick(callback, null, socket)`, `setImmediate(cb, s)`, `setTimeout(cb, ms, s)`: a
   * callback first and values after it, Node's convention for "call this later with these". Found
   * by syntax; isLibraryHandoff confirms it (a checker question), for the few that matter.
   */
  private getLibraryHandoff(call: ts.CallExpression, args: readonly ts.Expression[]): CallbackHandoff | undefined {
    const first = args[0];
    if (!first || args.length < 2) return undefined;
    const source = this.getSource(first);
    return source && { call, ...source, handed: args.slice(1), direct: false };
  }
}

/**
 * Whether a hand-off found as a library call (`direct: false`) is one: the callee is declared
 * outside the program (what it does is not there to read), and the callback argument is callable
 * by its type, or untyped and read by name, so that `log(opts, s)` is no hand-off. Never throws.
 */
export function isLibraryHandoff(context: AnalysisContext, handoff: CallbackHandoff): boolean {
  const { ts, checker } = context;
  if (handoff.direct) return true;
  const first = handoff.call.arguments[0]!;
  const type = checker.getTypeAtLocation(first);
  const untyped = (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
  if (untyped ? !ts.isIdentifier(skipOuterExpressions(ts, first)) : type.getCallSignatures().length === 0) return false;
  return context.getCalleeDeclaration(handoff.call)?.getSourceFile().isDeclarationFile === true;
}

function isAssignment(ts: AnalysisContext['ts'], kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsToken ||
    kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken
  );
}

/**
 * For `this` in a `function` nested in fn (a listener: Node calls it with the emitter as `this`),
 * that function; undefined for fn's own `this` or an arrow's (which is fn's).
 */
export function getListenerOfThis(ts: AnalysisContext['ts'], fn: FunctionWithBody, value: ts.Expression): ts.Node | undefined {
  if (value.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  let owner: ts.Node | undefined = value.parent;
  while (owner && !(ts.isFunctionLike(owner) && !ts.isArrowFunction(owner))) owner = owner.parent;
  return owner !== undefined && owner !== fn && isWithin(owner, fn) ? owner : undefined;
}

/** The call a function is given to as an argument (through parentheses and `as`), if it is one. */
export function getCallGiven(ts: AnalysisContext['ts'], fn: ts.Node): ts.CallExpression | undefined {
  const argument = getOutermostWrapper(ts, fn);
  const call = argument.parent;
  return ts.isCallExpression(call) && call.arguments.includes(argument as ts.Expression) ? call : undefined;
}
