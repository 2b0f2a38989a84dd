/**
 * Resource kinds: a family of types that hold an OS socket (or a pool of them) and the methods that
 * release one. Built-in kinds come from DESIGN.md; users add their own through options.
 */
import type { CustomResource, PresetName, TypeSpecifier } from '../options.js';

/** Which checks care about a kind: sockets and clients for no-leaked-socket, bodies for consume-response-body. */
export type ResourceFamily = 'socket' | 'response';

export interface ResourceKind {
  /** A short display name, e.g. `net.Socket`. */
  readonly name: string;
  /** What a message calls one: `socket`, `response`. */
  readonly noun: string;
  readonly family: ResourceFamily;
  readonly types: readonly TypeSpecifier[];
  /** Subtypes that match `types` but carry no obligation (tty streams are net.Sockets over a terminal). */
  readonly excluded?: readonly TypeSpecifier[];
  /** Calls that return this type without a new obligation (`Response.json(…)`, `response.clone()`). */
  readonly notCreatedBy?: readonly TypeSpecifier[];
  /**
   * Methods that hand back their receiver under a declared type of the same kind (`await
   * client.connect()` resolving to the client, a fluent `publish()`, mysql2's `promise()` view):
   * no new obligation, and a chain through them (`await createClient().connect()`) keeps the value.
   */
  readonly returnsSelf?: readonly TypeSpecifier[];
  /**
   * Methods declared to return their own class that make a new one rather than hand back their
   * receiver (ioredis' `duplicate()` opens a second connection): creations, not fluent calls.
   */
  readonly createdBy?: readonly TypeSpecifier[];
  /** `new X(…)` makes no obligation (a `Response` built locally is not network-backed). */
  readonly notCreatedByNew?: boolean;
  readonly release: readonly string[];
  /** A stream property whose reading, cancelling or hand-off also releases the value (`response.body`). */
  readonly body?: { readonly property: string; readonly release: readonly string[] };
  /** Reading it to the end releases it: `'data'` listeners, `pipe`, `resume`, `for await`. */
  readonly consumable?: boolean;
  /** The release a suggestion inserts, with `{{name}}` for the variable: `{{name}}.destroy()`. */
  readonly suggestedRelease: string;
  /** The suggested release returns a promise: `await` it in async functions, `void` elsewhere. */
  readonly asyncRelease?: boolean;
  /** How messages name the release, when the method list says it badly. */
  readonly releaseHint?: string;
  /**
   * `new X()` holds no descriptor until one of these methods is called on it (`new net.Socket()`
   * until `connect()`), unless its options hand it one (`fd`, `handle`).
   */
  readonly openedBy?: readonly string[];
  /**
   * A `for await` loop over it releases it: a stream's async iterator destroys the stream when the
   * loop ends, by the end of the data, `break`, `return` or a throw; a Deno listener's loop ends
   * only once the listener is closed. (A half-open socket's loop ending by the end of the data is
   * no answer to the peer on Node 24.19 to 24.22 and 26.5 to 26.9: half-open/answers.ts.)
   */
  readonly releasedByIteration?: boolean;
  /**
   * Only a value made with this option set to `true` holds anything: an `http.Agent` pools sockets
   * only with `keepAlive: true` (without it each socket closes after its response).
   */
  readonly onlyWithOption?: string;
  /**
   * A subtype that declares this property holds the body it read already: a library that resolves
   * with the response once it has buffered the body (got's `Response` adds `body` to
   * `http.IncomingMessage`) hands over a response with nothing left to read.
   */
  readonly readWhenDeclaring?: string;
  /** A property holding the socket it is read from: destroying that socket releases it (`res.socket.destroy()`). */
  readonly socketProperty?: string;
  /**
   * Statuses whose response has no body to read: the Fetch standard's null body statuses (101,
   * 103, 204, 205, 304), for which `response.body` is `null` and the connection goes back at once.
   */
  readonly nullBodyStatuses?: readonly number[];
  /**
   * Its own awaited operations fail in normal use (a pooled database client's `query()` rejects on
   * a constraint violation or a timeout): such a rejection is an exit on its path, inside or outside
   * a `try`, as an explicit `throw` is. A pooled client not released on that path is the classic pool
   * exhaustion.
   */
  readonly operationsReject?: boolean;
  /** It is destroyed before it emits `'error'` (Node streams' autoDestroy), so a rejected `once(x, …)` leaves nothing open. */
  readonly destroyedOnError?: boolean;
}

const pkg = (name: string | readonly string[], packageName: string): TypeSpecifier => ({
  from: 'package',
  package: packageName,
  name,
});

export const builtinResourceKinds: readonly ResourceKind[] = [
  {
    name: 'net.Socket',
    noun: 'socket', family: 'socket',
    types: [pkg('Socket', 'net')],
    excluded: [pkg(['ReadStream', 'WriteStream'], 'tty')],
    release: ['end', 'destroy', 'destroySoon', 'resetAndDestroy'],
    suggestedRelease: '{{name}}.destroy()',
    openedBy: ['connect'],
    releasedByIteration: true,
    destroyedOnError: true,
  },
  { name: 'dgram.Socket', noun: 'socket', family: 'socket', types: [pkg('Socket', 'dgram')], release: ['close'], suggestedRelease: '{{name}}.close()' },
  {
    name: 'http2 session',
    noun: 'socket', family: 'socket',
    types: [pkg('ClientHttp2Session', 'http2')],
    release: ['close', 'destroy'],
    suggestedRelease: '{{name}}.close()',
  },
  {
    name: 'http.Agent',
    noun: 'socket',
    family: 'socket',
    types: [pkg('Agent', 'http')],
    release: ['destroy'],
    suggestedRelease: '{{name}}.destroy()',
    onlyWithOption: 'keepAlive',
  },
  {
    name: 'undici dispatcher',
    noun: 'socket', family: 'socket',
    types: [pkg(['Client', 'Pool', 'Agent', 'BalancedPool'], 'undici')],
    release: ['close', 'destroy'],
    suggestedRelease: '{{name}}.close()',
    asyncRelease: true,
  },
  {
    name: 'ws WebSocket',
    noun: 'socket', family: 'socket',
    types: [pkg('WebSocket', 'ws')],
    release: ['close', 'terminate'],
    suggestedRelease: '{{name}}.close()',
    destroyedOnError: true,
  },
  {
    // The WHATWG WebSocket (Node's global, undici's, Deno's, the DOM's) has close() and no terminate().
    name: 'WebSocket',
    noun: 'socket', family: 'socket',
    types: [pkg('WebSocket', 'undici'), { from: 'lib', name: 'WebSocket' }],
    release: ['close'],
    suggestedRelease: '{{name}}.close()',
    destroyedOnError: true,
  },
  {
    name: 'Deno connection',
    noun: 'socket', family: 'socket',
    types: [pkg(['Deno.Conn', 'Deno.Listener'], 'deno')],
    release: ['close'],
    suggestedRelease: '{{name}}.close()',
    releasedByIteration: true,
  },
];

const bodyReads = ['text', 'json', 'arrayBuffer', 'blob', 'bytes', 'formData'];
const lib = (name: string | readonly string[]): TypeSpecifier => ({ from: 'lib', name });

/** Response bodies: the connection goes back to its pool only once the body is read or cancelled. */
export const builtinResponseKinds: readonly ResourceKind[] = [
  {
    name: 'Response',
    noun: 'response',
    family: 'response',
    types: [pkg('Response', 'undici'), lib('Response')],
    notCreatedBy: [pkg('Response.*', 'undici'), lib('Response.*')],
    notCreatedByNew: true,
    release: bodyReads,
    body: { property: 'body', release: ['cancel', 'getReader', 'pipeTo', 'pipeThrough', 'tee'] },
    suggestedRelease: '{{name}}.body?.cancel()',
    asyncRelease: true,
    releaseHint: 'reading its body or cancelling it',
    nullBodyStatuses: [101, 103, 204, 205, 304],
  },
  {
    name: 'undici response',
    noun: 'response',
    family: 'response',
    types: [pkg('Dispatcher.ResponseData', 'undici')],
    release: [],
    body: { property: 'body', release: [...bodyReads, 'dump', 'destroy', 'resume', 'pipe'] },
    suggestedRelease: '{{name}}.body.dump()',
    asyncRelease: true,
    releaseHint: 'reading its body or dumping it',
  },
  {
    name: 'http.IncomingMessage',
    noun: 'response',
    family: 'response',
    types: [pkg('IncomingMessage', 'http')],
    release: ['resume', 'destroy'],
    consumable: true,
    socketProperty: 'socket',
    readWhenDeclaring: 'body',
    suggestedRelease: '{{name}}.resume()',
    releaseHint: 'reading it, resume() or destroy()',
  },
  {
    name: 'http2 stream',
    noun: 'response',
    family: 'response',
    types: [pkg('ClientHttp2Stream', 'http2')],
    release: ['close', 'destroy', 'resume'],
    consumable: true,
    suggestedRelease: '{{name}}.close()',
    releaseHint: 'reading it, close() or destroy()',
  },
];

/** The kind a destructured body gets: `const { body } = await request(url)` releases on `body` itself. */
export function getBodyKind(kind: ResourceKind): ResourceKind {
  if (!kind.body) return kind;
  return {
    name: `${kind.name} body`,
    noun: 'response body',
    family: kind.family,
    types: [],
    release: kind.body.release,
    consumable: true,
    suggestedRelease: kind.suggestedRelease.replace(`{{name}}.${kind.body.property}?.`, '{{name}}?.').replace(`{{name}}.${kind.body.property}.`, '{{name}}.'),
    ...(kind.asyncRelease ? { asyncRelease: true } : {}),
    ...(kind.releaseHint ? { releaseHint: kind.releaseHint.replace(' its body', ' it') } : {}),
  };
}

/**
 * Database, cache and broker clients, on by default: each holds sockets (a connection, or a pool of
 * them) until its own release runs. Release names come from each package's type declarations:
 * - pg (@types/pg): `Client` and `Pool` by `end()`, a `PoolClient` (from `pool.connect()`) only by
 *   `release()` (ending it closes the socket but never gives the pool its slot back);
 *   `client.connect()` resolves to the client itself;
 * - mysql2 and mysql2/promise: `Connection` by `end()` / `destroy()`, `Pool` / `PoolCluster` by
 *   `end()`, a `PoolConnection` (from `pool.getConnection()`) by `release()` (`destroy()` removes it
 *   from the pool; `end()` on one is deprecated and only calls `release()`); `promise()` is a view
 *   of the same connection or pool, not a new one;
 * - ioredis `Redis` / `Cluster` by `quit()` / `disconnect()`; redis (`@redis/client` 5/6) clients,
 *   pools, clusters and sentinels by `close()` / `destroy()` (`quit()` / `disconnect()` are their
 *   deprecated names), and `connect()` resolves to the client itself;
 * - mongodb `MongoClient` by `close()`;
 * - amqplib connections (`ChannelModel`, callback_api `Connection`) and channels by `close()`:
 *   a channel holds no socket, but each one open holds a channel slot (`channel_max`) and server
 *   state until it is closed or its connection is;
 * - mqtt `MqttClient` by `end()` / `endAsync()`; its other methods return the client itself.
 */
export const builtinClientKinds: readonly ResourceKind[] = [
  {
    name: 'pg.Client',
    noun: 'client', family: 'socket',
    types: [pkg('Client', 'pg')],
    returnsSelf: [pkg(['Client.connect', 'ClientBase.connect'], 'pg')],
    release: ['end'],
    suggestedRelease: '{{name}}.end()',
    asyncRelease: true,
  },
  { name: 'pg.Pool', noun: 'pool', family: 'socket', types: [pkg('Pool', 'pg')], release: ['end'], suggestedRelease: '{{name}}.end()', asyncRelease: true },
  {
    name: 'pg.PoolClient',
    noun: 'client',
    family: 'socket',
    types: [pkg('PoolClient', 'pg')],
    release: ['release'],
    suggestedRelease: '{{name}}.release()',
    operationsReject: true,
  },
  {
    name: 'mysql2 connection',
    noun: 'connection', family: 'socket',
    types: [pkg('Connection', 'mysql2')],
    returnsSelf: [pkg('Connection.promise', 'mysql2')],
    release: ['end', 'destroy'],
    // `destroy()` returns nothing in both APIs; the promise API's `end()` would need an `await`.
    suggestedRelease: '{{name}}.destroy()',
  },
  {
    name: 'mysql2 pool',
    noun: 'pool', family: 'socket',
    types: [pkg(['Pool', 'PoolCluster'], 'mysql2')],
    returnsSelf: [pkg('Pool.promise', 'mysql2')],
    release: ['end'],
    suggestedRelease: '{{name}}.end()',
  },
  {
    name: 'mysql2 pool connection',
    noun: 'connection', family: 'socket',
    types: [pkg('PoolConnection', 'mysql2')],
    returnsSelf: [pkg('PoolConnection.promise', 'mysql2')],
    release: ['release', 'destroy', 'end'],
    suggestedRelease: '{{name}}.release()',
    releaseHint: 'release()',
    operationsReject: true,
  },
  {
    name: 'ioredis client',
    noun: 'client',
    family: 'socket',
    types: [pkg(['Redis', 'Cluster'], 'ioredis')],
    createdBy: [pkg(['Redis.duplicate', 'Cluster.duplicate'], 'ioredis')],
    release: ['quit', 'disconnect'],
    suggestedRelease: '{{name}}.quit()',
    asyncRelease: true,
  },
  {
    name: 'redis client',
    noun: 'client', family: 'socket',
    // The `redis` package re-exports @redis/client; its own aliases name the same clients.
    types: [pkg(['RedisClient', 'RedisClientPool', 'RedisCluster', 'RedisSentinel'], '@redis/client'), pkg(['RedisClientType', 'RedisClusterType'], 'redis')],
    returnsSelf: [pkg(['RedisClient.connect', 'RedisCluster.connect', 'RedisSentinel.connect', 'RedisClientPool.connect'], '@redis/client')],
    release: ['close', 'destroy', 'quit', 'QUIT', 'disconnect'],
    suggestedRelease: '{{name}}.close()',
    asyncRelease: true,
  },
  { name: 'MongoClient', noun: 'client', family: 'socket', types: [pkg('MongoClient', 'mongodb')], release: ['close'], suggestedRelease: '{{name}}.close()', asyncRelease: true },
  {
    name: 'amqplib connection',
    noun: 'connection', family: 'socket',
    types: [pkg(['ChannelModel', 'RecoveringChannelModel', 'Connection', 'RecoveringConnection'], 'amqplib')],
    release: ['close'],
    suggestedRelease: '{{name}}.close()',
    asyncRelease: true,
  },
  {
    name: 'amqplib channel',
    noun: 'channel', family: 'socket',
    types: [pkg(['Channel', 'ConfirmChannel'], 'amqplib')],
    // callback_api's `createChannel(cb)` returns the channel and also hands it to the callback.
    notCreatedBy: [pkg(['Connection.createChannel', 'Connection.createConfirmChannel', 'RecoveringConnection.createChannel', 'RecoveringConnection.createConfirmChannel'], 'amqplib')],
    release: ['close'],
    suggestedRelease: '{{name}}.close()',
    asyncRelease: true,
  },
  {
    name: 'MqttClient',
    noun: 'client', family: 'socket',
    types: [pkg('MqttClient', 'mqtt')],
    returnsSelf: [pkg('MqttClient.*', 'mqtt')],
    release: ['end', 'endAsync'],
    suggestedRelease: '{{name}}.end()',
  },
];

/**
 * Presets name sets of kinds. `clients` was opt-in; its kinds are now built in, so the name is
 * accepted (older configs still validate) and adds nothing.
 */
const presets: Record<PresetName, readonly ResourceKind[]> = { clients: builtinClientKinds };

function customKind(resource: CustomResource): ResourceKind {
  const names = typeof resource.type.name === 'string' ? resource.type.name : resource.type.name.join('/');
  return {
    name: names,
    noun: 'socket', family: 'socket',
    types: [resource.type],
    release: resource.release,
    suggestedRelease: `{{name}}.${resource.release[0] ?? 'close'}()`,
  };
}

/** Every kind in force: user kinds first, so they win over built-ins for the same type. */
export function getResourceKinds(resources: readonly CustomResource[] = [], presetNames: readonly PresetName[] = []): ResourceKind[] {
  const kinds = new Set([
    ...resources.map(customKind),
    ...presetNames.flatMap((name) => presets[name]),
    ...builtinResourceKinds,
    ...builtinClientKinds,
    ...builtinResponseKinds,
  ]);
  return [...kinds];
}
