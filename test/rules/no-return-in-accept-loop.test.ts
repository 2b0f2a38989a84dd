import rule, { type MessageId } from '../../rules/no-return-in-accept-loop.js';
import { createRuleTester, denoFixturesDir, runRuleTests } from './rule-tester.js';

type Exit = 'return' | 'break' | 'throw';

/** A report whose connection is closed (or not tracked) on the reported path. */
const stops = (line: number, column: number, exit: Exit, loopLine: number, listener: string, output?: string) => ({
  messageId: 'stopsAccepting' as MessageId,
  line,
  column,
  data: { exit, line: String(loopLine), listener },
  suggestions:
    output === undefined
      ? []
      : [{ messageId: 'replaceWithContinue' as MessageId, data: { exit, replacement: replacementIn(output) }, output }],
});

/** A report whose accepted connection is still open on the reported path. */
const stopsOpen = (
  line: number,
  column: number,
  exit: Exit,
  loopLine: number,
  listener: string,
  connection: string,
  suggestion?: { call: string; output: string },
) => ({
  messageId: 'stopsAcceptingConnectionOpen' as MessageId,
  line,
  column,
  data: { exit, line: String(loopLine), listener, connection },
  suggestions:
    suggestion === undefined
      ? []
      : [
          {
            messageId: 'closeAndContinue' as MessageId,
            data: { exit, call: suggestion.call, replacement: replacementIn(suggestion.output) },
            output: suggestion.output,
          },
        ],
});

/** The `continue` statement a suggestion's output uses (`continue` or `continue label`). */
function replacementIn(output: string): string {
  return /continue(?: \w+)?(?=;)/.exec(output)?.[0] ?? 'continue';
}

// ---- Node: `for await (const [socket] of on(server, 'connection'))` ---------------------------

runRuleTests('no-return-in-accept-loop', rule, {
  valid: [
    // The fix for the over-limit client: close it and go on accepting.
    `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server, maxClients: number) {
  let clients = 0;
  for await (const [socket] of on(server, 'connection')) {
    if (clients >= maxClients) {
      socket.destroy();
      continue;
    }
    clients += 1;
    socket.on('close', () => (clients -= 1));
    socket.pipe(socket);
  }
}
`,
    // A deliberate shutdown: the server is closed before the loop ends.
    `
import net from 'node:net';
import { on } from 'node:events';
export async function serveUntilQuit(server: net.Server) {
  for await (const [socket] of on(server, 'connection')) {
    socket.setEncoding('utf8');
    if (socket.remoteAddress === undefined) {
      socket.destroy();
      server.close();
      return;
    }
    socket.pipe(socket);
  }
}
`,
    // Closed in a finally around the loop, whatever ends it.
    `
import net from 'node:net';
import { on } from 'node:events';
export async function serveOnce(server: net.Server) {
  try {
    for await (const [socket] of on(server, 'connection')) {
      socket.end('bye\\n');
      break;
    }
  } finally {
    server.close();
  }
}
`,
    // The loop ends with break, and the server is closed right after it.
    `
import net from 'node:net';
import { on } from 'node:events';
export async function serveN(server: net.Server, limit: number) {
  let served = 0;
  for await (const [socket] of on(server, 'connection')) {
    socket.end('hi\\n');
    if (++served === limit) break;
  }
  server.close();
}
`,
    // An http server serves its own connections: a loop over its 'connection' events accepts nothing.
    `
import http from 'node:http';
import { on } from 'node:events';
export async function countConnections(server: http.Server) {
  let count = 0;
  for await (const [socket] of on(server, 'connection')) {
    count += 1;
    if (count > 10) return count;
    console.log(socket);
  }
  return count;
}
`,
    // Not a connection event.
    `
import net from 'node:net';
import { on } from 'node:events';
export async function waitForErrors(server: net.Server) {
  for await (const [error] of on(server, 'error')) {
    console.error(error);
    return;
  }
}
`,
    // A generic emitter's events are no accept loop.
    `
import { EventEmitter, on } from 'node:events';
export async function firstJob(queue: EventEmitter) {
  for await (const [job] of on(queue, 'job')) {
    return job as string;
  }
  return undefined;
}
`,
    // A 'connection' listener callback is not a loop: its return only ends the handler.
    `
import net from 'node:net';
export function listen(server: net.Server) {
  server.on('connection', (socket) => {
    if (socket.remoteAddress === undefined) {
      socket.destroy();
      return;
    }
    socket.pipe(socket);
  });
}
`,
    // Returns inside callbacks registered in the loop leave the callback, not the loop.
    `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server) {
  for await (const [socket] of on(server, 'connection')) {
    socket.on('data', (chunk: Buffer) => {
      if (chunk.length === 0) return;
      socket.write(chunk);
    });
    socket.on('end', () => socket.end());
  }
}
`,
    // break leaves an inner loop only.
    `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server, banned: string[]) {
  for await (const [socket] of on(server, 'connection')) {
    let refused = false;
    for (const address of banned) {
      if (socket.remoteAddress === address) {
        refused = true;
        break;
      }
    }
    if (refused) {
      socket.destroy();
      continue;
    }
    socket.pipe(socket);
  }
}
`,
    // A throw caught inside the loop: accepting goes on.
    `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server, greet: (socket: net.Socket) => Promise<void>) {
  for await (const [socket] of on(server, 'connection')) {
    try {
      if (!socket.remoteAddress) throw new Error('no peer address');
      await greet(socket);
    } catch (error) {
      console.error(error);
      socket.destroy();
    }
  }
}
`,
    // Closed through a local helper before returning.
    `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server) {
  const shutdown = (): void => {
    server.close();
  };
  for await (const [socket] of on(server, 'connection')) {
    if (socket.remoteAddress === '127.0.0.2') {
      socket.destroy();
      shutdown();
      return;
    }
    socket.pipe(socket);
  }
}
`,
    // await using closes the server whenever the function ends.
    `
import net from 'node:net';
import { on } from 'node:events';
export async function serveOne(port: number) {
  await using server = net.createServer().listen(port);
  for await (const [socket] of on(server, 'connection')) {
    socket.end('bye\\n');
    return;
  }
}
`,
    // A local async generator that happens to be called `on`: not events.on.
    `
import type * as net from 'node:net';
async function* on(server: net.Server, event: string): AsyncGenerator<[unknown]> {
  void server;
  void event;
}
export async function serve(server: net.Server, limit: number) {
  let active = 0;
  for await (const [socket] of on(server, 'connection')) {
    if (active >= limit) return;
    active++;
    void socket;
  }
}
`,
  ],
  invalid: [
    // DESIGN.md's measured case: six clients, return at the second connection, 4 CLOSE_WAIT.
    {
      code: `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server, maxClients: number) {
  let clients = 0;
  for await (const [socket] of on(server, 'connection')) {
    if (clients >= maxClients) {
      socket.destroy();
      return;
    }
    clients += 1;
    socket.pipe(socket);
  }
}
`,
      errors: [
        stops(
          9,
          7,
          'return',
          6,
          'server',
          `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server, maxClients: number) {
  let clients = 0;
  for await (const [socket] of on(server, 'connection')) {
    if (clients >= maxClients) {
      socket.destroy();
      continue;
    }
    clients += 1;
    socket.pipe(socket);
  }
}
`,
        ),
      ],
    },
    // The rejected socket is left open as well.
    {
      code: `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server, maxClients: number) {
  let clients = 0;
  for await (const [socket] of on(server, 'connection')) {
    if (clients >= maxClients) {
      return;
    }
    clients += 1;
    socket.pipe(socket);
  }
}
`,
      errors: [
        stopsOpen(8, 7, 'return', 6, 'server', 'socket', {
          call: 'socket.destroy()',
          output: `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server, maxClients: number) {
  let clients = 0;
  for await (const [socket] of on(server, 'connection')) {
    if (clients >= maxClients) {
      socket.destroy();
      continue;
    }
    clients += 1;
    socket.pipe(socket);
  }
}
`,
        }),
      ],
    },
    // events.on through the namespace, break without a block.
    {
      code: `
import net from 'node:net';
import * as events from 'node:events';
export async function serve(server: net.Server) {
  for await (const [socket] of events.on(server, 'connection')) {
    if (socket.remoteFamily === 'IPv6') break;
    socket.pipe(socket);
  }
}
`,
      errors: [
        stopsOpen(6, 41, 'break', 5, 'server', 'socket', {
          call: 'socket.destroy()',
          output: `
import net from 'node:net';
import * as events from 'node:events';
export async function serve(server: net.Server) {
  for await (const [socket] of events.on(server, 'connection')) {
    if (socket.remoteFamily === 'IPv6') { socket.destroy(); continue; }
    socket.pipe(socket);
  }
}
`,
        }),
      ],
    },
    // EventEmitter.on, the static form.
    {
      code: `
import net from 'node:net';
import { EventEmitter } from 'node:events';
export async function serve(server: net.Server) {
  for await (const [socket] of EventEmitter.on(server, 'connection')) {
    socket.end();
    if (server.connections === 0) break;
  }
}
`,
      errors: [
        stops(
          7,
          35,
          'break',
          5,
          'server',
          `
import net from 'node:net';
import { EventEmitter } from 'node:events';
export async function serve(server: net.Server) {
  for await (const [socket] of EventEmitter.on(server, 'connection')) {
    socket.end();
    if (server.connections === 0) continue;
  }
}
`,
        ),
      ],
    },
    // A tls server's 'secureConnection' events.
    {
      code: `
import tls from 'node:tls';
import { on } from 'node:events';
export async function serve(server: tls.Server) {
  for await (const [socket] of on(server, 'secureConnection')) {
    if (!socket.authorized) {
      socket.destroy();
      return;
    }
    socket.pipe(socket);
  }
}
`,
      errors: [
        stops(
          8,
          7,
          'return',
          5,
          'server',
          `
import tls from 'node:tls';
import { on } from 'node:events';
export async function serve(server: tls.Server) {
  for await (const [socket] of on(server, 'secureConnection')) {
    if (!socket.authorized) {
      socket.destroy();
      continue;
    }
    socket.pipe(socket);
  }
}
`,
        ),
      ],
    },
    // A server created here, never closed.
    {
      code: `
import net from 'node:net';
import { on } from 'node:events';
export async function main(port: number) {
  const server = net.createServer().listen(port);
  for await (const [socket] of on(server, 'connection')) {
    socket.end('ok\\n');
    if (process.exitCode) return 'stopped';
  }
  return 'done';
}
`,
      errors: [stops(8, 27, 'return', 6, 'server')],
    },
    // An exception thrown on one connection escapes the loop.
    {
      code: `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server) {
  for await (const [socket] of on(server, 'connection')) {
    if (socket.remoteAddress === undefined) throw new Error('unknown peer');
    socket.pipe(socket);
  }
}
`,
      errors: [stopsOpen(6, 45, 'throw', 5, 'server', 'socket')],
    },
    // break, and nothing after the loop closes the server.
    {
      code: `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server, log: (line: string) => void) {
  for await (const [socket] of on(server, 'connection')) {
    if (socket.remoteAddress === '10.0.0.1') {
      socket.resetAndDestroy();
      break;
    }
    socket.pipe(socket);
  }
  log('stopped accepting');
}
`,
      errors: [
        stops(
          8,
          7,
          'break',
          5,
          'server',
          `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server, log: (line: string) => void) {
  for await (const [socket] of on(server, 'connection')) {
    if (socket.remoteAddress === '10.0.0.1') {
      socket.resetAndDestroy();
      continue;
    }
    socket.pipe(socket);
  }
  log('stopped accepting');
}
`,
        ),
      ],
    },
    // Any async iterable of sockets is an accept loop.
    {
      code: `
import net from 'node:net';
export async function serve(connections: AsyncIterable<net.Socket>) {
  for await (const socket of connections) {
    if (socket.remotePort === 0) return;
    socket.end();
  }
}
`,
      errors: [
        stopsOpen(5, 34, 'return', 4, 'connections', 'socket', {
          call: 'socket.destroy()',
          output: `
import net from 'node:net';
export async function serve(connections: AsyncIterable<net.Socket>) {
  for await (const socket of connections) {
    if (socket.remotePort === 0) { socket.destroy(); continue; }
    socket.end();
  }
}
`,
        }),
      ],
    },
    // The server is closed on one branch only.
    {
      code: `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server, draining: boolean) {
  for await (const [socket] of on(server, 'connection')) {
    socket.destroy();
    if (draining) server.close();
    return;
  }
}
`,
      errors: [
        stops(
          8,
          5,
          'return',
          5,
          'server',
          `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server, draining: boolean) {
  for await (const [socket] of on(server, 'connection')) {
    socket.destroy();
    if (draining) server.close();
    continue;
  }
}
`,
        ),
      ],
    },
    // The iterator typed by an assertion, as in the live reproduction.
    {
      code: `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server) {
  for await (const [socket] of on(server, 'connection') as AsyncIterable<[net.Socket]>) {
    if (socket.remotePort === undefined) return;
    socket.pipe(socket);
  }
}
`,
      errors: [
        stopsOpen(6, 42, 'return', 5, 'server', 'socket', {
          call: 'socket.destroy()',
          output: `
import net from 'node:net';
import { on } from 'node:events';
export async function serve(server: net.Server) {
  for await (const [socket] of on(server, 'connection') as AsyncIterable<[net.Socket]>) {
    if (socket.remotePort === undefined) { socket.destroy(); continue; }
    socket.pipe(socket);
  }
}
`,
        }),
      ],
    },
    // Identity, not spelling: events.on destructured from its module.
    {
      code: `
import type * as net from 'node:net';
import * as events from 'node:events';
const { on } = events;
export async function serve(server: net.Server, limit: number) {
  let active = 0;
  for await (const [socket] of on(server, 'connection')) {
    if (active >= limit) return;
    active++;
    socket.pipe(socket);
  }
}
`,
      errors: [stopsOpen(8, 26, 'return', 7, 'server', 'socket', { call: 'socket.destroy()', output: `
import type * as net from 'node:net';
import * as events from 'node:events';
const { on } = events;
export async function serve(server: net.Server, limit: number) {
  let active = 0;
  for await (const [socket] of on(server, 'connection')) {
    if (active >= limit) { socket.destroy(); continue; }
    active++;
    socket.pipe(socket);
  }
}
` })],
    },
    // events.on through a variable of another name.
    {
      code: `
import type * as net from 'node:net';
import * as events from 'node:events';
const connections = events.on;
export async function serve(server: net.Server, limit: number) {
  let active = 0;
  for await (const [socket] of connections(server, 'connection')) {
    if (active >= limit) return;
    active++;
    socket.pipe(socket);
  }
}
`,
      errors: [stopsOpen(8, 26, 'return', 7, 'server', 'socket', { call: 'socket.destroy()', output: `
import type * as net from 'node:net';
import * as events from 'node:events';
const connections = events.on;
export async function serve(server: net.Server, limit: number) {
  let active = 0;
  for await (const [socket] of connections(server, 'connection')) {
    if (active >= limit) { socket.destroy(); continue; }
    active++;
    socket.pipe(socket);
  }
}
` })],
    },
  ],
});

// ---- Deno: `for await (const conn of listener)` and `listener.accept()` -------------------------

createRuleTester(denoFixturesDir).run('no-return-in-accept-loop (Deno)', rule as never, {
  valid: [
    // The fix: close the over-limit connection and go on accepting.
    `
const MAX_CONNECTIONS = 100;
let active = 0;
export async function serve(listener: Deno.TcpListener) {
  for await (const conn of listener) {
    if (active >= MAX_CONNECTIONS) {
      conn.close();
      continue;
    }
    active += 1;
    handle(conn).finally(() => (active -= 1));
  }
}
declare function handle(conn: Deno.Conn): Promise<void>;
`,
    // A deliberate shutdown: the listener is closed before returning.
    `
export async function serve(listener: Deno.Listener, isQuit: (conn: Deno.Conn) => boolean) {
  for await (const conn of listener) {
    if (isQuit(conn)) {
      conn.close();
      listener.close();
      return;
    }
    conn.close();
  }
}
`,
    // Closed in a finally around the loop.
    `
export async function serveFirst(port: number) {
  const listener = Deno.listen({ port });
  try {
    for await (const conn of listener) {
      await conn.write(new TextEncoder().encode('hello\\n'));
      conn.close();
      return;
    }
  } finally {
    listener.close();
  }
}
`,
    // break, then the listener is closed after the loop.
    `
export async function serveN(listener: Deno.Listener, limit: number) {
  let served = 0;
  for await (const conn of listener) {
    conn.close();
    if (++served >= limit) break;
  }
  listener.close();
}
`,
    // using closes the listener whenever the function ends.
    `
export async function serveOnce(port: number) {
  using listener = Deno.listen({ port });
  for await (const conn of listener) {
    conn.close();
    return;
  }
}
`,
    // A retry loop around the accept loop: after the break it accepts again.
    `
export async function serveForever(listener: Deno.Listener, paused: () => boolean) {
  while (true) {
    for await (const conn of listener) {
      conn.close();
      if (paused()) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
`,
    // The while/accept shape with continue.
    `
export async function serve(listener: Deno.TcpListener) {
  while (true) {
    const conn = await listener.accept();
    if (conn.remoteAddr.hostname === '10.0.0.1') {
      conn.close();
      continue;
    }
    handle(conn);
  }
}
declare function handle(conn: Deno.Conn): void;
`,
    // Returns inside nested functions end those functions only.
    `
export async function serve(listener: Deno.Listener) {
  for await (const conn of listener) {
    const reply = (text: string): Promise<number> | undefined => {
      if (text === '') return undefined;
      return conn.write(new TextEncoder().encode(text));
    };
    await reply('hi');
    conn.close();
  }
}
`,
    // break of an inner loop, break of a switch, break of a labeled block.
    `
export async function serve(listener: Deno.Listener) {
  for await (const conn of listener) {
    const buffer = new Uint8Array(64);
    for (;;) {
      const read = await conn.read(buffer);
      if (read === null) break;
    }
    switch (conn.remoteAddr.transport) {
      case 'tcp':
        break;
      default:
        conn.close();
        continue;
    }
    check: {
      if (buffer[0] === 0) break check;
    }
    conn.close();
  }
}
`,
    // A throw caught inside the loop.
    `
export async function serve(listener: Deno.Listener) {
  for await (const conn of listener) {
    try {
      if (conn.remoteAddr.transport !== 'tcp') throw new Error('tcp only');
      await conn.write(new Uint8Array([1]));
    } catch {
      // refused
    } finally {
      conn.close();
    }
  }
}
`,
    // The listener closed through a method of the class that owns it.
    `
export class Server {
  private readonly listener = Deno.listen({ port: 8080 });
  stop(): void {
    this.listener.close();
  }
  async run(): Promise<void> {
    for await (const conn of this.listener) {
      if (conn.remoteAddr.transport === 'unix') {
        conn.close();
        this.stop();
        return;
      }
      conn.close();
    }
  }
}
`,
    // continue to the accept loop's label from an inner loop.
    `
export async function serve(listener: Deno.Listener, banned: string[]) {
  accept: for await (const conn of listener) {
    for (const host of banned) {
      if (conn.remoteAddr.transport === 'tcp' && conn.remoteAddr.hostname === host) {
        conn.close();
        continue accept;
      }
    }
    conn.close();
  }
}
`,
    // Reading a connection's stream is not an accept loop.
    `
export async function readAll(conn: Deno.Conn): Promise<number> {
  let total = 0;
  for await (const chunk of conn.readable) {
    if (chunk.length === 0) return total;
    total += chunk.length;
  }
  return total;
}
`,
    // A plain loop over connections already accepted is not an accept loop.
    `
export function closeAll(conns: Deno.Conn[]) {
  for (const conn of conns) {
    conn.close();
    if (conns.length > 10) return;
  }
}
`,
    // accept() on a type that is not a listener.
    `
class Queue {
  async accept(): Promise<string> {
    return 'job';
  }
}
export async function work(queue: Queue) {
  while (true) {
    const job = await queue.accept();
    if (job === 'stop') return;
  }
}
`,
    // A do…while accept loop that goes on with continue.
    `
export async function serve(listener: Deno.TcpListener, running: () => boolean) {
  do {
    const conn = await listener.accept();
    if (conn.remoteAddr.port === 0) {
      conn.close();
      continue;
    }
    conn.close();
  } while (running());
}
`,
    // At module top level: break, then the listener is closed.
    `
const listener = Deno.listen({ port: 8080 });
for await (const conn of listener) {
  conn.close();
  if (conn.remoteAddr.transport === 'unix') break;
}
listener.close();
`,
  ],
  invalid: [
    // The over-limit example: return after closing the rejected connection.
    {
      code: `
const MAX_CONNECTIONS = 100;
let active = 0;
export async function serve(listener: Deno.TcpListener) {
  for await (const conn of listener) {
    if (active >= MAX_CONNECTIONS) {
      conn.close();
      return;
    }
    active += 1;
    handle(conn).finally(() => (active -= 1));
  }
}
declare function handle(conn: Deno.Conn): Promise<void>;
`,
      errors: [
        stops(
          8,
          7,
          'return',
          5,
          'listener',
          `
const MAX_CONNECTIONS = 100;
let active = 0;
export async function serve(listener: Deno.TcpListener) {
  for await (const conn of listener) {
    if (active >= MAX_CONNECTIONS) {
      conn.close();
      continue;
    }
    active += 1;
    handle(conn).finally(() => (active -= 1));
  }
}
declare function handle(conn: Deno.Conn): Promise<void>;
`,
        ),
      ],
    },
    // The rejected connection is left open too.
    {
      code: `
export async function serve(listener: Deno.Listener, max: number) {
  let active = 0;
  for await (const conn of listener) {
    if (active >= max) {
      console.log('over the limit');
      return;
    }
    active += 1;
    conn.close();
  }
}
`,
      errors: [
        stopsOpen(7, 7, 'return', 4, 'listener', 'conn', {
          call: 'conn.close()',
          output: `
export async function serve(listener: Deno.Listener, max: number) {
  let active = 0;
  for await (const conn of listener) {
    if (active >= max) {
      console.log('over the limit');
      conn.close();
      continue;
    }
    active += 1;
    conn.close();
  }
}
`,
        }),
      ],
    },
    // while (true) { const conn = await listener.accept(); … }
    {
      code: `
export async function serve(listener: Deno.TcpListener) {
  while (true) {
    const conn = await listener.accept();
    if (conn.remoteAddr.hostname === '10.0.0.1') return;
    handle(conn);
  }
}
declare function handle(conn: Deno.Conn): void;
`,
      errors: [
        stopsOpen(5, 50, 'return', 3, 'listener', 'conn', {
          call: 'conn.close()',
          output: `
export async function serve(listener: Deno.TcpListener) {
  while (true) {
    const conn = await listener.accept();
    if (conn.remoteAddr.hostname === '10.0.0.1') { conn.close(); continue; }
    handle(conn);
  }
}
declare function handle(conn: Deno.Conn): void;
`,
        }),
      ],
    },
    // for (;;) with accept(), break after closing the connection.
    {
      code: `
export async function serve(listener: Deno.Listener, stopAt: number) {
  let served = 0;
  for (;;) {
    const conn = await listener.accept();
    conn.close();
    if (++served === stopAt) {
      break;
    }
  }
}
`,
      errors: [
        stops(
          8,
          7,
          'break',
          4,
          'listener',
          `
export async function serve(listener: Deno.Listener, stopAt: number) {
  let served = 0;
  for (;;) {
    const conn = await listener.accept();
    conn.close();
    if (++served === stopAt) {
      continue;
    }
  }
}
`,
        ),
      ],
    },
    // An uncaught throw: no suggestion (catch it inside the loop instead).
    {
      code: `
export async function serve(listener: Deno.Listener) {
  for await (const conn of listener) {
    if (conn.remoteAddr.transport !== 'tcp') {
      throw new Error('tcp only');
    }
    conn.close();
  }
}
`,
      errors: [stopsOpen(5, 7, 'throw', 3, 'listener', 'conn')],
    },
    // A catch that rethrows lets the exception escape the loop.
    {
      code: `
export async function serve(listener: Deno.Listener) {
  for await (const conn of listener) {
    try {
      await conn.write(new TextEncoder().encode('hello\\n'));
    } catch (error) {
      conn.close();
      throw error;
    }
    conn.close();
  }
}
`,
      errors: [stops(8, 7, 'throw', 3, 'listener')],
    },
    // A labeled break out of an inner loop: the suggestion continues the labeled accept loop.
    {
      code: `
export async function serve(listener: Deno.Listener, banned: string[]) {
  accept: for await (const conn of listener) {
    for (const host of banned) {
      if (conn.remoteAddr.transport === 'tcp' && conn.remoteAddr.hostname === host) break accept;
    }
    conn.close();
  }
}
`,
      errors: [
        stopsOpen(5, 85, 'break', 3, 'listener', 'conn', {
          call: 'conn.close()',
          output: `
export async function serve(listener: Deno.Listener, banned: string[]) {
  accept: for await (const conn of listener) {
    for (const host of banned) {
      if (conn.remoteAddr.transport === 'tcp' && conn.remoteAddr.hostname === host) { conn.close(); continue accept; }
    }
    conn.close();
  }
}
`,
        }),
      ],
    },
    // A return inside an inner loop of an unlabeled accept loop: no `continue` reaches the accept loop.
    {
      code: `
export async function serve(listener: Deno.Listener, banned: string[]) {
  for await (const conn of listener) {
    for (const host of banned) {
      if (conn.remoteAddr.transport === 'tcp' && conn.remoteAddr.hostname === host) {
        conn.close();
        return;
      }
    }
    conn.close();
  }
}
`,
      errors: [stops(7, 9, 'return', 3, 'listener')],
    },
    // return with a value: no suggestion, the value was meant for the caller.
    {
      code: `
export async function firstTls(listener: Deno.Listener): Promise<Deno.Conn | undefined> {
  for await (const conn of listener) {
    if (conn.remoteAddr.transport === 'tcp') return conn;
    conn.close();
  }
  return undefined;
}
`,
      errors: [stops(4, 46, 'return', 3, 'listener')],
    },
    // break inside try/finally: the finally closes the connection, not the listener.
    {
      code: `
export async function serve(listener: Deno.Listener) {
  for await (const conn of listener) {
    try {
      const written = await conn.write(new Uint8Array([1]));
      if (written === 0) break;
    } finally {
      conn.close();
    }
  }
}
`,
      errors: [
        stops(
          6,
          26,
          'break',
          3,
          'listener',
          `
export async function serve(listener: Deno.Listener) {
  for await (const conn of listener) {
    try {
      const written = await conn.write(new Uint8Array([1]));
      if (written === 0) continue;
    } finally {
      conn.close();
    }
  }
}
`,
        ),
      ],
    },
    // A return in a switch inside the loop.
    {
      code: `
export async function serve(listener: Deno.Listener) {
  for await (const conn of listener) {
    switch (conn.remoteAddr.transport) {
      case 'unix':
        return;
      default:
        conn.close();
    }
  }
}
`,
      errors: [
        stopsOpen(6, 9, 'return', 3, 'listener', 'conn', {
          call: 'conn.close()',
          output: `
export async function serve(listener: Deno.Listener) {
  for await (const conn of listener) {
    switch (conn.remoteAddr.transport) {
      case 'unix':
        conn.close();
        continue;
      default:
        conn.close();
    }
  }
}
`,
        }),
      ],
    },
    // A throw caught outside the loop by a catch that does not close the listener.
    {
      code: `
export async function serve(listener: Deno.Listener) {
  try {
    for await (const conn of listener) {
      conn.close();
      if (conn.remoteAddr.transport === 'unix') throw new Error('unexpected unix socket');
    }
  } catch (error) {
    console.error(error);
  }
}
`,
      errors: [stops(6, 49, 'throw', 4, 'listener')],
    },
    // An inline listener nothing can close.
    {
      code: `
export async function serve() {
  for await (const conn of Deno.listen({ port: 8080 })) {
    conn.close();
    if (conn.localAddr.transport !== 'tcp') break;
  }
}
`,
      errors: [
        stops(
          5,
          45,
          'break',
          3,
          'Deno.listen({ port: 8080 })',
          `
export async function serve() {
  for await (const conn of Deno.listen({ port: 8080 })) {
    conn.close();
    if (conn.localAddr.transport !== 'tcp') continue;
  }
}
`,
        ),
      ],
    },
    // A TLS listener held by a class, which never closes it.
    {
      code: `
export class Server {
  constructor(private readonly listener: Deno.TlsListener) {}
  async run(): Promise<void> {
    for await (const conn of this.listener) {
      const { alpnProtocol } = await conn.handshake();
      if (alpnProtocol === null) return;
      conn.close();
    }
  }
}
`,
      errors: [
        stopsOpen(7, 34, 'return', 5, 'this.listener', 'conn', {
          call: 'conn.close()',
          output: `
export class Server {
  constructor(private readonly listener: Deno.TlsListener) {}
  async run(): Promise<void> {
    for await (const conn of this.listener) {
      const { alpnProtocol } = await conn.handshake();
      if (alpnProtocol === null) { conn.close(); continue; }
      conn.close();
    }
  }
}
`,
        }),
      ],
    },
    // An async generator of Deno connections.
    {
      code: `
declare function accepted(): AsyncGenerator<Deno.TcpConn>;
export async function serve() {
  for await (const conn of accepted()) {
    if (conn.remoteAddr.port < 1024) break;
    conn.close();
  }
}
`,
      errors: [
        stopsOpen(5, 38, 'break', 4, 'accepted()', 'conn', {
          call: 'conn.close()',
          output: `
declare function accepted(): AsyncGenerator<Deno.TcpConn>;
export async function serve() {
  for await (const conn of accepted()) {
    if (conn.remoteAddr.port < 1024) { conn.close(); continue; }
    conn.close();
  }
}
`,
        }),
      ],
    },
    // A listener type of the project, named by the listenerTypes option: for await over it.
    {
      code: `
export interface Acceptor extends AsyncIterable<Deno.Conn> {
  accept(): Promise<Deno.Conn>;
  close(): void;
}
export async function serve(acceptor: Acceptor) {
  for await (const conn of acceptor) {
    conn.close();
    if (conn.remoteAddr.transport === 'unix') return;
  }
}
`,
      options: [{ listenerTypes: [{ from: 'file', name: 'Acceptor' }] }],
      errors: [
        stops(
          9,
          47,
          'return',
          7,
          'acceptor',
          `
export interface Acceptor extends AsyncIterable<Deno.Conn> {
  accept(): Promise<Deno.Conn>;
  close(): void;
}
export async function serve(acceptor: Acceptor) {
  for await (const conn of acceptor) {
    conn.close();
    if (conn.remoteAddr.transport === 'unix') continue;
  }
}
`,
        ),
      ],
    },
    // The same option for the accept() shape, with a do…while loop.
    {
      code: `
export class Acceptor {
  async accept(): Promise<Deno.Conn> {
    return await Deno.connect({ port: 1 });
  }
}
export async function serve(acceptor: Acceptor, running: () => boolean) {
  do {
    const conn = await acceptor.accept();
    if (conn.remoteAddr.transport === 'unix') return;
    conn.close();
  } while (running());
}
`,
      options: [{ listenerTypes: [{ from: 'file', name: 'Acceptor' }] }],
      errors: [
        stopsOpen(10, 47, 'return', 8, 'acceptor', 'conn', {
          call: 'conn.close()',
          output: `
export class Acceptor {
  async accept(): Promise<Deno.Conn> {
    return await Deno.connect({ port: 1 });
  }
}
export async function serve(acceptor: Acceptor, running: () => boolean) {
  do {
    const conn = await acceptor.accept();
    if (conn.remoteAddr.transport === 'unix') { conn.close(); continue; }
    conn.close();
  } while (running());
}
`,
        }),
      ],
    },
    // Several exits in one loop: each reported once.
    {
      code: `
export async function serve(listener: Deno.Listener, limit: number) {
  let served = 0;
  for await (const conn of listener) {
    if (served > limit) break;
    if (conn.remoteAddr.transport === 'unix') {
      conn.close();
      return;
    }
    served += 1;
    conn.close();
  }
}
`,
      errors: [
        stopsOpen(5, 25, 'break', 4, 'listener', 'conn', {
          call: 'conn.close()',
          output: `
export async function serve(listener: Deno.Listener, limit: number) {
  let served = 0;
  for await (const conn of listener) {
    if (served > limit) { conn.close(); continue; }
    if (conn.remoteAddr.transport === 'unix') {
      conn.close();
      return;
    }
    served += 1;
    conn.close();
  }
}
`,
        }),
        stops(
          8,
          7,
          'return',
          4,
          'listener',
          `
export async function serve(listener: Deno.Listener, limit: number) {
  let served = 0;
  for await (const conn of listener) {
    if (served > limit) break;
    if (conn.remoteAddr.transport === 'unix') {
      conn.close();
      continue;
    }
    served += 1;
    conn.close();
  }
}
`,
        ),
      ],
    },
    // Deno's echo server at module top level: a break stops accepting while the listener stays open.
    {
      code: `
const listener = Deno.listen({ port: 8080 });
let served = 0;
for await (const conn of listener) {
  served += 1;
  if (served > 1000) break;
  conn.readable.pipeTo(conn.writable);
}
console.log('no longer accepting');
`,
      errors: [
        stopsOpen(6, 22, 'break', 4, 'listener', 'conn', {
          call: 'conn.close()',
          output: `
const listener = Deno.listen({ port: 8080 });
let served = 0;
for await (const conn of listener) {
  served += 1;
  if (served > 1000) { conn.close(); continue; }
  conn.readable.pipeTo(conn.writable);
}
console.log('no longer accepting');
`,
        }),
      ],
    },
  ],
});
