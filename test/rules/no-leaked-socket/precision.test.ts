/**
 * no-leaked-socket on shapes taken from real code that were false alarms (issue 13): each kind with
 * the example that showed it and variants of our own, plus the neighbouring shapes that must still
 * report, so that a fix cannot pass by reporting less everywhere.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { runRuleTests } from '../rule-tester.js';

const exitLeak = (line: number, column: number, resource: string, exit: string, release = 'end() or destroy()') => ({
  messageId: 'leakAtExit' as const,
  line,
  column,
  data: { resource, exit, release },
});

const endLeak = (line: number, column: number, resource: string, where = 'the function', release = 'end() or destroy()') => ({
  messageId: 'leakAtEnd' as const,
  line,
  column,
  data: { resource, where, release },
  suggestions: [],
});

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // Parameter properties store their argument: the socket is handed to the connection object.
    `
import * as net from 'node:net';
class Conn {
  constructor(private readonly sock: net.Socket) {}
  close(): void { this.sock.end(); }
}
export function open(port: number): Conn {
  return new Conn(net.connect(port));
}
`,
    // Any of public/protected/readonly makes a parameter property; the argument comes from a variable.
    `
import * as net from 'node:net';
class Session {
  constructor(readonly id: number, protected socket: net.Socket) {}
}
export function start(port: number, id: number): Session {
  const socket = net.connect(port);
  const session = new Session(id, socket);
  return session;
}
`,
    // A subclass's constructor reaches the base class's parameter property through super().
    `
import * as tls from 'node:tls';
class Channel {
  constructor(public socket: tls.TLSSocket) {}
}
class SecureChannel extends Channel {}
export function dial(host: string): SecureChannel {
  return new SecureChannel(tls.connect(443, host));
}
`,
    // An error that keeps the response: the caller of the throw gets it.
    `
class HttpError extends Error {
  constructor(message: string, public response: Response) { super(message); }
}
export async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new HttpError('bad status', res);
  return res.json();
}
`,
    // Exhaustive switch over a union of string literals.
    `
import * as net from 'node:net';
type Mode = 'line' | 'raw';
export function send(port: number, mode: Mode, data: string): void {
  const sock = net.connect(port);
  switch (mode) {
    case 'line': sock.end(data + '\\n'); break;
    case 'raw': sock.end(data); break;
  }
}
`,
    // Exhaustive switch over an enum, with a default that only asserts.
    `
import * as net from 'node:net';
enum Framing { Length, Delimiter, None }
declare function assertNever(value: never): never;
export function send(port: number, framing: Framing, data: Buffer): void {
  const sock = net.connect(port);
  switch (framing) {
    case Framing.Length: sock.end(Buffer.concat([Buffer.from([data.length]), data])); break;
    case Framing.Delimiter: sock.end(Buffer.concat([data, Buffer.from([0])])); break;
    case Framing.None: sock.end(data); break;
    default: return assertNever(framing);
  }
}
`,
    // Exhaustive switch over a discriminated union's tag, one case returning the socket.
    `
import * as net from 'node:net';
type Target = { kind: 'tcp'; port: number } | { kind: 'ipc'; path: string };
export function dial(target: Target, keep: boolean): net.Socket | undefined {
  const sock = target.kind === 'tcp' ? net.connect(target.port) : net.connect(target.path);
  switch (target.kind) {
    case 'tcp':
      if (keep) return sock;
      sock.destroy();
      return undefined;
    case 'ipc':
      sock.end();
      return undefined;
  }
}
`,
    // Exhaustive switch over a boolean.
    `
import * as net from 'node:net';
export function send(port: number, flush: boolean, data: string): void {
  const sock = net.connect(port);
  switch (flush) {
    case true: sock.end(data); break;
    case false: sock.destroy(); break;
  }
}
`,
    // A catch that rethrows an implicit exception: the same exception, not an exit of its own.
    `
import * as net from 'node:net';
import { once } from 'node:events';
declare const failures: { inc(): void };
export async function hello(port: number): Promise<void> {
  try {
    const sock = net.connect(port);
    await once(sock, 'connect');
    sock.end('hello');
  } catch (err) {
    failures.inc();
    throw err;
  }
}
`,
    // Rethrowing a wrapped error after a finally-less cleanup that does not touch the socket.
    `
import * as net from 'node:net';
import { once } from 'node:events';
export async function greet(port: number): Promise<void> {
  const sock = net.connect(port);
  try {
    await once(sock, 'connect');
  } catch (error) {
    throw new Error('handshake failed', { cause: error });
  }
  sock.end();
}
`,
    // A function listener with a \`this\` parameter owns the socket it is handed.
    `
import * as net from 'node:net';
function onConnection(this: net.Server, socket: net.Socket): void {
  socket.end('busy');
}
export const server = net.createServer(onConnection);
`,
    // The same through a 'connection' listener, the socket handed on to a function.
    `
import * as net from 'node:net';
declare function serve(socket: net.Socket): void;
const server = net.createServer();
server.on('connection', function (this: net.Server, socket: net.Socket) {
  serve(socket);
});
`,
  ],
  invalid: [
    // A switch over a string whose cases cannot cover it: the no-match path leaks.
    {
      code: `
import * as net from 'node:net';
export function send(port: number, mode: string, data: string): void {
  const sock = net.connect(port);
  switch (mode) {
    case 'line': sock.end(data + '\\n'); break;
    case 'raw': sock.end(data); break;
  }
}
`,
      errors: [endLeak(4, 16, 'The net.Socket `sock` created on line 4')],
    },
    // A union with a member no case covers.
    {
      code: `
import * as net from 'node:net';
type Mode = 'line' | 'raw' | 'json';
export function send(port: number, mode: Mode, data: string): void {
  const sock = net.connect(port);
  switch (mode) {
    case 'line': sock.end(data + '\\n'); break;
    case 'raw': sock.end(data); break;
  }
}
`,
      errors: [endLeak(5, 16, 'The net.Socket `sock` created on line 5')],
    },
    // Exhaustive cases, but one case returns without releasing.
    {
      code: `
import * as net from 'node:net';
type Mode = 'line' | 'raw';
export function send(port: number, mode: Mode, data: string): void {
  const sock = net.connect(port);
  switch (mode) {
    case 'line': sock.end(data + '\\n'); break;
    case 'raw': if (data === '') return; sock.end(data); break;
  }
}
`,
      errors: [
        {
          ...exitLeak(8, 34, 'The net.Socket `sock` created on line 5', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease' as const,
              data: { call: 'sock.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
type Mode = 'line' | 'raw';
export function send(port: number, mode: Mode, data: string): void {
  const sock = net.connect(port);
  switch (mode) {
    case 'line': sock.end(data + '\\n'); break;
    case 'raw': if (data === '') { sock.destroy(); return; } sock.end(data); break;
  }
}
`,
            },
          ],
        },
      ],
    },
    // A catch that swallows the implicit exception leaks on the path that falls out of it.
    {
      code: `
import * as net from 'node:net';
declare function handshake(port: number): Promise<void>;
export async function greet(port: number): Promise<void> {
  const sock = net.connect(port);
  try {
    await handshake(port);
  } catch {
    return;
  }
  sock.end();
}
`,
      errors: [
        {
          ...exitLeak(9, 5, 'The net.Socket `sock` created on line 5', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease' as const,
              data: { call: 'sock.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
declare function handshake(port: number): Promise<void>;
export async function greet(port: number): Promise<void> {
  const sock = net.connect(port);
  try {
    await handshake(port);
  } catch {
    sock.destroy();
    return;
  }
  sock.end();
}
`,
            },
          ],
        },
      ],
    },
    // An explicit throw caught and rethrown: the function still leaves by that throw.
    {
      code: `
import * as net from 'node:net';
declare const log: { error(e: unknown): void };
export function send(port: number, data: string): void {
  const sock = net.connect(port);
  try {
    if (data === '') throw new Error('empty');
    sock.end(data);
  } catch (err) {
    log.error(err);
    throw err;
  }
}
`,
      errors: [
        {
          ...exitLeak(11, 5, 'The net.Socket `sock` created on line 5', 'throw'),
          suggestions: [
            {
              messageId: 'insertRelease' as const,
              data: { call: 'sock.destroy()', exit: 'throw' },
              output: `
import * as net from 'node:net';
declare const log: { error(e: unknown): void };
export function send(port: number, data: string): void {
  const sock = net.connect(port);
  try {
    if (data === '') throw new Error('empty');
    sock.end(data);
  } catch (err) {
    log.error(err);
    sock.destroy();
    throw err;
  }
}
`,
            },
          ],
        },
      ],
    },
    // A handler with a \`this\` parameter that drops the socket is still reported, on the socket.
    {
      code: `
import * as net from 'node:net';
function onConnection(this: net.Server, socket: net.Socket): void {
  if (this.listening) return;
  socket.end();
}
export const server = net.createServer(onConnection);
`,
      errors: [
        {
          ...exitLeak(4, 23, "The socket `socket` received by the net.createServer handler on line 3", 'return'),
          suggestions: [
            {
              messageId: 'insertRelease' as const,
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
function onConnection(this: net.Server, socket: net.Socket): void {
  if (this.listening) { socket.destroy(); return; }
  socket.end();
}
export const server = net.createServer(onConnection);
`,
            },
          ],
        },
      ],
    },
  ],
});
