/**
 * Classes that own a resource (wrappers), computed per class and cached per Program and options.
 *
 * - Owning fields: the class's own (owning-fields.ts) plus those of its base classes in the program.
 * - Release methods: the instance methods (own or inherited) that release every owning field on
 *   every path that releases anything (release-methods.ts); `[Symbol.dispose]` and
 *   `[Symbol.asyncDispose]` are methods like any other.
 * - A class with owning fields and a release method is a resource kind of its own (named by the
 *   class, released by those methods), so its instances are followed like sockets, wrappers of
 *   wrappers included: a field's kind may itself be a wrapper's, computed on demand; a cycle
 *   (class A owns a B that owns an A) is cut by treating the class under computation as no kind.
 * - A *self-managing* class releases what it owns by itself: its constructor (or a method it
 *   calls) registers a callback that releases every owning field (an `'end'`, `'error'` or
 *   `'timeout'` listener, a timer; not `'close'`, which fires only once the socket is already
 *   closed), or reads a socket field to its end (a `'data'` listener, `pipe`), after which Node
 *   ends it at the peer's FIN. Its instances carry no obligation for their creator.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../lifecycle/context.js';
import { functionMayDischarge } from '../lifecycle/effects.js';
import { getMethodCall, getStringLiteralValue, isFunctionWithBody, isWithin, listenerMethods, skipOuterExpressions, type FunctionWithBody } from '../lifecycle/syntax.js';
import type { ResourceKind } from '../resources/kinds.js';
import { isOwnFieldAccess } from '../lifecycle/resource.js';
import { getOwningFields, getPropertySymbols, type OwningField } from './owning-fields.js';
import { getFieldResource, getMethodReleases, releasesAll, type MethodReleases } from './release-methods.js';

export interface ReleaseMethod {
  readonly name: string;
  readonly declaration: FunctionWithBody;
  /** It returns a promise: a suggested call is awaited. */
  readonly isAsync: boolean;
}

export interface ClassSummary {
  readonly declaration: ts.ClassLikeDeclaration;
  readonly name: string;
  /** Owning fields, inherited ones first. */
  readonly fields: readonly OwningField[];
  readonly releaseMethods: readonly ReleaseMethod[];
  readonly selfManaging: boolean;
  /** The resource kind of its instances: there are owning fields and a release method, and it does not manage itself. */
  readonly kind: ResourceKind | undefined;
  /** What each instance method releases (own and inherited methods), for reports. */
  readonly methods: ReadonlyMap<FunctionWithBody, { readonly name: string; readonly releases: MethodReleases }>;
}

const inProgress = Symbol('in progress');
const summaries = new WeakMap<AnalysisContext, Map<ts.Node, ClassSummary | typeof inProgress>>();

/** The summary of a class of the program (undefined for a class in a declaration file, or in a cycle). */
export function getClassSummary(context: AnalysisContext, declaration: ts.ClassLikeDeclaration): ClassSummary | undefined {
  if (declaration.getSourceFile().isDeclarationFile) return undefined;
  let cache = summaries.get(context);
  if (!cache) summaries.set(context, (cache = new Map()));
  const cached = cache.get(declaration);
  if (cached === inProgress) return undefined;
  if (cached) return cached;
  cache.set(declaration, inProgress);
  try {
    const summary = computeSummary(context, declaration);
    cache.set(declaration, summary);
    return summary;
  } catch (error) {
    cache.delete(declaration);
    throw error;
  }
}

/** The wrapper kind of a class declaration, if it is one. */
export function getWrapperKind(context: AnalysisContext, declaration: ts.ClassLikeDeclaration): ResourceKind | undefined {
  return getClassSummary(context, declaration)?.kind;
}

function computeSummary(context: AnalysisContext, declaration: ts.ClassLikeDeclaration): ClassSummary {
  const base = getBaseClass(context, declaration);
  const baseSummary = base ? getClassSummary(context, base) : undefined;
  // Inherited fields: the subclass's own symbols for them count too (JavaScript expandos).
  const inherited = (baseSummary?.fields ?? []).map((field) => ({
    ...field,
    symbols: new Set([...field.symbols, ...getPropertySymbols(context, declaration, field.symbol)]),
  }));
  const fields = [...inherited, ...getOwningFields(context, declaration)];
  const name = getClassName(context.ts, declaration);
  if (fields.length === 0) {
    return { declaration, name, fields, releaseMethods: [], selfManaging: false, kind: undefined, methods: new Map() };
  }
  // Whether the class manages itself is cheap to ask; what each method releases is not (a graph
  // per method). A self-managing class is no kind whatever its methods release, so, asked for its
  // kind from another file (an editor's re-lint asks again after every edit), it is not computed;
  // only the class's own findings read it. Any other class needs it now, for its kind.
  const selfManaging = isSelfManaging(context, declaration, fields);
  let releases: Releases | undefined;
  const getReleases = (): Releases => (releases ??= getReleaseMethods(context, declaration, fields));
  const kind = selfManaging ? undefined : getWrapperKindOf(name, getReleases());
  return {
    declaration,
    name,
    fields,
    selfManaging,
    kind,
    get releaseMethods() {
      return getReleases().releaseMethods;
    },
    get methods() {
      return getReleases().methods;
    },
  };
}

/** The kind a class that does not manage itself makes, when some method releases every field. */
function getWrapperKindOf(name: string, { releaseMethods, transferMethods }: Releases): ResourceKind | undefined {
  return releaseMethods.length > 0 ? createWrapperKind(name, releaseMethods, transferMethods) : undefined;
}

interface Releases {
  readonly releaseMethods: readonly ReleaseMethod[];
  /** Methods that release every field but also store into one (see getReleaseMethods). */
  readonly transferMethods: readonly ReleaseMethod[];
  readonly methods: ReadonlyMap<FunctionWithBody, { readonly name: string; readonly releases: MethodReleases }>;
}

/** What each instance method (own and inherited) releases, and which of them release every owning field. */
function getReleaseMethods(context: AnalysisContext, declaration: ts.ClassLikeDeclaration, fields: readonly OwningField[]): Releases {
  const { ts } = context;
  const methods = new Map<FunctionWithBody, { name: string; releases: MethodReleases }>();
  const candidates = getInstanceMethods(context, declaration);
  const computing = new Set<ts.Node>();
  const lookup = (method: ts.Node): MethodReleases | undefined => {
    if (!isFunctionWithBody(ts, method) || computing.has(method)) return undefined;
    const known = methods.get(method);
    if (known) return known.releases;
    const methodName = candidates.find((candidate) => candidate.declaration === method)?.name ?? getMemberName(context, method);
    computing.add(method);
    const releases = getMethodReleases(context, method, fields, lookup);
    computing.delete(method);
    methods.set(method, { name: methodName, releases });
    return releases;
  };
  const releaseMethods: ReleaseMethod[] = [];
  const transferMethods: ReleaseMethod[] = [];
  for (const candidate of candidates) {
    const releases = lookup(candidate.declaration);
    if (!releases || !releasesAll(releases, fields.length)) continue;
    const method = { ...candidate, isAsync: returnsPromise(context, candidate.declaration) };
    // A method that also stores a resource in an owning field (`connect()` that opens the socket and
    // resolves with it) hands it over rather than releasing it: calling it settles the instance, but
    // it is not what a message tells users to call.
    if (fields.some((field) => field.stores.some((store) => isWithin(store, candidate.declaration)))) transferMethods.push(method);
    else releaseMethods.push(method);
  }
  return { releaseMethods, transferMethods, methods };
}

/**
 * The name a class is known by: its own, or for a class expression the name it is given
 * (`const Conn = class { … }`, `{ Conn: class { … } }`); a name-less one is "anonymous class"
 * (messages put "The" before it).
 */
function getClassName(ts: AnalysisContext['ts'], declaration: ts.ClassLikeDeclaration): string {
  if (declaration.name) return declaration.name.text;
  const parent = declaration.parent;
  const holder = (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) ? parent.name : undefined;
  return holder && ts.isIdentifier(holder) ? holder.text : 'anonymous class';
}

function createWrapperKind(name: string, releaseMethods: readonly ReleaseMethod[], transferMethods: readonly ReleaseMethod[]): ResourceKind {
  // What users call by name (`close()`) before what `using` calls (`[Symbol.dispose]`).
  const byPlainNameFirst = [...releaseMethods].sort((a, b) => Number(a.name.startsWith('[')) - Number(b.name.startsWith('[')));
  const first = byPlainNameFirst[0]!;
  const named = [...new Set(byPlainNameFirst.map((method) => method.name))];
  const release = [...new Set([...named, ...transferMethods.map((method) => method.name)])];
  return {
    name,
    noun: name,
    family: 'socket',
    types: [],
    release,
    releaseHint: named.slice(0, 2).map((method) => `${method}()`).join(' or '),
    // `x[Symbol.dispose]()`, not `x.[Symbol.dispose]()`.
    suggestedRelease: first.name.startsWith('[') ? `{{name}}${first.name}()` : `{{name}}.${first.name}()`,
    ...(first.isAsync ? { asyncRelease: true } : {}),
  };
}

/** The base class when it is a class of the program (`class B extends A`, `extends mixin(A)` is not followed). */
function getBaseClass(context: AnalysisContext, declaration: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
  const { ts, checker } = context;
  const heritage = declaration.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  if (!heritage) return undefined;
  const symbol = checker.getTypeAtLocation(heritage.expression).getSymbol();
  const type = symbol ? checker.getDeclaredTypeOfSymbol(symbol) : undefined;
  const base = (type?.getSymbol() ?? symbol)?.getDeclarations()?.find((candidate) => ts.isClassLike(candidate));
  return base && ts.isClassLike(base) && !base.getSourceFile().isDeclarationFile ? base : undefined;
}

interface Candidate {
  readonly name: string;
  readonly declaration: FunctionWithBody;
}

/** Instance methods with a body, the class's own first, then inherited ones it does not override. */
function getInstanceMethods(context: AnalysisContext, declaration: ts.ClassLikeDeclaration): Candidate[] {
  const { ts } = context;
  const methods: Candidate[] = [];
  const names = new Set<string>();
  for (let cls: ts.ClassLikeDeclaration | undefined = declaration; cls; cls = getBaseClass(context, cls)) {
    for (const member of cls.members) {
      if (isStaticMember(context, member) || !member.name) continue;
      const fn = ts.isMethodDeclaration(member)
        ? member
        : ts.isPropertyDeclaration(member) && member.initializer
          ? skipOuterExpressions(ts, member.initializer)
          : undefined;
      if (!fn || !isFunctionWithBody(ts, fn)) continue;
      const name = getMemberName(context, member);
      if (names.has(name)) continue;
      names.add(name);
      methods.push({ name, declaration: fn });
    }
  }
  return methods;
}

function isStaticMember(context: AnalysisContext, member: ts.ClassElement): boolean {
  const { ts } = context;
  return ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
}

/** `close`, `#close`, `[Symbol.dispose]`. */
function getMemberName(context: AnalysisContext, member: ts.Node): string {
  const { ts } = context;
  const node = ts.isMethodDeclaration(member) || ts.isPropertyDeclaration(member) ? member : member.parent;
  const name = (node as { name?: ts.PropertyName }).name;
  if (!name) return 'anonymous';
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return name.getText();
}

function returnsPromise(context: AnalysisContext, fn: FunctionWithBody): boolean {
  const { ts, checker } = context;
  if ((ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0) return true;
  const signature = checker.getSignatureFromDeclaration(fn);
  if (!signature) return false;
  const type = checker.getReturnTypeOfSignature(signature);
  return checker.getAwaitedType(type) !== type;
}

/**
 * Whether the class releases what it owns by itself (see the header): for every owning field,
 * some member of the class reads it to its end (a socket), or registers an event listener (not for
 * `'close'`) or a timer whose callback may release it, directly or through a method of the class.
 */
function isSelfManaging(context: AnalysisContext, declaration: ts.ClassLikeDeclaration, fields: readonly OwningField[]): boolean {
  const { ts } = context;
  const members = getMemberFunctions(context, declaration);
  return fields.every((field) => {
    const consumable = field.kind.name === 'net.Socket';
    const mayRelease = getMayRelease(context, field, consumable);
    return members.some((fn) => {
      let managed = false;
      const visit = (node: ts.Node): void => {
        if (managed) return;
        if (ts.isCallExpression(node)) {
          if (consumable && isConsumingFieldCall(context, node, field)) {
            managed = true;
            return;
          }
          const callbacks = getEventCallbacks(context, node);
          if (callbacks.some((callback) => mayRelease(callback))) {
            managed = true;
            return;
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(fn.body);
      return managed;
    });
  });
}

/** Every function of the class body: constructor, methods, accessors, arrow-function properties (and its bases'). */
export function getMemberFunctions(context: AnalysisContext, declaration: ts.ClassLikeDeclaration): FunctionWithBody[] {
  const { ts } = context;
  const found: FunctionWithBody[] = [];
  for (let cls: ts.ClassLikeDeclaration | undefined = declaration; cls; cls = getBaseClass(context, cls)) {
    for (const member of cls.members) {
      const fn = isFunctionWithBody(ts, member)
        ? member
        : ts.isPropertyDeclaration(member) && member.initializer
          ? skipOuterExpressions(ts, member.initializer)
          : undefined;
      if (fn && isFunctionWithBody(ts, fn)) found.push(fn);
    }
  }
  return found;
}

/**
 * "May this function release the field?", flow-insensitively, following calls of the class's own
 * methods (`() => this.onTimeout()` where `onTimeout` calls `this.closeSocket()`), memoised.
 */
function getMayRelease(context: AnalysisContext, field: OwningField, consumable: boolean): (fn: FunctionWithBody) => boolean {
  const { ts } = context;
  const memo = new Map<ts.Node, boolean>();
  const mayRelease = (fn: FunctionWithBody): boolean => {
    const known = memo.get(fn);
    if (known !== undefined) return known;
    memo.set(fn, false);
    // A listener set up where the field was stored may close the socket by the variable it came in
    // (`sock.on('error', () => sock.destroy())`).
    let result = functionMayDischarge(context, fn, { ...getFieldResource(context, fn, field, field.values), consumable });
    if (!result) {
      const visit = (node: ts.Node): void => {
        if (result) return;
        if (ts.isCallExpression(node)) {
          const callee = getOwnMethodCallee(context, node);
          if (callee && mayRelease(callee)) {
            result = true;
            return;
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(fn.body);
    }
    memo.set(fn, result);
    return result;
  };
  return mayRelease;
}

/** The method of `this` a call calls, when it has a body in the program. */
function getOwnMethodCallee(context: AnalysisContext, call: ts.CallExpression): FunctionWithBody | undefined {
  const { ts } = context;
  const method = getMethodCall(ts, call);
  if (!method) return undefined;
  const receiver = skipOuterExpressions(ts, method.receiver).kind;
  if (receiver !== ts.SyntaxKind.ThisKeyword && receiver !== ts.SyntaxKind.SuperKeyword) return undefined;
  const callee = context.getCalleeDeclaration(call);
  if (!callee || callee.getSourceFile().isDeclarationFile) return undefined;
  if (isFunctionWithBody(ts, callee)) return callee;
  return undefined;
}

const timerFunctions: ReadonlySet<string> = new Set(['setTimeout', 'setInterval', 'setImmediate']);

/**
 * The callbacks a call registers for later: an event listener (`x.on(event, cb)`, any emitter,
 * but not `'close'`), a timer (`setTimeout(cb, ms)`, the global one), a socket's idle timeout
 * (`socket.setTimeout(ms, cb)`). A callback named as `this.method` or an arrow-function property
 * is followed to its function.
 */
function getEventCallbacks(context: AnalysisContext, call: ts.CallExpression): FunctionWithBody[] {
  const { ts } = context;
  const method = getMethodCall(ts, call);
  let candidates: readonly ts.Expression[] = [];
  if (method && listenerMethods.has(method.name)) {
    if (getStringLiteralValue(ts, call.arguments[0]) === 'close') return [];
    candidates = call.arguments.slice(1);
  } else if (method?.name === 'setTimeout') {
    candidates = call.arguments;
  } else if (ts.isIdentifier(skipOuterExpressions(ts, call.expression)) && timerFunctions.has((skipOuterExpressions(ts, call.expression) as ts.Identifier).text)) {
    const declaration = context.getCalleeDeclaration(call);
    if (declaration?.getSourceFile().isDeclarationFile) candidates = call.arguments;
  }
  const callbacks: FunctionWithBody[] = [];
  for (const candidate of candidates) {
    const fn = resolveCallback(context, candidate);
    if (fn) callbacks.push(fn);
  }
  return callbacks;
}

/** An inline function, a local function, or `this.method` / an arrow-function property of the class. */
function resolveCallback(context: AnalysisContext, expression: ts.Expression): FunctionWithBody | undefined {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  if (isFunctionWithBody(ts, node)) return node;
  const name = ts.isIdentifier(node) ? node : ts.isPropertyAccessExpression(node) ? node.name : undefined;
  const declaration = name && context.getSymbol(name)?.valueDeclaration;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
  if (isFunctionWithBody(ts, declaration)) return declaration;
  const initializer = (ts.isPropertyDeclaration(declaration) || ts.isVariableDeclaration(declaration)) && declaration.initializer
    ? skipOuterExpressions(ts, declaration.initializer)
    : undefined;
  // `this.onData = (data) => this.handle(data)` in a method: the assignment's right-hand side.
  const assignment = declaration.parent;
  if (!initializer && ts.isBinaryExpression(assignment) && (assignment.left as ts.Node) === declaration) {
    const value = skipOuterExpressions(ts, assignment.right);
    return isFunctionWithBody(ts, value) ? value : undefined;
  }
  return initializer && isFunctionWithBody(ts, initializer) ? initializer : undefined;
}

/** `this.socket.on('data', …)`, `this.socket.pipe(…)`, `this.socket.resume()`. */
function isConsumingFieldCall(context: AnalysisContext, call: ts.CallExpression, field: OwningField): boolean {
  const { ts } = context;
  const method = getMethodCall(ts, call);
  if (!method) return false;
  const receiver = skipOuterExpressions(ts, method.receiver);
  // `this.sock`, or `sock` of `constructor(private readonly sock: net.Socket)` (OwningField.values).
  const symbol = ts.isIdentifier(receiver) ? context.getSymbol(receiver) : undefined;
  const isField = ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword && isOwnFieldAccess(context, receiver, field.symbols);
  if (!isField && !(symbol && field.values.has(symbol))) return false;
  if (method.name === 'pipe' || method.name === 'resume') return true;
  return listenerMethods.has(method.name) && ['data', 'readable'].includes(getStringLiteralValue(ts, call.arguments[0]) ?? '');
}
