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
  readonly family: ResourceFamily;
  readonly types: readonly TypeSpecifier[];
  /** Subtypes that match `types` but carry no obligation (tty streams are net.Sockets over a terminal). */
  readonly excluded?: readonly TypeSpecifier[];
  readonly release: readonly string[];
  /** The release a suggestion inserts before an early exit. */
  readonly suggestedRelease: string;
  /** The suggested release returns a promise: `await` it in async functions, `void` elsewhere. */
  readonly asyncRelease?: boolean;
}

const pkg = (name: string | readonly string[], packageName: string): TypeSpecifier => ({
  from: 'package',
  package: packageName,
  name,
});

export const builtinResourceKinds: readonly ResourceKind[] = [
  {
    name: 'net.Socket',
    family: 'socket',
    types: [pkg('Socket', 'net')],
    excluded: [pkg(['ReadStream', 'WriteStream'], 'tty')],
    release: ['end', 'destroy', 'destroySoon', 'resetAndDestroy'],
    suggestedRelease: 'destroy',
  },
  { name: 'dgram.Socket', family: 'socket', types: [pkg('Socket', 'dgram')], release: ['close'], suggestedRelease: 'close' },
  {
    name: 'http2 session',
    family: 'socket',
    types: [pkg('ClientHttp2Session', 'http2')],
    release: ['close', 'destroy'],
    suggestedRelease: 'close',
  },
  { name: 'http.Agent', family: 'socket', types: [pkg('Agent', 'http')], release: ['destroy'], suggestedRelease: 'destroy' },
  {
    name: 'undici dispatcher',
    family: 'socket',
    types: [pkg(['Client', 'Pool', 'Agent', 'BalancedPool'], 'undici')],
    release: ['close', 'destroy'],
    suggestedRelease: 'close',
    asyncRelease: true,
  },
  {
    name: 'WebSocket',
    family: 'socket',
    types: [pkg('WebSocket', 'ws'), pkg('WebSocket', 'undici'), { from: 'lib', name: 'WebSocket' }],
    release: ['close', 'terminate'],
    suggestedRelease: 'close',
  },
  {
    name: 'Deno connection',
    family: 'socket',
    types: [pkg(['Deno.Conn', 'Deno.Listener'], 'deno')],
    release: ['close'],
    suggestedRelease: 'close',
  },
];

/** The `clients` preset: the socket-holding clients of common databases, caches and brokers. */
export const clientPresetKinds: readonly ResourceKind[] = [
  { name: 'pg.Client', family: 'socket', types: [pkg(['Client', 'Pool'], 'pg')], release: ['end'], suggestedRelease: 'end', asyncRelease: true },
  { name: 'pg.PoolClient', family: 'socket', types: [pkg('PoolClient', 'pg')], release: ['release'], suggestedRelease: 'release' },
  {
    name: 'mysql2 connection',
    family: 'socket',
    types: [pkg(['Connection', 'Pool', 'PoolConnection'], 'mysql2')],
    release: ['end', 'destroy', 'release'],
    suggestedRelease: 'end',
  },
  { name: 'ioredis client', family: 'socket', types: [pkg(['Redis', 'Cluster'], 'ioredis')], release: ['quit', 'disconnect'], suggestedRelease: 'quit', asyncRelease: true },
  {
    name: 'redis client',
    family: 'socket',
    types: [pkg(['RedisClient', 'RedisClientType'], '@redis/client'), pkg(['RedisClientType'], 'redis')],
    release: ['quit', 'disconnect', 'close', 'destroy'],
    suggestedRelease: 'quit',
    asyncRelease: true,
  },
  { name: 'MongoClient', family: 'socket', types: [pkg('MongoClient', 'mongodb')], release: ['close'], suggestedRelease: 'close', asyncRelease: true },
  {
    name: 'amqplib connection',
    family: 'socket',
    types: [pkg(['Connection', 'ChannelModel'], 'amqplib')],
    release: ['close'],
    suggestedRelease: 'close',
    asyncRelease: true,
  },
  { name: 'MqttClient', family: 'socket', types: [pkg('MqttClient', 'mqtt')], release: ['end', 'endAsync'], suggestedRelease: 'end' },
];

const presets: Record<PresetName, readonly ResourceKind[]> = { clients: clientPresetKinds };

function customKind(resource: CustomResource): ResourceKind {
  const names = typeof resource.type.name === 'string' ? resource.type.name : resource.type.name.join('/');
  return {
    name: names,
    family: 'socket',
    types: [resource.type],
    release: resource.release,
    suggestedRelease: resource.release[0] ?? 'close',
  };
}

/** Every socket-family kind in force: user kinds first, so they win over built-ins for the same type. */
export function getSocketKinds(resources: readonly CustomResource[] = [], presetNames: readonly PresetName[] = []): ResourceKind[] {
  return [...resources.map(customKind), ...presetNames.flatMap((name) => presets[name]), ...builtinResourceKinds];
}
