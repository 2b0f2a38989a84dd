/**
 * Per-program analysis state: the resource catalog for the options in force, the functions that
 * borrow, and the caches (symbols, signatures, callee summaries) shared by every function and
 * every file of one Program. Keyed by Program and options, so ESLint reuses it across files.
 */
import type * as ts from 'typescript';
import type { EngineHost } from '../host.js';
import type { EngineOptions, TypeSpecifier } from '../options.js';
import { ResourceCatalog } from '../resources/catalog.js';
import { getResourceKinds, type ResourceKind } from '../resources/kinds.js';
import { builtinBorrowingFunctions, builtinLookupFunctions } from '../resources/borrowing.js';
import { skipOuterExpressions, skipToCallee } from './syntax.js';
import { getClassSummary } from '../wrappers/class-summaries.js';
import { mayDenoteNamed } from '../prefilter/may-denote.js';
import { getAssignmentsNamed } from '../prefilter/values.js';
import { getInteropDefaultType } from './module-interop.js';

export class AnalysisContext {
  readonly ts: EngineHost['ts'];
  readonly checker: ts.TypeChecker;
  readonly catalog: ResourceCatalog;
  readonly borrowing: readonly TypeSpecifier[];
  /** Summary caches, filled lazily (see summaries.ts). */
  readonly freshReturns = new Map<ts.Node, ResourceKind | null>();
  readonly paramOwnership = new Map<string, boolean>();
  readonly closureDischarges = new Map<string, boolean>();
  private readonly symbols = new Map<ts.Node, ts.Symbol | null>();
  private readonly assignedValues = new Map<ts.Symbol, readonly ts.Expression[]>();
  private readonly signatures = new Map<ts.Node, ts.Signature | null>();
  private readonly calledDeclarations = new Map<ts.Node, ts.Declaration[]>();
  private readonly calleeDeclarations = new Map<ts.Node, ts.SignatureDeclaration | null>();
  private readonly signatureDeclarations = new Map<ts.Node, ts.SignatureDeclaration | null>();
  private readonly calleeSignatures = new Map<ts.Node, readonly ts.Signature[]>();
  private readonly interopCalls = new Set<ts.Node>();
  private nextResourceId = 0;

  constructor(
    readonly host: EngineHost,
    readonly options: EngineOptions,
  ) {
    this.ts = host.ts;
    this.checker = host.checker;
    this.catalog = new ResourceCatalog(host, getResourceKinds(options.resources, options.presets));
    this.catalog.setClassKindResolver((declaration) => {
      const summary = getClassSummary(this, declaration);
      return { owns: summary !== undefined && summary.fields.length > 0, kind: summary?.kind };
    });
    this.borrowing = [...builtinBorrowingFunctions, ...(options.borrowingFunctions ?? [])];
  }

  /** A fresh id for a tracked resource (keys the per-resource caches). */
  newResourceId(): number {
    return this.nextResourceId++;
  }

  /** The symbol an identifier refers to; for `{ s }` shorthand properties, the value's symbol. */
  getSymbol(node: ts.Node): ts.Symbol | undefined {
    let symbol = this.symbols.get(node);
    if (symbol === undefined) {
      const { ts, checker } = this;
      symbol =
        (ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node
          ? checker.getShorthandAssignmentValueSymbol(node.parent)
          : checker.getSymbolAtLocation(node)) ?? null;
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      this.symbols.set(node, symbol);
    }
    return symbol ?? undefined;
  }

  /**
   * The signature a call resolves to. When the callee's type has exactly one call signature and
   * it is not generic, that signature is the answer without resolving the call: the checker's
   * overload resolution returns its only candidate as it is, even when the arguments do not fit
   * (it reports them, and picks the candidate); only a generic one is instantiated. (Not for `new`,
   * which the checker refuses for an abstract class.) A call that reaches a module's default
   * export through CommonJS interop (module-interop.ts) is an error to the checker: its signature
   * is the default's, when it has exactly one.
   */
  getSignature(call: ts.CallLikeExpression): ts.Signature | undefined {
    let signature = this.signatures.get(call);
    if (signature === undefined) {
      const { ts } = this;
      const interop = (ts.isCallExpression(call) || ts.isNewExpression(call)) && this.readsDefaultExport(call);
      const direct = ts.isCallExpression(call) && !call.typeArguments && call.expression.kind !== ts.SyntaxKind.SuperKeyword;
      const candidates = interop || direct ? this.getCalleeSignatures(call as ts.CallExpression) : undefined;
      const sole = candidates?.length === 1 && (interop || !candidates[0]!.getTypeParameters()?.length) ? candidates[0] : undefined;
      signature = (interop || sole ? sole : this.checker.getResolvedSignature(call)) ?? null;
      this.signatures.set(call, signature);
    }
    return signature ?? undefined;
  }

  /**
   * The declaration of the signature a call resolves to (an overload, not its implementation).
   * When the callee's type has exactly one signature of the call's kind, resolving the call picks
   * that one (or an instantiation of it, which has the same declaration), even when the arguments
   * do not fit; so the call is not resolved, its arguments are not checked and nothing is inferred
   * from them. Otherwise, and for `super(…)`, getSignature's.
   */
  getSignatureDeclaration(call: ts.CallExpression | ts.NewExpression): ts.SignatureDeclaration | undefined {
    let declaration = this.signatureDeclarations.get(call);
    if (declaration === undefined) {
      declaration = (this.getSoleSignature(call) ?? this.getSignature(call))?.getDeclaration() ?? null;
      this.signatureDeclarations.set(call, declaration);
    }
    return declaration ?? undefined;
  }

  /** The callee's one signature of the call's kind, if it has exactly one and the call is not resolved yet. */
  private getSoleSignature(call: ts.CallExpression | ts.NewExpression): ts.Signature | undefined {
    const signatures = this.signatures.has(call) ? undefined : this.getCalleeSignatures(call);
    return signatures?.length === 1 ? signatures[0] : undefined;
  }

  /**
   * The call (or construct) signatures of the callee's type, asked once per call; undefined for
   * `super(…)` and `import(…)`. The callee's type without `undefined` and `null`, as the checker
   * resolves a call (`f?.(port)`, `client?.open(port)`, `api.open?.(path)`: an optional chain's
   * callee is typed with them). A module object with none is read as its default export
   * (module-interop.ts: `const Redis = require('ioredis'); new Redis()`).
   */
  getCalleeSignatures(call: ts.CallExpression | ts.NewExpression): readonly ts.Signature[] | undefined {
    const { ts } = this;
    if (call.expression.kind === ts.SyntaxKind.SuperKeyword || call.expression.kind === ts.SyntaxKind.ImportKeyword) return undefined;
    let signatures = this.calleeSignatures.get(call);
    if (!signatures) {
      const construct = ts.isNewExpression(call);
      const type = this.checker.getNonNullableType(this.checker.getTypeAtLocation(call.expression));
      const interop =
        getInteropDefaultType(ts, this.checker, type, construct, call) ?? (type.flags & ts.TypeFlags.Any ? this.getInteropMemberType(call) : undefined);
      if (interop) this.interopCalls.add(call);
      const callee = interop ?? type;
      signatures = construct ? callee.getConstructSignatures() : callee.getCallSignatures();
      this.calleeSignatures.set(call, signatures);
    }
    return signatures;
  }

  /**
   * Whether the call's callee is read through CommonJS interop (getCalleeSignatures): a module
   * object as its default export, or a method of what such a `new` made.
   */
  readsDefaultExport(call: ts.CallExpression | ts.NewExpression): boolean {
    this.getCalleeSignatures(call);
    return this.interopCalls.has(call);
  }

  /**
   * The value of a call or `new` read through interop (getCalleeSignatures), which the checker types
   * `any`: what the default's construct signature makes (`new Redis()`), or what the method's one
   * signature returns (`redis.duplicate()`).
   */
  getInteropValueType(node: ts.Expression): ts.Type | undefined {
    const { ts } = this;
    if ((!ts.isNewExpression(node) && !ts.isCallExpression(node)) || !this.readsDefaultExport(node)) return undefined;
    const signature = ts.isNewExpression(node) ? this.getCalleeSignatures(node)?.[0] : this.getSignature(node);
    return signature && this.checker.getReturnTypeOfSignature(signature);
  }

  /**
   * `redis.duplicate()` where `const redis = new Redis()` was made through interop: `redis` is
   * `any` to the checker, and the method is the instance type's. Read for a `const` (or a `new`
   * written in place) only, whose value is that instance wherever it is read.
   */
  private getInteropMemberType(call: ts.CallExpression | ts.NewExpression): ts.Type | undefined {
    const { ts } = this;
    const callee = skipOuterExpressions(ts, call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    let receiver = skipOuterExpressions(ts, callee.expression);
    if (ts.isIdentifier(receiver)) {
      const declaration = this.getSymbol(receiver)?.valueDeclaration;
      if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
      if ((declaration.parent.flags & ts.NodeFlags.Const) === 0) return undefined;
      receiver = skipOuterExpressions(ts, declaration.initializer);
    }
    const instance = ts.isNewExpression(receiver) ? this.getInteropValueType(receiver) : undefined;
    const member = instance?.getProperty(callee.name.text);
    return member && this.checker.getTypeOfSymbolAtLocation(member, call);
  }

  /**
   * The declaration a call resolves to (the implementation when it is in the program). When every
   * signature of the callee's type is one function (its overloads, or a single signature), that
   * function is the answer whichever signature the call picks: the callee's type is enough, and
   * resolving the call (checking its arguments, inferring type arguments) is not needed. For the
   * overloads of a declared function, which have no implementation, that is their first.
   */
  getCalleeDeclaration(call: ts.CallLikeExpression): ts.SignatureDeclaration | undefined {
    let declaration = this.calleeDeclarations.get(call);
    if (declaration === undefined) {
      const sole = this.signatures.has(call) ? undefined : this.getSoleImplementation(call);
      const resolved = sole ?? this.getSignature(call)?.getDeclaration();
      declaration = (resolved && this.getImplementation(resolved)) ?? null;
      this.calleeDeclarations.set(call, declaration);
    }
    return declaration ?? undefined;
  }

  /**
   * The one function all of the callee's (call or construct) signatures belong to, if they do:
   * one implementation, or the overloads of one declared function (`net.connect`'s three, bound to
   * one symbol in one container), which stand for it by their first. What the engine asks of a
   * callee's declaration (a body in the program, the origin the catalog matches, a lookup or a
   * borrowing function) is the same for each overload of a declared function.
   */
  private getSoleImplementation(call: ts.CallLikeExpression): ts.SignatureDeclaration | undefined {
    const { ts } = this;
    if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return undefined;
    let sole: ts.SignatureDeclaration | undefined;
    for (const signature of this.getCalleeSignatures(call) ?? []) {
      const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
      const implementation = declaration && this.getImplementation(declaration);
      if (!implementation) return undefined;
      if (sole && implementation !== sole && !isOverloadOfSameDeclared(sole, implementation)) return undefined;
      sole ??= implementation;
    }
    return sole;
  }

  /**
   * The declaration that runs when a signature declared by `declaration` is called: an overload
   * signature's implementation (in the same container, with the body) when there is one, else itself.
   */
  getImplementation(declaration: ts.SignatureDeclaration): ts.SignatureDeclaration {
    const { ts } = this;
    if (ts.isFunctionLike(declaration) && !(declaration as ts.FunctionLikeDeclaration).body) {
      const symbol = (declaration as { symbol?: ts.Symbol }).symbol;
      const implementation = symbol?.getDeclarations()?.find(
        (d) => ts.isFunctionLike(d) && (d as ts.FunctionLikeDeclaration).body !== undefined,
      );
      if (implementation) return implementation as ts.SignatureDeclaration;
    }
    return declaration;
  }

  /**
   * The declarations of what a call calls (`net.createServer`, an imported `spawn`), found through
   * the callee's symbol: no overload resolution, so no checking of the arguments. Enough to ask
   * "is this a call to that API?" before paying for getResolvedSignature. With `memberNames`, a
   * member call is only resolved when its name is one of them.
   *
   * Identity, not spelling: an import alias leads to what it re-exports, at any depth; a variable,
   * parameter, property or destructured binding (`const get = http.get`, `const { request } =
   * https`, `get: typeof http.get`) leads to the declarations of its type's call and construct
   * signatures at the call, where the checker has narrowed it (`let get = http.get; if (secure)
   * get = https.get;` gives both). Those come after the holder's own declarations.
   */
  getCalleeSymbolDeclarations(call: ts.CallExpression | ts.NewExpression, memberNames?: ReadonlySet<string>): readonly ts.Declaration[] {
    const { ts } = this;
    const callee = skipToCallee(ts, call.expression);
    // `x.get(…)` can only be `http.get` if the member is called `get`; the receiver's type (costly
    // in JavaScript, which tsc does not otherwise check) is needed only then. A plain identifier
    // is resolved by scope, aliases (`import { get as fetchPage }`, `const fetchPage = http.get`)
    // included.
    if (ts.isPropertyAccessExpression(callee) && memberNames && !memberNames.has(callee.name.text)) return [];
    const name = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
    const declarations = (name && this.getSymbol(name)?.getDeclarations()) ?? [];
    if (!name || !declarations.some((declaration) => this.isValueHolder(declaration))) return declarations;
    // A variable or parameter is typed only if what it is given may be one of the APIs asked about.
    if (ts.isCallExpression(call) && ts.isIdentifier(callee) && memberNames && !mayDenoteNamed(this, callee, memberNames)) return declarations;
    return [...declarations, ...this.getCalledSignatureDeclarations(name, ts.isNewExpression(call))];
  }

  /**
   * A declaration that holds a function value rather than being one: a variable, parameter,
   * property or binding. A variable initialised with a function expression is that function.
   */
  private isValueHolder(declaration: ts.Declaration): boolean {
    const { ts } = this;
    if (ts.isVariableDeclaration(declaration)) {
      const initializer = declaration.initializer && skipOuterExpressions(ts, declaration.initializer);
      return !initializer || !(ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer) || ts.isClassExpression(initializer));
    }
    return (
      ts.isParameter(declaration) ||
      ts.isBindingElement(declaration) ||
      ts.isPropertyDeclaration(declaration) ||
      ts.isPropertySignature(declaration) ||
      ts.isPropertyAssignment(declaration) ||
      ts.isShorthandPropertyAssignment(declaration)
    );
  }

  /** The declarations of the call (or construct) signatures of a callee's type at the call, union members included. */
  private getCalledSignatureDeclarations(name: ts.Node, isNew: boolean): ts.Declaration[] {
    let found = this.calledDeclarations.get(name);
    if (!found) {
      const type = this.checker.getTypeAtLocation(name);
      found = [];
      for (const part of type.isUnion() ? type.types : [type]) {
        for (const signature of isNew ? part.getConstructSignatures() : part.getCallSignatures()) {
          const declaration = signature.getDeclaration() as ts.Declaration | undefined;
          if (declaration && !found.includes(declaration)) found.push(declaration);
        }
      }
      this.calledDeclarations.set(name, found);
    }
    return found;
  }

  /**
   * The parameter of `fn` an expression reads, directly or through a local copy of it (`const cb =
   * callback`); undefined for anything else.
   */
  getOwnParameter(expression: ts.Expression, fn: ts.SignatureDeclaration): ts.ParameterDeclaration | undefined {
    const { ts } = this;
    const node = skipOuterExpressions(ts, expression);
    if (!ts.isIdentifier(node)) return undefined;
    let declaration = this.getSymbol(node)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(skipOuterExpressions(ts, declaration.initializer))) {
      declaration = this.getSymbol(skipOuterExpressions(ts, declaration.initializer))?.valueDeclaration;
    }
    return declaration !== undefined && ts.isParameter(declaration) && declaration.parent === fn ? declaration : undefined;
  }

  /**
   * The expression a value comes from: itself, or for a variable, what it was initialised with
   * (`const options = { … }; f(options)`). Undefined for a variable with no initializer.
   */
  resolveInitializer(expression: ts.Expression): ts.Expression | undefined {
    const { ts } = this;
    const node = skipOuterExpressions(ts, expression);
    if (!ts.isIdentifier(node)) return node;
    const declaration = this.getSymbol(node)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    return skipOuterExpressions(ts, declaration.initializer);
  }

  /**
   * Every value a variable is given: its initializer and the right-hand sides of the assignments to
   * it in its file (`let server; … server = createServer(…)`). For anything but a variable, the
   * expression itself.
   */
  getAssignedValues(expression: ts.Expression): readonly ts.Expression[] {
    const { ts } = this;
    const node = skipOuterExpressions(ts, expression);
    if (!ts.isIdentifier(node)) return [node];
    const symbol = this.getSymbol(node);
    const declaration = symbol?.valueDeclaration;
    if (!symbol || !declaration || !ts.isVariableDeclaration(declaration)) return [];
    let values = this.assignedValues.get(symbol);
    if (!values) {
      const found: ts.Expression[] = declaration.initializer ? [skipOuterExpressions(ts, declaration.initializer)] : [];
      // The file's assignments by name (one walk for every variable), then those to this one.
      for (const assignment of getAssignmentsNamed(ts, declaration.getSourceFile(), symbol.name)) {
        if (assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken && this.getSymbol(assignment.left) === symbol) {
          found.push(skipOuterExpressions(ts, assignment.right));
        }
      }
      this.assignedValues.set(symbol, (values = found));
    }
    return values;
  }

  /** Whether a declaration is a lib lookup (`Map.get`): what it returns, its holder still holds. */
  isLookupFunction(declaration: ts.Node): boolean {
    return builtinLookupFunctions.some((specifier) => this.catalog.declarationMatches(declaration, specifier));
  }

  /** Whether a declaration is one the options or the built-in table say only borrows its arguments. */
  isBorrowingFunction(declaration: ts.Node): boolean {
    return this.borrowing.some((specifier) => this.catalog.declarationMatches(declaration, specifier));
  }
}

const contexts = new WeakMap<ts.Program, Map<string, AnalysisContext>>();

/** Options one check reads for itself: they change none of the facts checks share. */
const checkOnlyOptions: ReadonlySet<string> = new Set(['listenerTypes', 'requireFinWaitTimeout']);
/** Lists whose absence and emptiness mean the same. */
const listOptions: ReadonlySet<string> = new Set(['resources', 'presets', 'borrowingFunctions']);
/** Switches whose absence and this value mean the same (a rule's defaults spell them out, the others leave them out). */
const switchDefaults: ReadonlyMap<string, boolean> = new Map([['checkThrowingCalls', false]]);

/**
 * The options that shape the shared analysis (the resource kinds, what borrows), in a canonical
 * form: rules configured alike (ESLint's recommended rules, each with its own defaults) share one
 * context, so one catalog, one set of summaries and one cache per Program.
 */
function getSharedOptions(options: EngineOptions): EngineOptions {
  const shared: Record<string, unknown> = {};
  for (const key of Object.keys(options).sort()) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined || checkOnlyOptions.has(key)) continue;
    if (listOptions.has(key) && Array.isArray(value) && value.length === 0) continue;
    if (switchDefaults.get(key) === value) continue;
    shared[key] = value;
  }
  return shared as EngineOptions;
}

/**
 * The shared context for this program and the shared part of these options. Checks that read an
 * option of their own (see checkOnlyOptions) take it from their own options, never from the context.
 */
export function getAnalysisContext(host: EngineHost, options: EngineOptions): AnalysisContext {
  let byOptions = contexts.get(host.program);
  if (!byOptions) contexts.set(host.program, (byOptions = new Map()));
  const shared = getSharedOptions(options);
  const key = JSON.stringify(shared);
  let context = byOptions.get(key);
  if (!context || context.host.checker !== host.checker) {
    context = new AnalysisContext(host, shared);
    byOptions.set(key, context);
  }
  return context;
}

/**
 * Two overload signatures of one declared function: no body (so no implementation stands for
 * them), bound by the binder to one symbol (same name, same container, same file).
 */
function isOverloadOfSameDeclared(a: ts.SignatureDeclaration, b: ts.SignatureDeclaration): boolean {
  const symbol = (a as { symbol?: ts.Symbol }).symbol;
  return symbol !== undefined && symbol === (b as { symbol?: ts.Symbol }).symbol && !hasBody(a) && !hasBody(b);
}

function hasBody(declaration: ts.SignatureDeclaration): boolean {
  return (declaration as ts.FunctionLikeDeclaration).body !== undefined;
}
