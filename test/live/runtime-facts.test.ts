/**
 * The Node facts the engine's model rests on (issue 13), checked against the running Node and the
 * kernel's socket table rather than remembered. Each fact is one thing closewait treats as a release
 * or as "nothing to release"; if a Node release changes it, this file fails before users see wrong
 * findings. Everything runs in-process on 127.0.0.1.
 */
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { text } from 'node:stream/consumers';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { countByState, getSnapshotCounts, liveSkipReason, loopback, pollUntil, snapshotPort, waitLimitMs, type StateCounts } from './harness.js';

/**
 * Whether this Node keeps a half-open socket's writable side open when a `for await` over it ends
 * by the end of the data (nodejs/node#64275), as measured on 127.0.0.1: kept on 24.19.0–24.22.3
 * and 26.5.0–26.9.0; destroyed on 20.20, 22.20–22.23, 24.16–24.18, 25.9, 26.10 and 26.12. A
 * release outside those ranges that differs fails this file: the docs' table needs it.
 */
const keepsHalfOpenAfterIteration = ((): boolean => {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return (major === 24 && minor >= 19) || (major === 26 && minor >= 5 && minor <= 9);
})();

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A server on 127.0.0.1 whose handler gets each socket; closed after the test. */
async function listen(handler: (socket: net.Socket) => void, options: net.ServerOpts = {}): Promise<number> {
  const server = net.createServer(options, handler);
  server.listen(0, loopback);
  await once(server, 'listening');
  closers.push(() => {
    server.close();
  });
  return (server.address() as net.AddressInfo).port;
}

/** The client side's sockets of a port (the server runs in this process too: its rows have it as local port). */
const clientStates = (port: number): StateCounts => countByState(snapshotPort(port, []).harness.filter((row) => row.remote.port === port));

describe.skipIf(liveSkipReason !== undefined)(`runtime facts${liveSkipReason ? ` (skipped: ${liveSkipReason})` : ''}`, () => {
  describe('for await over a socket destroys it when the loop ends', () => {
    it('at the end of the data, for a client socket the server closed', async () => {
      const port = await listen((socket) => socket.end('hello'));
      const sock = net.connect(port, loopback);
      let read = 0;
      for await (const chunk of sock) read += (chunk as Buffer).length;
      expect(read).toBe(5);
      expect(sock.destroyed).toBe(true);
      const states = await pollUntil(() => clientStates(port), (s) => !s.CLOSE_WAIT && !s.ESTABLISHED, waitLimitMs);
      expect(states.CLOSE_WAIT ?? 0).toBe(0);
    });

    it('on break, with the server still open (no FIN received)', async () => {
      const port = await listen((socket) => socket.write('hello'));
      const sock = net.connect(port, loopback);
      for await (const _chunk of sock) break;
      expect(sock.destroyed).toBe(true);
    });

    it('on a throw out of the loop', async () => {
      const port = await listen((socket) => socket.write('hello'));
      const sock = net.connect(port, loopback);
      await expect(
        (async () => {
          for await (const _chunk of sock) throw new Error('stop');
        })(),
      ).rejects.toThrow('stop');
      expect(sock.destroyed).toBe(true);
    });

    it('on break, for a half-open (allowHalfOpen) client socket too', async () => {
      const port = await listen((socket) => socket.write('hello'));
      const sock = net.connect({ port, host: loopback, allowHalfOpen: true });
      for await (const _chunk of sock) break;
      expect(sock.destroyed).toBe(true);
    });

    it('on a throw out of the loop, for a half-open client socket too', async () => {
      const port = await listen((socket) => socket.end('bye'));
      const sock = net.connect({ port, host: loopback, allowHalfOpen: true });
      await expect(
        (async () => {
          for await (const _chunk of sock) throw new Error('stop');
        })(),
      ).rejects.toThrow('stop');
      expect(sock.destroyed).toBe(true);
    });
  });

  describe('at the end of the data, a half-open socket is left open on some releases (end-half-open-socket: no answer)', () => {
    it(`${keepsHalfOpenAfterIteration ? 'keeps' : 'destroys'} it on Node ${process.versions.node}; end() after the loop closes it either way`, async () => {
      const port = await listen((socket) => socket.end('bye'));
      const sock = net.connect({ port, host: loopback, allowHalfOpen: true });
      for await (const _chunk of sock) {
        // read to the end
      }
      expect(sock.destroyed).toBe(!keepsHalfOpenAfterIteration);
      if (keepsHalfOpenAfterIteration) {
        const open = await pollUntil(() => clientStates(port), (s) => (s.CLOSE_WAIT ?? 0) > 0, waitLimitMs);
        expect(open.CLOSE_WAIT).toBe(1);
      }
      sock.end();
      const states = await pollUntil(() => clientStates(port), (s) => !s.CLOSE_WAIT && !s.ESTABLISHED, waitLimitMs);
      expect(states.CLOSE_WAIT ?? 0).toBe(0);
    });

    it(`so does a stream/consumers read (text()), on Node ${process.versions.node}`, async () => {
      const port = await listen((socket) => socket.end('bye'));
      const sock = net.connect({ port, host: loopback, allowHalfOpen: true });
      expect(await text(sock)).toBe('bye');
      await new Promise((resolve) => setImmediate(resolve));
      expect(sock.destroyed).toBe(!keepsHalfOpenAfterIteration);
      sock.end();
    });
  });

  describe("a rejected once(socket, …) comes after Node destroyed the socket", () => {
    it("'connect' refused", async () => {
      const port = await listen(() => undefined);
      closers.splice(0).forEach((close) => close()); // nothing listens there any more
      await pollUntil(() => getSnapshotCounts(snapshotPort(port, [])).all.LISTEN ?? 0, (n) => n === 0, waitLimitMs);
      const sock = net.connect(port, loopback);
      await expect(once(sock, 'connect')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(sock.destroyed).toBe(true);
    });

    it("'secureConnect' failing its handshake", async () => {
      const port = await listen((socket) => socket.end('not TLS\r\n'));
      const sock = tls.connect({ port, host: loopback, rejectUnauthorized: false });
      await expect(once(sock, 'secureConnect')).rejects.toBeInstanceOf(Error);
      expect(sock.destroyed).toBe(true);
    });
  });

  describe('an http.Agent holds sockets only with keepAlive', () => {
    async function requestThrice(agent: http.Agent): Promise<number> {
      const server = http.createServer((_request, response) => response.end('ok'));
      server.keepAliveTimeout = 60_000;
      server.listen(0, loopback);
      await once(server, 'listening');
      closers.push(() => {
        server.closeAllConnections();
        server.close();
      });
      const port = (server.address() as net.AddressInfo).port;
      for (let i = 0; i < 3; i += 1) {
        await new Promise<void>((resolve, reject) => {
          http
            .get({ host: loopback, port, agent }, (response) => {
              response.resume();
              response.on('end', resolve);
            })
            .on('error', reject);
        });
      }
      return port;
    }

    it('new http.Agent() closes each socket after its response', async () => {
      const agent = new http.Agent();
      expect((agent as http.Agent & { keepAlive?: boolean }).keepAlive).toBe(false);
      const port = await requestThrice(agent);
      const states = await pollUntil(() => clientStates(port), (s) => !s.ESTABLISHED, waitLimitMs);
      expect(states.ESTABLISHED ?? 0).toBe(0);
      expect(Object.keys(agent.freeSockets)).toEqual([]);
    });

    it('new http.Agent({ keepAlive: true }) keeps one open until destroy()', async () => {
      const agent = new http.Agent({ keepAlive: true });
      const port = await requestThrice(agent);
      expect(clientStates(port).ESTABLISHED).toBe(1);
      agent.destroy();
      const states = await pollUntil(() => clientStates(port), (s) => !s.ESTABLISHED, waitLimitMs);
      expect(states.ESTABLISHED ?? 0).toBe(0);
    });
  });
  describe('new net.Socket() holds no descriptor before connect()', () => {
    it('has no handle until connect(), and nothing in the socket table', async () => {
      const port = await listen((socket) => socket.end());
      const sock = new net.Socket();
      expect((sock as unknown as { _handle: unknown })._handle).toBeNull();
      expect(clientStates(port)).toEqual({});
      sock.connect(port, loopback);
      await once(sock, 'connect');
      expect((sock as unknown as { _handle: unknown })._handle).not.toBeNull();
      sock.destroy();
    });
  });

  describe("destroying a client request releases its response's connection", () => {
    it("req.destroy() in the 'response' handler closes the socket the unread response holds", async () => {
      const server = http.createServer((_request, response) => response.end('x'.repeat(64 * 1024)));
      server.keepAliveTimeout = 60_000;
      server.listen(0, loopback);
      await once(server, 'listening');
      closers.push(() => {
        server.closeAllConnections();
        server.close();
      });
      const port = (server.address() as net.AddressInfo).port;
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      closers.push(() => agent.destroy());
      await new Promise<void>((resolve) => {
        const req = http.get({ host: loopback, port, agent }, () => {
          req.destroy(); // the body is never read
          resolve();
        });
      });
      const states = await pollUntil(() => clientStates(port), (s) => !s.ESTABLISHED, waitLimitMs);
      expect(states.ESTABLISHED ?? 0).toBe(0);
      // The pool has its slot back: a second request completes.
      const status = await new Promise<number>((resolve) => {
        http.get({ host: loopback, port, agent }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
      });
      expect(status).toBe(200);
    });
  });
});
