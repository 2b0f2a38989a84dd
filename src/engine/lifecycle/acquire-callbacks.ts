/**
 * Acquire callbacks: client APIs that hand a new connection to a callback instead of returning it.
 * The callback owns what it receives, as a connection handler owns its socket:
 * - mysql2's callback API: `pool.getConnection((err, conn) => …)` (also a `PoolCluster`'s);
 * - pg: `pool.connect((err, client, done) => …)`, unless the callback takes `done` (calling it is
 *   the release, which is not followed as one: such a callback is trusted);
 * - amqplib's callback_api: `connect(url, (err, connection) => …)` and
 *   `connection.createChannel((err, channel) => …)` / `createConfirmChannel`.
 * All follow Node's error-first convention: when the error is set, nothing was acquired. Found once
 * per file from the calls that register them, by the callee's declaration through the checker.
 */
import type * as ts from 'typescript';
import type { TypeSpecifier } from '../options.js';
import type { ReceivedParameter } from './acquisitions.js';
import type { AnalysisContext } from './context.js';
import { resolveHandlerFunction } from './received.js';
import { getFileIndex } from './file-index.js';
import { mayBeFunctionValue } from '../prefilter/values.js';

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

const cache = new WeakMap<ts.SourceFile, Map<ts.Node, ReceivedParameter>>();

/** Every acquire callback registered in the file, by function. */
export function getAcquireCallbacks(context: AnalysisContext, sourceFile: ts.SourceFile): ReadonlyMap<ts.Node, ReceivedParameter> {
  let callbacks = cache.get(sourceFile);
  if (callbacks) return callbacks;
  const found = new Map<ts.Node, ReceivedParameter>();
  const { ts } = context;
  for (const node of getFileIndex(ts, sourceFile).invocations) {
    if (!ts.isCallExpression(node)) continue;
    const last = node.arguments[node.arguments.length - 1];
    // Cheap first: only a call whose last argument can be a function, named like an acquire API.
    if (!last || !mayBeFunctionValue(ts, last)) continue;
    const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : ts.isIdentifier(node.expression) ? undefined : null;
    if (callee === null || (callee !== undefined && !acquireNames.has(callee))) continue;
    const registration = getRegistration(context, node, last);
    if (registration && !found.has(registration.fn)) found.set(registration.fn, registration.received);
  }
  callbacks = found;
  cache.set(sourceFile, callbacks);
  return callbacks;
}

function getRegistration(
  context: AnalysisContext,
  call: ts.CallExpression,
  handler: ts.Expression,
): { fn: ts.Node; received: ReceivedParameter } | undefined {
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
