/** The followed modules and globals come from what the checks match on, so they cannot drift from it. */
import { describe, expect, it } from 'vitest';
import { getResourceKinds } from '../../../src/engine/resources/kinds.js';
import { getFollowedApis } from '../../../src/engine/types/followed.js';

describe('getFollowedApis', () => {
  it("follows every module of the built-in kinds and of the checks' APIs", () => {
    const { modules } = getFollowedApis(getResourceKinds());
    for (const name of ['net', 'tls', 'dgram', 'http', 'https', 'http2', 'child_process', 'cluster', 'events', 'undici', 'ws']) {
      expect(modules, name).toContain(name);
    }
    // Modules that only discharge a resource or have nothing to do with sockets are left out.
    // The database, cache and broker clients are built in.
    for (const name of ['pg', 'mysql2', 'ioredis', 'redis', 'mongodb', 'amqplib', 'mqtt']) expect(modules, name).toContain(name);
    for (const name of ['fs', 'stream', 'util', 'assert']) expect(modules, name).not.toContain(name);
  });

  it('follows the globals that hold or create resources, and where their declarations come from', () => {
    const { globals } = getFollowedApis(getResourceKinds());
    expect(globals.get('fetch')).toEqual({ from: 'lib' });
    expect(globals.get('WebSocket')).toEqual({ from: 'lib' });
    expect(globals.get('Response')).toEqual({ from: 'lib' });
    expect(globals.get('Deno')).toEqual({ from: 'package', package: 'deno' });
    expect(globals.has('EventEmitter')).toBe(false);
  });

  it('adds the packages of presets and of custom resources', () => {
    const custom = getResourceKinds([{ type: { from: 'package', package: 'node:my-broker', name: 'Connection' }, release: ['close'] }], ['clients']);
    const { modules } = getFollowedApis(custom);
    for (const name of ['pg', 'mysql2', 'ioredis', '@redis/client', 'redis', 'mongodb', 'amqplib', 'mqtt', 'my-broker']) {
      expect(modules, name).toContain(name);
    }
  });

  it('adds the packages of listener types from the options', () => {
    const { modules } = getFollowedApis(getResourceKinds(), [{ from: 'package', package: 'quic-listener', name: 'Listener' }]);
    expect(modules).toContain('quic-listener');
  });
});
