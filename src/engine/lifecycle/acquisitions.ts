/**
 * Acquisitions: where a function body comes to own a resource.
 *
 * - A *creation*: `new X(…)` of a resource type, a call to a declared API whose (awaited) return
 *   type is a resource and not `this` (`net.connect`, `dgram.createSocket`, `listener.accept()`),
 *   or a call to a function of the program whose summary says it returns a fresh one.
 * - A *received* socket: a parameter of a connection handler (see received.ts).
 *
 * Where the created value goes decides whether it is tracked: bound to a local variable (tracked,
 * with its aliases), disposed by `using`, released on the spot, handed off (returned, stored,
 * passed to an owner), or discarded (a finding of its own: nothing can ever release it).
 */
import type * as ts from 'typescript';
import { getBodyKind, type ResourceFamily, type ResourceKind } from '../resources/kinds.js';
import { isOptionTrue } from './call-options.js';
import { chainMethods, getChainLinkKind } from './promise-chains.js';
import type { AnalysisContext } from './context.js';
import { mayCreateResource } from '../prefilter/may-create.js';
import { isDischargingCallback, isDischargingThisCallback } from './effects.js';
import { calleeTakesOwnership, hasBodyInProgram } from './ownership.js';
import { callPassesThrough, isResourceExpression, probeResource, returnsThis, signatureReturnsThis, type ReceivedSocket, type TrackedResource } from './resource.js';
import { summaryReturnsFresh } from './summaries.js';
import { getBodyNodes } from './file-index.js';
import { getTakenOut } from './taken-out.js';
import { getFallbackCalleeKind } from './fallback-callees.js';
import {
  forEachDescendant,
  getMethodCall,
  getOutermostWrapper,
  getParameterOfArgument,
  isFunctionWithBody,
  skipOuterExpressions,
  type FunctionWithBody,
} from './syntax.js';

/** The kind of resource a call or `new` creates, if it creates one. */
export function getCreationKind(context: AnalysisContext, node: ts.CallExpression | ts.NewExpression): ResourceKind | undefined {
  // Most calls cannot create anything, and a name says so without a question to the checker.
  if (!mayCreateResource(context, node)) return undefined;
  const { ts, checker, catalog } = context;
  // `fetch(url).then((res) => …)`: a link of a promise chain hands a resource on, or does not.
  if (ts.isCallExpression(node) && isChainLinkCall(ts, node)) {
    return getChainLinkKind(context, node, (inner) => getCreationKind(context, inner));
  }
  // `fetch.call(undefined, url)`, `open.apply(this, args)`: a call of the function itself.
  const invoked = ts.isCallExpression(node) ? getFunctionInvokedByCall(context, node) : undefined;
  if (invoked) return getInvokedCreationKind(context, node as ts.CallExpression, invoked);
  // Cheap tests first: only a callee that can return a resource is worth resolving the call for.
  const callee = getReturningCallee(context, node);
  if (!callee) {
    // `(this._fetch ?? fetch)(url)` with an untyped override: the fallback's kind.
    const fallback = ts.isCallExpression(node) ? getFallbackCalleeKind(context, node) : undefined;
    return fallback?.family === 'response' && isHeadRequest(context, node as ts.CallExpression) ? undefined : fallback;
  }
  if (ts.isNewExpression(node)) {
    const kind = catalog.getKindOfType(callee.instanceType ?? checker.getTypeAtLocation(node));
    if (!kind || kind.notCreatedByNew) return undefined;
    // `new http.Agent()` pools nothing without `keepAlive: true`.
    const option = kind.onlyWithOption;
    if (option !== undefined && !node.arguments?.some((argument) => isOptionTrue(context, argument, option))) return undefined;
    return kind;
  }
  // `net.connect(…)`: overloads that all return the same kind need no overload resolution.
  const agreed = getOverloadsKind(context, node);
  let kind: ResourceKind | undefined;
  if (agreed !== 'disagree') {
    kind = agreed;
  } else {
    const declaration = context.getCalleeDeclaration(node);
    if (declaration && hasBodyInProgram(context, declaration)) {
      const fresh = summaryReturnsFresh(context, declaration);
      // `function describe(host: string): Info; function describe(port: number): Socket; …`: the
      // overload the call picks says what the caller gets, whatever else the implementation returns.
      return fresh && picksOverloadWithoutRelease(context, node, declaration, fresh) ? undefined : fresh;
    }
    // `sockets.get(id)`: a lookup hands back what the map still holds.
    if (declaration && context.isLookupFunction(declaration)) return undefined;
    const signature = context.getSignature(node);
    if (!signature) return undefined;
    kind = getDeclaredReturnKind(context, signature, context.getSignatureDeclaration(node), declaration);
  }
  // A HEAD request's response has no body to read.
  if (kind?.family === 'response' && isHeadRequest(context, node)) return undefined;
  return kind;
}

/**
 * Whether the call picks an overload signature of a function of the program (not the
 * implementation) whose declared return type, awaited, has no way to release `kind`: no part of it
 * has one of the kind's release methods (`string`, `Info`, `Date`, `Map<…>`, `undefined`). The
 * implementation's summary covers every overload, so without this a string or data overload of a
 * socket factory read as a creation, and the caller was asked to `end()` what has no `end()`. A
 * part that is `any`, `unknown` or generic may be anything, and keeps the summary's answer.
 */
function picksOverloadWithoutRelease(context: AnalysisContext, call: ts.CallExpression, implementation: ts.FunctionLikeDeclaration, kind: ResourceKind): boolean {
  const { ts, checker } = context;
  const overload = context.getSignatureDeclaration(call);
  if (!overload || overload === implementation || (overload as ts.FunctionLikeDeclaration).body !== undefined) return false;
  const signature = context.getSignature(call);
  if (!signature) return false;
  const returned = checker.getReturnTypeOfSignature(signature);
  const awaited = checker.getAwaitedType(returned) ?? returned;
  const releases = [...kind.release, ...(kind.body ? [kind.body.property] : [])];
  if (releases.length === 0) return false;
  const open = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeVariable | ts.TypeFlags.Index | ts.TypeFlags.Conditional | ts.TypeFlags.Substitution;
  return (awaited.isUnion() ? awaited.types : [awaited]).every(
    (part) => (part.flags & open) === 0 && !releases.some((name) => part.getProperty(name) !== undefined),
  );
}

/**
 * The kind a declared signature creates when a call resolves to it: its return type's, awaited,
 * unless it returns `this` or its own receiver (ResourceKind.returnsSelf), exactly a type
 * parameter (a generic hands back what it was given), or is named by the kind as no creation.
 * `signatureDeclaration`: the overload's declaration; `declaration`: what runs (getCalleeDeclaration).
 */
function getDeclaredReturnKind(
  context: AnalysisContext,
  signature: ts.Signature,
  signatureDeclaration: ts.SignatureDeclaration | undefined,
  declaration: ts.SignatureDeclaration | undefined,
): ResourceKind | undefined {
  const { checker, catalog } = context;
  if ((signatureDeclaration && signatureReturnsThis(context, signatureDeclaration)) || returnsTypeParameter(context, signature)) return undefined;
  const type = checker.getReturnTypeOfSignature(signature);
  const kind = catalog.getKindOfType(checker.getAwaitedType(type) ?? type);
  if (!kind || !declaration) return kind;
  if (kind.notCreatedBy?.some((specifier) => catalog.declarationMatches(declaration, specifier))) return undefined;
  if (kind.returnsSelf?.some((specifier) => catalog.declarationMatches(declaration, specifier))) return undefined;
  return kind;
}

/**
 * The kind a call of several declared overloads creates when every overload would give the same
 * answer (`net.connect`'s three all return a Socket; `once`'s two, no resource): whichever one
 * the checker picks, so it need not pick one. Overload resolution checks every argument against
 * each candidate, and was most of what a creation cost in code that makes many connections.
 * 'disagree' when they differ, when one is generic (resolution instantiates it) or has a body in
 * the program (its summary decides), or when the call has type arguments.
 */
function getOverloadsKind(context: AnalysisContext, call: ts.CallExpression): ResourceKind | undefined | 'disagree' {
  const candidates = call.typeArguments ? undefined : context.getCalleeSignatures(call);
  if (!candidates || candidates.length < 2) return 'disagree';
  return getSignatureAnswers(context).overloadsKind.get(candidates, () => {
    let agreed: ResourceKind | undefined | 'disagree' = 'disagree';
    for (const signature of candidates) {
      const overload = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
      if (!overload || signature.getTypeParameters()?.length) return 'disagree';
      const declaration = context.getImplementation(overload);
      if (hasBodyInProgram(context, declaration)) return 'disagree';
      const kind = context.isLookupFunction(declaration) ? undefined : getDeclaredReturnKind(context, signature, overload, declaration);
      if (agreed !== 'disagree' && kind !== agreed) return 'disagree';
      agreed = kind;
    }
    return agreed;
  });
}

/** Answers about a callee's signatures, by the list the checker gave (getCalleeSignatures). */
class SignatureMemo<T> {
  private readonly answers = new WeakMap<readonly ts.Signature[], { readonly value: T }>();

  get(signatures: readonly ts.Signature[], compute: () => T): T {
    let answer = this.answers.get(signatures);
    if (!answer) this.answers.set(signatures, (answer = { value: compute() }));
    return answer.value;
  }
}

/**
 * Per Program (the catalog and the checker): what getReturningCallee and getOverloadsKind read off
 * a callee's signatures. The checker hands out one list per callee type (`net.connect`'s
 * overloads, a method of a class), so each callee is read once, not at every call of it.
 */
interface SignatureAnswers {
  readonly mayReturn: SignatureMemo<boolean>;
  readonly overloadsKind: SignatureMemo<ResourceKind | undefined | 'disagree'>;
}
const signatureAnswers = new WeakMap<AnalysisContext, SignatureAnswers>();

function getSignatureAnswers(context: AnalysisContext): SignatureAnswers {
  let answers = signatureAnswers.get(context);
  if (!answers) signatureAnswers.set(context, (answers = { mayReturn: new SignatureMemo(), overloadsKind: new SignatureMemo() }));
  return answers;
}

/**
 * `f.call(thisArg, …)` / `f.apply(thisArg, args)` of `Function.prototype` (declared in TypeScript's
 * lib, on `CallableFunction` or `Function`): the function `f` whose call it is.
 */
function getFunctionInvokedByCall(context: AnalysisContext, call: ts.CallExpression): ts.Expression | undefined {
  const { ts } = context;
  const callee = skipOuterExpressions(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'call' && callee.name.text !== 'apply')) return undefined;
  const member = context.getSymbol(callee.name)?.declarations?.[0];
  const owner = member?.parent;
  if (!owner || !ts.isInterfaceDeclaration(owner) || !member.getSourceFile().isDeclarationFile) return undefined;
  return owner.name.text === 'CallableFunction' || owner.name.text === 'Function' ? callee.expression : undefined;
}

/** What `f.call(…)` creates: what `f` returns, by its summary (a function of the program) or the call's instantiated type. */
function getInvokedCreationKind(context: AnalysisContext, call: ts.CallExpression, invoked: ts.Expression): ResourceKind | undefined {
  const { ts, checker, catalog } = context;
  const declaration = context.getSymbol(skipOuterExpressions(ts, invoked))?.valueDeclaration;
  if (declaration && hasBodyInProgram(context, declaration)) return summaryReturnsFresh(context, declaration);
  // `target.get.call(this)` in an accessor decorator: a lookup, called through `call`, still borrows.
  if (declaration && context.isLookupFunction(declaration)) return undefined;
  // With strictBindCallApply, `call`'s return type is instantiated with `f`'s.
  const type = checker.getTypeAtLocation(call);
  const kind = catalog.getKindOfType(checker.getAwaitedType(type) ?? type);
  if (!kind || (kind.family === 'response' && isHeadRequest(context, call))) return undefined;
  return kind;
}

/**
 * Whether some signature of the callee could return a resource: a function of the program (its
 * summary decides), or a declared one whose declared return type, awaited, is a resource kind.
 * Undefined when none can. Reading the callee's type needs no overload resolution, unlike the
 * call's own signature. For `new`, `instanceType` when the callee's type alone settles what the
 * expression makes.
 */
function getReturningCallee(context: AnalysisContext, node: ts.CallExpression | ts.NewExpression): { readonly instanceType?: ts.Type } | undefined {
  const { ts, checker, catalog } = context;
  const signatures = context.getCalleeSignatures(node) ?? getSignaturesOfCallee(context, node);
  const may = getSignatureAnswers(context).mayReturn.get(signatures, () =>
    signatures.some((signature) => {
      const declaration = signature.getDeclaration() as ts.Node | undefined;
      // A function of the program: its summary decides.
      if (declaration && hasBodyInProgram(context, declaration)) return true;
      const type = checker.getReturnTypeOfSignature(signature);
      return catalog.getKindOfType(checker.getAwaitedType(type) ?? type) !== undefined;
    }),
  );
  if (!may) return undefined;
  if (ts.isNewExpression(node)) {
    const instanceType = getSharedInstanceType(context, signatures);
    if (instanceType) return { instanceType };
  }
  // A module object constructed as its default export is an error to the checker (the expression
  // is `any`): a class's construct signatures all make an instance of it.
  const interop = ts.isNewExpression(node) ? context.getInteropValueType(node) : undefined;
  if (interop) return { instanceType: interop };
  return {};
}

/**
 * `new C(…)`: the type every construct signature makes, when they make one, read without resolving
 * the call. A class's constructors (overloads, or a generic class's `new <T>(…) => C<T>`) all make
 * an instance of the class, and the catalog reads its kind from the type's symbol, its bases and
 * its property names (getKindOfType), none of which the type arguments change: `new C<Socket>(…)`
 * is the kind `C<T>` is. Picking the overload and inferring the type arguments checked every
 * argument, and was most of what a `new` of a generic class of the program cost (mongodb's
 * operations). Undefined when the signatures make different types (an interface's overloads).
 */
function getSharedInstanceType(context: AnalysisContext, signatures: readonly ts.Signature[]): ts.Type | undefined {
  const { ts, checker } = context;
  let shared: ts.Type | undefined;
  let target: ts.Type | undefined;
  for (const signature of signatures) {
    const type = checker.getReturnTypeOfSignature(signature);
    const own = type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference ? (type as ts.TypeReference).target : type;
    if (own.flags & ts.TypeFlags.TypeParameter) return undefined;
    if (target !== undefined && own !== target) return undefined;
    shared ??= type;
    target = own;
  }
  return shared;
}

/** `super(…)`, `import(…)`: the signatures of the callee expression's type, as written. */
function getSignaturesOfCallee(context: AnalysisContext, node: ts.CallExpression | ts.NewExpression): readonly ts.Signature[] {
  const type = context.checker.getTypeAtLocation(node.expression);
  return context.ts.isNewExpression(node) ? type.getConstructSignatures() : type.getCallSignatures();
}

/** A method the kind says hands back its receiver (`client.connect()` resolving to the client itself). */
function returnsSelf(context: AnalysisContext, call: ts.CallExpression, kind: ResourceKind): boolean {
  if (!kind.returnsSelf) return false;
  const declaration = context.getCalleeDeclaration(call);
  return declaration !== undefined && kind.returnsSelf.some((specifier) => context.catalog.declarationMatches(declaration, specifier));
}

/** `x.then(…)` / `x.catch(…)` / `x.finally(…)`: a link of a promise chain (the receiver's type decides). */
function isChainLinkCall(ts: AnalysisContext['ts'], call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(ts, call.expression);
  return ts.isPropertyAccessExpression(callee) && chainMethods.has(callee.name.text);
}

/** A request call with `{ method: 'HEAD' }` among its arguments. */
export function isHeadRequest(context: AnalysisContext, call: ts.CallExpression): boolean {
  const { ts } = context;
  return call.arguments.some((argument) => {
    const options = skipOuterExpressions(ts, argument);
    return (
      ts.isObjectLiteralExpression(options) &&
      options.properties.some(
        (property) =>
          ts.isPropertyAssignment(property) &&
          ts.isIdentifier(property.name) &&
          property.name.text === 'method' &&
          ts.isStringLiteralLike(property.initializer) &&
          property.initializer.text.toUpperCase() === 'HEAD',
      )
    );
  });
}

/**
 * `new net.Socket()` with no descriptor of its own (no `fd`/`handle` option we can see) and not
 * connected in the same expression (`new net.Socket().connect(port)`): it holds nothing yet.
 */
function isUnopenedCreation(context: AnalysisContext, node: ts.CallExpression | ts.NewExpression, kind: ResourceKind): boolean {
  const { ts } = context;
  const openers = kind.openedBy;
  if (!openers || !ts.isNewExpression(node)) return false;
  const options = node.arguments?.[0] && context.resolveInitializer(node.arguments[0]);
  if (options && ts.isObjectLiteralExpression(options) && options.properties.some((p) => isDescriptorProperty(ts, p))) return false;
  const value = getOutermostWrapper(ts, node);
  const access = value.parent;
  return !(ts.isPropertyAccessExpression(access) && access.expression === value && openers.includes(access.name.text) && ts.isCallExpression(access.parent));
}

function isDescriptorProperty(ts: AnalysisContext['ts'], property: ts.ObjectLiteralElementLike): boolean {
  const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
  return name === 'fd' || name === 'handle' || ts.isSpreadAssignment(property);
}

/** The calls in the body of `fn` that open the resource (`socket.connect(…)`). */
function getOpeningCalls(context: AnalysisContext, fn: FunctionWithBody, resource: TrackedResource): ts.CallExpression[] {
  const { ts } = context;
  const openers = resource.kind.openedBy ?? [];
  const calls: ts.CallExpression[] = [];
  for (const node of getBodyNodes(ts, fn)) {
    if (!ts.isCallExpression(node)) continue;
    const method = getMethodCall(ts, node);
    if (method && openers.includes(method.name) && isResourceExpression(context, method.receiver, resource)) calls.push(node);
  }
  return calls;
}

/** `pipe<T>(destination: T): T`: a generic return hands back a value the caller passed in, nothing new. */
function returnsTypeParameter(context: AnalysisContext, signature: ts.Signature): boolean {
  const { ts, checker } = context;
  const declaration = signature.getDeclaration();
  const declared = declaration ? checker.getSignatureFromDeclaration(declaration) : undefined;
  if (!declared) return false;
  const type = checker.getReturnTypeOfSignature(declared);
  const awaited = checker.getAwaitedType(type) ?? type;
  return (awaited.flags & ts.TypeFlags.TypeParameter) !== 0;
}

export type Binding =
  | { readonly type: 'holder'; readonly name: ts.Identifier; readonly declaration: ts.Node; readonly kind?: ResourceKind }
  | { readonly type: 'discarded' | 'escaped' | 'released' | 'disposed' };

/** Follows a created value up the tree to where it ends up. */
export function traceBinding(
  context: AnalysisContext,
  fn: FunctionWithBody,
  origin: ts.CallExpression | ts.NewExpression,
  kind: ResourceKind,
): Binding {
  const { ts } = context;
  let value: ts.Expression = origin;
  for (;;) {
    const parent: ts.Node = value.parent;
    if (
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isTypeAssertionExpression(parent) ||
      ts.isAwaitExpression(parent) ||
      (ts.isConditionalExpression(parent) && parent.condition !== value) ||
      (ts.isBinaryExpression(parent) &&
        (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
          parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
          (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.right === value) ||
          (parent.operatorToken.kind === ts.SyntaxKind.CommaToken && parent.right === value)))
    ) {
      value = parent as ts.Expression;
      continue;
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === value) {
      // `(await fetch(url)).body…`: the body goes on where we do not follow it.
      if (kind.body && parent.name.text === kind.body.property) return { type: 'escaped' };
      const call = parent.parent;
      if (!ts.isCallExpression(call) || call.expression !== parent) return { type: 'discarded' };
      // `fetch(url).then(…)`: the chain's callback or its next link takes it (promise-chains.ts).
      if (chainMethods.has(parent.name.text)) return { type: 'escaped' };
      if (kind.release.includes(parent.name.text)) return { type: 'released' };
      if (returnsThis(context, call) || returnsSelf(context, call, kind)) {
        value = call;
        continue;
      }
      // `net.connect(…).write(…)`: the socket itself is dropped, unless a callback can still reach it.
      return call.arguments.some((argument) => isFunctionWithBody(ts, argument)) ? { type: 'escaped' } : { type: 'discarded' };
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === value) {
      if (ts.isObjectBindingPattern(parent.name) && kind.body) return getBodyBinding(context, parent.name, kind);
      if (!ts.isIdentifier(parent.name)) return { type: 'escaped' };
      const flags = (parent.parent as ts.VariableDeclarationList).flags & ts.NodeFlags.BlockScoped;
      if (flags === ts.NodeFlags.Using || flags === ts.NodeFlags.AwaitUsing) return { type: 'disposed' };
      return { type: 'holder', name: parent.name, declaration: parent };
    }
    if (ts.isBinaryExpression(parent) && parent.right === value && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = parent.left;
      const declaration = ts.isIdentifier(target) ? context.getSymbol(target)?.valueDeclaration : undefined;
      if (ts.isIdentifier(target) && declaration && declaration.pos >= fn.pos && declaration.end <= fn.end) {
        return { type: 'holder', name: target, declaration };
      }
      return { type: 'escaped' };
    }
    if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return { type: 'discarded' };
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(value)) {
      const index = parent.arguments.indexOf(value);
      // `return Object.assign(net.connect(…), { id })`, `tune(net.connect(…))`: the call hands it back.
      const probe = probeResource(context, origin, kind);
      if (ts.isCallExpression(parent) && callPassesThrough(context, parent, index, probe)) {
        value = parent;
        continue;
      }
      return calleeTakesOwnership(context, parent, index, probe) ? { type: 'escaped' } : { type: 'discarded' };
    }
    const destructured = getDestructuredBinding(context, value);
    if (destructured) return destructured;
    // Returned, yielded, stored in a literal, spread, used in an expression we do not follow: handed off.
    return { type: 'escaped' };
  }
}

/** `const { statusCode, body } = await request(url)`: the body is what must be read; leaving it out drops it. */
function getBodyBinding(context: AnalysisContext, pattern: ts.ObjectBindingPattern, kind: ResourceKind): Binding {
  const { ts } = context;
  const property = kind.body!.property;
  if (pattern.elements.some((element) => element.dotDotDotToken)) return { type: 'escaped' };
  const element = pattern.elements.find((candidate) => {
    const name = candidate.propertyName ?? candidate.name;
    return (ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === property;
  });
  if (!element) return { type: 'discarded' };
  if (!ts.isIdentifier(element.name)) return { type: 'escaped' };
  return { type: 'holder', name: element.name, declaration: element, kind: getBodyKind(kind) };
}

/** `const [a, b] = [net.connect(…), net.connect(…)]` / `const { s } = { s: net.connect(…) }`. */
/**
 * `await Promise.all([fetch(a), fetch(b)])` (parenthesised or not) when `literal` is that array:
 * the expression whose value is the array of what each element resolves to, in order, so that
 * `const [ra, rb] = await Promise.all([…])` binds each created resource to its own name. The
 * global Promise only (its declaration in TypeScript's lib).
 */
function getPromiseAllOf(context: AnalysisContext, literal: ts.ArrayLiteralExpression): ts.Expression | undefined {
  const { ts } = context;
  let argument: ts.Node = literal;
  while (ts.isParenthesizedExpression(argument.parent)) argument = argument.parent;
  const call = argument.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== argument) return undefined;
  const callee = skipOuterExpressions(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'all' || !isGlobalPromise(context, callee.expression)) return undefined;
  let value: ts.Expression = call;
  while (ts.isParenthesizedExpression(value.parent) || ts.isAwaitExpression(value.parent)) value = value.parent;
  // Only awaited: a pending array of promises destructured is not the resources.
  return value !== call && ts.isAwaitExpression(skipOuterExpressions(ts, value)) ? value : undefined;
}

/** `Promise` naming the global Promise (declared in TypeScript's lib), not a value of the program named so. */
export function isGlobalPromise(context: AnalysisContext, expression: ts.Expression): expression is ts.Identifier {
  const declarations = context.ts.isIdentifier(expression) && expression.text === 'Promise' ? context.getSymbol(expression)?.declarations : undefined;
  return declarations !== undefined && declarations.length > 0 && declarations.every((declaration) => declaration.getSourceFile().isDeclarationFile);
}

function getDestructuredBinding(context: AnalysisContext, value: ts.Expression): Binding | undefined {
  const { ts } = context;
  const literal = value.parent;
  let pattern: ts.Node | undefined;
  let element: ts.BindingElement | undefined;
  if (ts.isArrayLiteralExpression(literal)) {
    const initializer = getPromiseAllOf(context, literal) ?? literal;
    pattern = ts.isVariableDeclaration(initializer.parent) && initializer.parent.initializer === initializer ? initializer.parent.name : undefined;
    if (pattern && ts.isArrayBindingPattern(pattern)) {
      const candidate = pattern.elements[literal.elements.indexOf(value)];
      element = candidate && ts.isBindingElement(candidate) ? candidate : undefined;
    }
  } else if (ts.isPropertyAssignment(literal) && literal.initializer === value && ts.isObjectLiteralExpression(literal.parent)) {
    const object = literal.parent;
    pattern = ts.isVariableDeclaration(object.parent) && object.parent.initializer === object ? object.parent.name : undefined;
    const key = ts.isIdentifier(literal.name) || ts.isStringLiteral(literal.name) ? literal.name.text : undefined;
    if (pattern && ts.isObjectBindingPattern(pattern) && key !== undefined) {
      element = pattern.elements.find((candidate) => {
        const name = candidate.propertyName ?? candidate.name;
        return (ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === key;
      });
    }
  }
  if (!element || element.dotDotDotToken || !ts.isIdentifier(element.name)) return undefined;
  return { type: 'holder', name: element.name, declaration: element };
}

/** A resource stand-in for asking a callee about ownership before the value has a holder. */
interface AliasCandidate {
  readonly target: ts.Identifier;
  readonly value: ts.Expression;
}

const aliasCandidates = new WeakMap<AnalysisContext, WeakMap<ts.Node, readonly AliasCandidate[]>>();

/** Where a local variable of `fn` (nested functions included) is given a value: the same for every resource it holds, so found once. */
function getAliasCandidates(context: AnalysisContext, fn: FunctionWithBody): readonly AliasCandidate[] {
  let byFunction = aliasCandidates.get(context);
  if (!byFunction) aliasCandidates.set(context, (byFunction = new WeakMap()));
  let candidates = byFunction.get(fn);
  if (candidates) return candidates;
  const { ts } = context;
  const found: AliasCandidate[] = [];
  forEachDescendant(ts, fn, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      found.push({ target: node.name, value: node.initializer });
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(node.left)
    ) {
      const declaration = context.getSymbol(node.left)?.valueDeclaration;
      if (declaration && declaration.pos >= fn.pos && declaration.end <= fn.end) found.push({ target: node.left, value: node.right });
    }
  });
  byFunction.set(fn, (candidates = found));
  return candidates;
}

/** The holder variables of a resource: its own plus every local alias (`const t = s`, `t = s`). */
export function collectHolders(
  context: AnalysisContext,
  fn: FunctionWithBody,
  initial: ReadonlySet<ts.Symbol>,
  fields?: ReadonlySet<ts.Symbol>,
): Set<ts.Symbol> {
  const holders = new Set(initial);
  const candidates = getAliasCandidates(context, fn);
  if (candidates.length === 0) return holders;
  if (holders.size === 0 && !fields) return holders;
  for (let changed = true; changed; ) {
    changed = false;
    const probe: TrackedResource = {
      ...probeResource(context, fn, { name: '', noun: '', family: 'socket', types: [], release: [], suggestedRelease: '' }),
      holders,
      holderNames: new Set([...holders].map((holder) => holder.name)),
      ...(fields ? { fields } : {}),
    };
    for (const { target, value } of candidates) {
      const symbol = context.getSymbol(target);
      if (symbol && !holders.has(symbol) && isResourceExpression(context, value, probe)) {
        holders.add(symbol);
        changed = true;
      }
    }
  }
  return holders;
}

export interface DiscardedResource {
  /** The creating call, or the parameter that receives and drops it (`({ statusCode }) => …`). */
  readonly origin: ts.Node;
  readonly kind: ResourceKind;
  readonly typeName: string;
}

export interface FunctionAcquisitions {
  readonly tracked: TrackedResource[];
  readonly discarded: DiscardedResource[];
}

/** Every acquisition of a resource of `family` in the body of `fn` (not in nested functions). */
/** A parameter through which a function receives a resource it owns (a connection or response handler). */
export interface ReceivedParameter extends ReceivedSocket {
  readonly parameterIndex: number;
  readonly kind: ResourceKind;
}

export function getAcquisitions(
  context: AnalysisContext,
  fn: FunctionWithBody,
  family: ResourceFamily,
  received: ReceivedParameter | undefined,
): FunctionAcquisitions {
  // no-leaked-socket and end-half-open-socket ask the same question of every function: answer once.
  let byFunction = acquisitionsCache.get(context);
  if (!byFunction) acquisitionsCache.set(context, (byFunction = new WeakMap()));
  let byKey = byFunction.get(fn);
  if (!byKey) byFunction.set(fn, (byKey = new Map()));
  const key = `${family}:${getReceivedKey(received)}`;
  let acquisitions = byKey.get(key);
  if (!acquisitions) byKey.set(key, (acquisitions = computeAcquisitions(context, fn, family, received)));
  return acquisitions;
}

const acquisitionsCache = new WeakMap<AnalysisContext, WeakMap<ts.Node, Map<string, FunctionAcquisitions>>>();
const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

function idOf(value: object | undefined): number | string {
  if (value === undefined) return '-';
  let id = objectIds.get(value);
  if (id === undefined) objectIds.set(value, (id = nextObjectId++));
  return id;
}

/** Equal for two receptions that say the same (callers spread a handler into a fresh object). */
function getReceivedKey(received: ReceivedParameter | undefined): string {
  if (!received) return 'none';
  return [received.source, received.halfOpen, received.parameterIndex, received.errorFirst ?? false, idOf(received.kind), idOf(received.companions)].join('|');
}

function computeAcquisitions(
  context: AnalysisContext,
  fn: FunctionWithBody,
  family: ResourceFamily,
  received: ReceivedParameter | undefined,
): FunctionAcquisitions {
  const { ts } = context;
  const tracked: TrackedResource[] = [];
  const discarded: DiscardedResource[] = [];
  if (received) {
    const parameter = getParameterOfArgument(ts, fn, received.parameterIndex);
    if (parameter && ts.isIdentifier(parameter.name)) {
      tracked.push(makeTracked(context, fn, parameter, parameter.name, parameter, received.kind, received.kind.noun, received));
    } else if (parameter && ts.isObjectBindingPattern(parameter.name) && received.kind.body) {
      // `({ statusCode }) => …`: a pattern without the body drops it; with it, the body is what to read.
      const binding = getBodyBinding(context, parameter.name, received.kind);
      if (binding.type === 'discarded') discarded.push({ origin: parameter, kind: received.kind, typeName: received.kind.name });
      if (binding.type === 'holder') {
        tracked.push(makeTracked(context, fn, parameter, binding.name, binding.declaration, binding.kind ?? received.kind, received.kind.noun, received));
      }
    }
  }
  for (const node of getBodyNodes(ts, fn)) {
    if (ts.isForOfStatement(node)) {
      const accepted = getAcceptedConnection(context, fn, node, family);
      if (accepted) tracked.push(accepted);
      continue;
    }
    if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) continue;
    const kind = getCreationKind(context, node);
    if (!kind) {
      const taken = ts.isCallExpression(node) ? getTakenOut(context, fn, node) : undefined;
      if (taken?.kind.family === family) {
        const binding = traceBinding(context, fn, node, taken.kind);
        if (binding.type === 'holder') {
          const resource = makeTracked(context, fn, node, binding.name, binding.declaration, binding.kind ?? taken.kind, () => getTypeName(context, node, taken.kind), undefined);
          tracked.push({ ...resource, openedAt: taken.deletes, takenFrom: taken.from });
        }
      }
      continue;
    }
    if (kind.family !== family) continue;
    const binding = traceBinding(context, fn, node, kind);
    // Only a finding's message shows it, and typing the call resolves it (its callbacks checked
    // with it): asked when a message needs it, not for every creation.
    const typeName = (): string => getTypeName(context, node, kind);
    const unopened = isUnopenedCreation(context, node, kind);
    if (binding.type === 'holder') {
      const resource = makeTracked(context, fn, node, binding.name, binding.declaration, binding.kind ?? kind, typeName, undefined);
      // `const sock = net.connect(port, () => open(new Connection(sock)))`: the creating call's own
      // callback takes it (like a listener registered on it).
      if (node.arguments?.some((argument) => isDischargingCallback(context, argument, resource))) continue;
      // A `function` callback closing it through `this`, given to the creating call or to a fluent
      // call of the same chain (`net.connect(p).setTimeout(ms, function () { this.destroy(); })`).
      const probe = probeResource(context, node, kind);
      if (isClosedByThisCallback(context, node, probe)) continue;
      if (!unopened) {
        tracked.push(resource);
        continue;
      }
      // `new net.Socket()` owes nothing until this function connects it, and nothing at all when
      // the connect callback closes it or takes it, as the creating call's own callback does
      // (`s.connect(port, function () { this.end(); })`, `s.connect(port, () => callback(null, s))`).
      const openedAt = getOpeningCalls(context, fn, resource);
      const closedOnConnect = openedAt.some(
        (call) =>
          ts.isCallExpression(call) &&
          call.arguments.some((argument) => isDischargingThisCallback(context, argument, probe) || isDischargingCallback(context, argument, resource)),
      );
      if (openedAt.length > 0 && !closedOnConnect) tracked.push({ ...resource, openedAt });
    } else if (binding.type === 'discarded' && !unopened && !isClosedByThisCallback(context, node, probeResource(context, node, kind))) {
      discarded.push({ origin: node, kind, typeName: typeName() });
    }
  }
  return { tracked, discarded };
}

/**
 * A creation whose own call, or a fluent call on it in the same chain (a listener registered, a
 * timeout set), takes a `function` that closes it through `this`: `net.connect(port, function () {
 * this.end(); })`, `net.connect(port).on('connect', function () { this.end(); })`. `probe` is the
 * creation with no holder: only `this` reaches it in those functions.
 */
function isClosedByThisCallback(context: AnalysisContext, origin: ts.CallExpression | ts.NewExpression, probe: TrackedResource): boolean {
  const { ts } = context;
  let call: ts.CallExpression | ts.NewExpression = origin;
  for (;;) {
    if (call.arguments?.some((argument) => isDischargingThisCallback(context, argument, probe))) return true;
    const value = getOutermostWrapper(ts, call);
    const access = value.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== value || !ts.isCallExpression(access.parent) || access.parent.expression !== access) return false;
    if (!returnsThis(context, access.parent)) return false;
    call = access.parent;
  }
}

/**
 * `for await (const conn of listener)`: each iteration owns the connection it receives. Only the
 * iteration is its scope here; leaving the loop with it open is no-return-in-accept-loop's finding.
 */
function getAcceptedConnection(
  context: AnalysisContext,
  fn: FunctionWithBody,
  loop: ts.ForOfStatement,
  family: ResourceFamily,
): TrackedResource | undefined {
  const { ts, checker, catalog } = context;
  if (!loop.awaitModifier || !ts.isVariableDeclarationList(loop.initializer)) return undefined;
  const declaration = loop.initializer.declarations[0];
  if (loop.initializer.declarations.length !== 1 || !declaration || !ts.isIdentifier(declaration.name)) return undefined;
  const kind = catalog.getKindOfType(checker.getTypeAtLocation(declaration.name));
  if (!kind || kind.family !== family) return undefined;
  return makeTracked(context, fn, loop, declaration.name, declaration, kind, getTypeName(context, declaration.name, kind), {
    source: 'the accept loop',
    halfOpen: false,
  });
}

function makeTracked(
  context: AnalysisContext,
  fn: FunctionWithBody,
  origin: ts.Node,
  name: ts.Identifier,
  declaration: ts.Node,
  kind: ResourceKind,
  typeName: string | (() => string),
  received: ReceivedSocket | undefined,
): TrackedResource {
  const symbol = context.getSymbol(name);
  const holders = symbol ? collectHolders(context, fn, new Set([symbol])) : new Set<ts.Symbol>();
  let shown = typeof typeName === 'string' ? typeName : undefined;
  return {
    id: context.newResourceId(),
    origin,
    kind,
    // Computed on first read (a copy made with `...` reads it then).
    get typeName(): string {
      return (shown ??= (typeName as () => string)());
    },
    received,
    ...(received?.companions ? { companions: received.companions } : {}),
    // Node ends a received socket once its peer's FIN is read; a Deno connection does not.
    consumable: kind.consumable === true || (received !== undefined && kind.name === 'net.Socket'),
    holders,
    holderNames: new Set([...holders].map((holder) => holder.name)),
    primaryHolder: { name: name.text, declaration },
  };
}

/** `net.Socket`, `tls.TLSSocket`, `undici.Pool`, or a project class's own name. */
function getTypeName(context: AnalysisContext, node: ts.Expression, kind: ResourceKind): string {
  const { checker } = context;
  const type = context.getInteropValueType(node) ?? checker.getTypeAtLocation(node);
  const awaited = checker.getAwaitedType(type) ?? type;
  const declaration = (awaited.getSymbol() ?? awaited.aliasSymbol)?.getDeclarations()?.[0];
  // An anonymous class expression has no name of its own to show.
  if (!declaration || (context.ts.isClassExpression(declaration) && !declaration.name)) return kind.name;
  const origin = context.catalog.getOrigin(declaration);
  if (!origin.qualifiedName) return kind.name;
  if (origin.source.kind !== 'package' || origin.qualifiedName.includes('.')) return origin.qualifiedName;
  return `${origin.source.name}.${origin.qualifiedName}`;
}

