/**
 * Acquire callbacks: client APIs that hand a new connection to a callback instead of returning it.
 * The callback owns what it receives, as a connection handler owns its socket:
 * - mysql2's callback API: `pool.getConnection((err, conn) => …)` (also a `PoolCluster`'s);
 * - pg: `pool.connect((err, client, done) => …)`, unless the callback takes `done` (calling it is
 *   the release, which is not followed as one: such a callback is trusted);
 * - amqplib's callback_api: `connect(url, (err, connection) => …)` and
 *   `connection.createChannel((err, channel) => …)` / `createConfirmChannel`.
 * - the program's own callback-style factories (callback-creations.ts): `connect(port, (err, socket)
 *   => …)` where `connect` creates the socket and calls `callback(null, socket)`.
 * The APIs follow Node's error-first convention: when the error is set, nothing was acquired (a
 * factory of the program, when it calls the callback with `null` first). Found once per file from
 * the calls that register them, by the callee's declaration through the checker.
 */
import type * as ts from 'typescript';
import type { TypeSpecifier } from '../options.js';
import type { ReceivedParameter } from './acquisitions.js';
import type { AnalysisContext } from './context.js';
import { resolveHandlerFunction } from './received.js';
import { getFileIndex } from './file-index.js';
import { mayBeFunctionValue } from '../prefilter/values.js';
import { getDeclarationsNamed } from '../prefilter/named-declarations.js';
import { summaryHandsCreationToCallback } from './callback-creations.js';
import { isFunctionWithBody, skipOuterExpressions, type FunctionWithBody } from './syntax.js';

const pkg = (name: string | readonly string[], packageName: string): TypeSpecifier => ({ from: 'package', package: packageName, name });

interface AcquireApi {
  readonly api: TypeSpecifier;
  /** The callback's parameter that receives the connection. */
  readonly parameterIndex: number;
  /** A callback that declares this many parameters releases through the last one (pg's `done`): not tracked. */
  readonly trustedArity?: number;
}

const acquireApis: readonly AcquireApi[] = [
  { api: pkg(['Pool.getConnection', 'PoolCluster.getConnection', 'PoolNamespace.getConnection'], 'mysql2'), parameterIndex: 1 },
  { api: pkg('Pool.connect', 'pg'), parameterIndex: 1, trustedArity: 3 },
  {
    api: pkg(['connect', 'Connection.createChannel', 'Connection.createConfirmChannel', 'RecoveringConnection.createChannel', 'RecoveringConnection.createConfirmChannel'], 'amqplib'),
    parameterIndex: 1,
  },
];
const acquireNames: ReadonlySet<string> = new Set(['getConnection', 'connect', 'createChannel', 'createConfirmChannel']);

/**
 * Per Program, then per file: a registration with a factory of the program depends on other files
 * (the factory's summary), so an editor's next Program, which shares the unchanged SourceFiles,
 * must not read this one's answers.
 */
const caches = new WeakMap<AnalysisContext, WeakMap<ts.SourceFile, Map<ts.Node, ReceivedParameter>>>();

/** Every acquire callback registered in the file, by function. */
export function getAcquireCallbacks(context: AnalysisContext, sourceFile: ts.SourceFile): ReadonlyMap<ts.Node, ReceivedParameter> {
  let cache = caches.get(context);
  if (!cache) caches.set(context, (cache = new WeakMap()));
  let callbacks = cache.get(sourceFile);
  if (callbacks) return callbacks;
  const found = new Map<ts.Node, ReceivedParameter>();
  const { ts } = context;
  for (const node of getFileIndex(ts, sourceFile).invocations) {
    // Cheap first: only a call given something that can be a function.
    if (!ts.isCallExpression(node) || !node.arguments.some((argument) => mayBeFunctionValue(ts, argument))) continue;
    const registration = getApiRegistration(context, node) ?? getProgramRegistration(context, node);
    if (registration && !found.has(registration.fn)) found.set(registration.fn, registration.received);
  }
  callbacks = found;
  cache.set(sourceFile, callbacks);
  return callbacks;
}

interface Registration {
  readonly fn: ts.Node;
  readonly received: ReceivedParameter;
}

/**
 * The acquire callback a call registers, if it registers one: a client API's, or one given to a
 * callback-style factory of the program. Used by the summary of a factory layered on another
 * (`base(port, (err, s) => callback(err, s))`). Never throws.
 */
export function getAcquireRegistration(context: AnalysisContext, call: ts.CallExpression): Registration | undefined {
  if (!call.arguments.some((argument) => mayBeFunctionValue(context.ts, argument))) return undefined;
  return getApiRegistration(context, call) ?? getProgramRegistration(context, call);
}

/** A client API's acquire callback: the call's last argument, when the call is named like one. */
function getApiRegistration(context: AnalysisContext, call: ts.CallExpression): Registration | undefined {
  const { ts } = context;
  const last = call.arguments[call.arguments.length - 1];
  if (!last || !mayBeFunctionValue(ts, last)) return undefined;
  const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : ts.isIdentifier(call.expression) ? undefined : null;
  if (callee === null || (callee !== undefined && !acquireNames.has(callee))) return undefined;
  return getRegistration(context, call, last);
}

function getRegistration(context: AnalysisContext, call: ts.CallExpression, handler: ts.Expression): Registration | undefined {
  const { ts, checker, catalog } = context;
  let match: { declaration: ts.Declaration; api: AcquireApi } | undefined;
  for (const declaration of context.getCalleeSymbolDeclarations(call, acquireNames)) {
    const api = acquireApis.find((candidate) => catalog.declarationMatches(declaration, candidate.api));
    if (api) {
      match = { declaration, api };
      break;
    }
  }
  if (!match) return undefined;
  const fn = resolveHandlerFunction(context, handler);
  const parameter = fn?.parameters[match.api.parameterIndex];
  if (!fn || !parameter || !ts.isIdentifier(parameter.name)) return undefined;
  if (match.api.trustedArity !== undefined && fn.parameters.length >= match.api.trustedArity) return undefined;
  const kind = catalog.getKindOfType(checker.getTypeAtLocation(parameter));
  if (!kind || kind.family !== 'socket') return undefined;
  const origin = catalog.getOrigin(match.declaration);
  const name = origin.source.kind === 'package' ? `${origin.source.name}.${origin.qualifiedName}` : origin.qualifiedName;
  return {
    fn,
    received: { source: `the ${name} callback`, halfOpen: false, errorFirst: true, parameterIndex: match.api.parameterIndex, kind },
  };
}

/**
 * A callback given to a callback-style factory of the program (callback-creations.ts): `connect(port,
 * (err, socket) => …)` where `connect` creates the socket and calls `callback(null, socket)`. The
 * callee is found by its name first (the symbol of `connect`, or the program's declarations named
 * `client.connect`), and only a call of a function that hands a creation to its callback is
 * resolved through the checker.
 */
function getProgramRegistration(context: AnalysisContext, call: ts.CallExpression): Registration | undefined {
  const { ts, checker, catalog } = context;
  for (const candidate of getCandidateFunctions(context, call)) {
    const creation = summaryHandsCreationToCallback(context, candidate.fn);
    if (!creation || creation.kind.family !== 'socket') continue;
    const argument = call.arguments[creation.parameterIndex];
    if (!argument || !mayBeFunctionValue(ts, argument)) continue;
    if (!candidate.resolved && context.getCalleeDeclaration(call) !== candidate.fn) continue;
    const fn = resolveHandlerFunction(context, argument);
    const parameter = fn?.parameters[creation.argumentIndex];
    if (!fn || !parameter || !ts.isIdentifier(parameter.name)) return undefined;
    // A callback typed to take something else (an `Info`, not the socket) is no acquire callback.
    const declared = parameter.type ? catalog.getKindOfType(checker.getTypeAtLocation(parameter)) : creation.kind;
    if (!declared) return undefined;
    const name = candidate.name;
    return {
      fn,
      received: { source: `the ${name} callback`, halfOpen: false, errorFirst: creation.errorFirst, parameterIndex: creation.argumentIndex, kind: creation.kind },
    };
  }
  return undefined;
}

/** Whether a call may call a function of the program (by name: see getCandidateFunctions). */
export function hasProgramCallee(context: AnalysisContext, call: ts.CallExpression): boolean {
  return getCandidateFunctions(context, call).length > 0;
}

/**
 * The functions of the program a call may call, by name: for `name(…)`, the function its symbol
 * declares (resolved: that is the callee); for `x.name(…)`, every function of the program's files
 * declared or assigned under that name (to be confirmed by the checker).
 */
function getCandidateFunctions(context: AnalysisContext, call: ts.CallExpression): { fn: ts.Node; name: string; resolved: boolean }[] {
  const { ts } = context;
  const callee = skipOuterExpressions(ts, call.expression);
  if (ts.isIdentifier(callee)) {
    const declaration = context.getSymbol(callee)?.valueDeclaration;
    const fn = declaration && getDeclaredFunction(ts, declaration);
    return fn ? [{ fn, name: callee.text, resolved: true }] : [];
  }
  if (!ts.isPropertyAccessExpression(callee)) return [];
  const name = callee.name.text;
  return getProgramFunctionsNamed(context, name).map((fn) => ({ fn, name, resolved: false }));
}

/**
 * Per Program, by name: the functions of the program's own files declared or assigned under it.
 * Asked for every call that is given a function, and a common name (`on`, `write`) has hundreds of
 * declarations in `@types/node`, none with a body: found once per name, not once per call.
 */
const functionsByName = new WeakMap<AnalysisContext, Map<string, readonly FunctionWithBody[]>>();

function getProgramFunctionsNamed(context: AnalysisContext, name: string): readonly FunctionWithBody[] {
  let byName = functionsByName.get(context);
  if (!byName) functionsByName.set(context, (byName = new Map()));
  let functions = byName.get(name);
  if (!functions) {
    const found: FunctionWithBody[] = [];
    for (const declaration of getDeclarationsNamed(context.ts, context.host.program, name)) {
      const fn = getDeclaredFunction(context.ts, declaration);
      if (fn) found.push(fn);
    }
    byName.set(name, (functions = found));
  }
  return functions;
}

/** The function with a body a declaration declares or is given: `function f`, a method, `f = () => …`, `exports.f = function …`. */
function getDeclaredFunction(ts: AnalysisContext['ts'], declaration: ts.Node): FunctionWithBody | undefined {
  if (declaration.getSourceFile().isDeclarationFile) return undefined;
  if (isFunctionWithBody(ts, declaration)) return declaration;
  let value: ts.Expression | undefined;
  if (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) value = declaration.initializer;
  else if (ts.isBinaryExpression(declaration)) value = declaration.right;
  const fn = value && skipOuterExpressions(ts, value);
  return fn && isFunctionWithBody(ts, fn) ? fn : undefined;
}
