/**
 * no-leaked-socket on shapes taken from real code that were false alarms (issue 13): each kind with
 * the example that showed it and variants of our own, plus the neighbouring shapes that must still
 * report, so that a fix cannot pass by reporting less everywhere.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { endLeak, exitLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

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
    // Reading an outgoing socket to the end with for await: the iterator destroys it when the loop
    // ends, here by an early return.
    `
import * as net from 'node:net';
export async function firstLine(port: number): Promise<string | undefined> {
  const sock = net.connect(port);
  for await (const chunk of sock) {
    const text = String(chunk);
    if (text.includes('\\n')) return text.split('\\n')[0];
  }
  return undefined;
}
`,
    // The same for a TLS socket, the loop left by break and a throw.
    `
import * as tls from 'node:tls';
export async function banner(host: string, limit: number): Promise<number> {
  const sock = tls.connect(443, host);
  let total = 0;
  for await (const chunk of sock) {
    total += (chunk as Buffer).length;
    if (total > limit) throw new Error('too long');
    if (total > 64) break;
  }
  return total;
}
`,
    // A half-open client socket read to its end: the iterator destroys it all the same (test/live).
    `
import * as net from 'node:net';
export async function drain(port: number): Promise<void> {
  const sock = net.connect({ port, allowHalfOpen: true });
  for await (const _chunk of sock) {
    // discard
  }
}
`,
    // new net.Socket() holds nothing before connect(): a throw in between leaks nothing.
    `
import * as net from 'node:net';
export function dial(port: number, host: string): net.Socket {
  const sock = new net.Socket();
  if (host === '') throw new Error('no host');
  sock.connect(port, host);
  return sock;
}
`,
    // Configured before it connects; the configuration may return early.
    `
import * as net from 'node:net';
export function dial(port: number, timeout: number): net.Socket | undefined {
  const sock = new net.Socket({ allowHalfOpen: false });
  sock.setNoDelay(true);
  if (timeout <= 0) return undefined;
  sock.setTimeout(timeout);
  return sock.connect(port);
}
`,
    // Never connected here at all: nothing to release.
    `
import * as net from 'node:net';
export function make(verbose: boolean): void {
  const sock = new net.Socket();
  if (verbose) console.log(sock.readyState);
}
`,
    // A rejected once(sock, 'connect') follows an 'error': Node destroyed the socket first.
    `
import * as net from 'node:net';
import { once } from 'node:events';
export async function probe(port: number): Promise<boolean> {
  const sock = net.connect(port);
  try {
    await once(sock, 'connect');
  } catch {
    return false;
  }
  sock.end();
  return true;
}
`,
    // The same for 'secureConnect' on a TLS socket, the error caught by an outer try.
    `
import * as tls from 'node:tls';
import { once } from 'node:events';
export async function probe(host: string): Promise<string> {
  const sock = tls.connect(443, host);
  try {
    await once(sock, 'secureConnect');
    return sock.getProtocol() ?? 'unknown';
  } catch (error) {
    return String(error);
  } finally {
    if (!sock.destroyed) sock.end();
  }
}
`,
    // A promise that rejects from the socket's own 'error' event.
    `
import * as net from 'node:net';
export async function connected(port: number): Promise<net.Socket | undefined> {
  const sock = net.connect(port);
  try {
    await new Promise<void>((resolve, reject) => {
      sock.once('connect', resolve);
      sock.once('error', (error) => reject(error));
    });
  } catch {
    return undefined;
  }
  return sock;
}
`,
    // An http.Agent without keepAlive pools nothing.
    `
import * as http from 'node:http';
export function fetchOnce(url: string, done: (status: number) => void): void {
  const agent = new http.Agent({ maxSockets: 4 });
  http.get(url, { agent }, (res) => {
    res.resume();
    done(res.statusCode ?? 0);
  });
}
`,
    // Nor does a proxy agent subclass used through its own methods.
    `
import * as http from 'node:http';
import * as net from 'node:net';
class TunnelAgent extends http.Agent {
  constructor(private readonly proxy: string) { super(); }
  tunnel(port: number): net.Socket { return net.connect(port, this.proxy); }
}
export function viaProxy(proxy: string, url: string): void {
  const agent = new TunnelAgent(proxy);
  http.get(url, { agent }, (res) => res.resume());
}
`,
    // keepAlive: false, spelled out through a const.
    `
import * as https from 'node:https';
const options = { keepAlive: false, maxSockets: 2 };
export function client(): https.Agent {
  const agent = new https.Agent(options);
  return agent;
}
export function probe(): void {
  const agent = new https.Agent(options);
  console.log(agent.maxSockets);
}
`,
    // Fluent methods declared to return their own class hand back the receiver.
    `
import * as net from 'node:net';
class Publisher {
  constructor(private readonly sock: net.Socket) {}
  publish(topic: string, body: string): Publisher {
    this.sock.write(topic + ' ' + body + '\\n');
    return this;
  }
  end(): Publisher {
    this.sock.end();
    return this;
  }
}
export function announce(publisher: Publisher): void {
  publisher.publish('a', '1').publish('b', '2');
  publisher.publish('c', '3');
}
`,
    // A method that resolves to its own receiver (\`Promise<this>\`) is not a creation either.
    `
import * as net from 'node:net';
class Link {
  constructor(private readonly sock: net.Socket) {}
  async ready(): Promise<this> { return this; }
  close(): void { this.sock.end(); }
}
export async function warm(link: Link): Promise<void> {
  await link.ready();
}
`,
    // Watching is not owning: a second 'connection' listener observes the socket another one owns.
    `
import * as net from 'node:net';
declare function handle(socket: net.Socket): void;
const server = net.createServer();
server.on('connection', handle);
server.on('connection', (s) => { s.setKeepAlive(true); });
server.listen(7000);
`,
    // The createServer callback owns; a 'connection' listener that returns early only counts.
    `
import * as net from 'node:net';
let connections = 0;
export function start(port: number): net.Server {
  const server = net.createServer((socket) => socket.pipe(socket));
  server.on('connection', (socket) => {
    connections++;
    if (connections < 100) return;
    console.warn('busy', socket.remoteAddress);
  });
  return server.listen(port);
}
`,
    // Several 'upgrade' listeners split the URL space: each returns for the URLs another serves.
    `
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
declare function acceptChat(request: http.IncomingMessage, socket: Duplex): void;
declare function acceptFeed(request: http.IncomingMessage, socket: Duplex): void;
export function attach(server: http.Server): void {
  server.on('upgrade', (request, socket) => {
    if (request.url !== '/chat') return;
    acceptChat(request, socket);
  });
  server.on('upgrade', (request, socket) => {
    if (request.url !== '/feed') return;
    acceptFeed(request, socket);
  });
}
`,
    // The creating call's own callback hands the socket on (a connect callback).
    `
import * as net from 'node:net';
class Connection {
  constructor(readonly sock: net.Socket) {}
}
export function connect(port: number, timeout: number, open: (error: Error | null, connection?: Connection) => void): void {
  const sock = net.connect(port, () => open(null, new Connection(sock)));
  if (timeout > 0) sock.setTimeout(timeout, () => { sock.destroy(); open(new Error('ETIMEDOUT')); });
  sock.once('error', (error) => open(error));
}
`,
    // The same with a TLS socket whose secureConnect callback releases it.
    `
import * as tls from 'node:tls';
export function check(host: string, done: (authorized: boolean) => void): void {
  const sock = tls.connect(443, host, () => {
    done(sock.authorized);
    sock.end();
  });
  sock.setTimeout(5000);
}
`,
    // A server subclass whose constructor installs the connection handler: a 'connection' listener
    // added afterwards only watches.
    `
import * as net from 'node:net';
class PolyServer extends net.Server {
  constructor(route: (socket: net.Socket) => void) {
    super((socket) => route(socket));
  }
}
export function createServer(route: (socket: net.Socket) => void): net.Server {
  const server = new PolyServer(route);
  server.on('connection', (socket: net.Socket) => { socket.setNoDelay(true); });
  return server;
}
`,
    // new net.Server(handler) is createServer(handler).
    `
import * as net from 'node:net';
declare function serve(socket: net.Socket): void;
export const server = new net.Server(serve);
server.on('connection', (socket) => socket.setKeepAlive(true));
`,
    // A client request's upgraded socket, whose request a timeout hands to a helper that destroys it.
    `
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
function abortHandshake(req: http.ClientRequest, reason: string): void {
  req.destroy(new Error(reason));
}
export function upgrade(url: string, isOpen: () => boolean, accept: (socket: Duplex) => void): void {
  const req = http.get(url, { headers: { connection: 'upgrade', upgrade: 'websocket' }, timeout: 1000 });
  req.on('timeout', () => abortHandshake(req, 'Opening handshake has timed out'));
  req.on('upgrade', (_res, socket) => {
    if (!isOpen()) return;
    accept(socket);
  });
}
`,
    // A server made by a library (not Node's createServer) serves its own connections: a
    // 'connection' listener added to it watches, even when the server is assigned later.
    `
import * as net from 'node:net';
declare function createPolyglotServer(options: { tls: boolean }, listener: (request: unknown) => void): net.Server;
let server: net.Server | undefined;
export function start(listener: (request: unknown) => void): net.Server {
  server = createPolyglotServer({ tls: false }, listener);
  server.on('connection', (socket: net.Socket) => {
    socket.setNoDelay(true);
  });
  return server;
}
`,
    // A returned closure that uses the resource keeps it: the Agent is the dispatcher of every
    // call of the returned fetch, and lives as long as that function (realworld: @atproto-labs/fetch-node).
    `
import { Agent, fetch } from 'undici';
export function makeFetch(keepAliveTimeout: number) {
  const dispatcher = new Agent({ keepAliveTimeout });
  return async function (url: string) {
    return fetch(url, { dispatcher });
  };
}
`,
    // Variant: a returned object whose methods use the socket owns it, close() or not.
    `
import * as net from 'node:net';
export function lineWriter(port: number) {
  const socket = net.connect(port);
  return {
    send(line: string): void { socket.write(line + '\\n'); },
    get connected(): boolean { return !socket.pending; },
  };
}
`,
    // Variant: a closure stored in a field, and one named by a local then returned.
    `
import * as net from 'node:net';
export class Notifier {
  notify: (message: string) => void = () => {};
  attach(port: number): void {
    const socket = net.connect(port);
    this.notify = (message) => socket.write(message);
  }
}
export function sender(port: number) {
  const socket = net.connect(port);
  const send = (message: string) => socket.write(message);
  return send;
}
`,
  ],
  invalid: [
    // A closure that uses the socket but stays in the function hands nothing over.
    {
      code: `
import * as net from 'node:net';
export function ping(port: number): number {
  const socket = net.connect(port);
  const send = (message: string) => socket.write(message);
  send('ping');
  return 1;
}
`,
      errors: [
        {
          ...exitLeak(7, 3, 'The net.Socket \`socket\` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function ping(port: number): number {
  const socket = net.connect(port);
  const send = (message: string) => socket.write(message);
  send('ping');
  socket.destroy();
  return 1;
}
`,
            },
          ],
        },
      ],
    },
    // A returned closure that does not use the socket does not carry it out.
    {
      code: `
import * as net from 'node:net';
export function counter(port: number) {
  const socket = net.connect(port);
  socket.write('hello');
  let n = 0;
  return () => ++n;
}
`,
      errors: [
        {
          ...exitLeak(7, 3, 'The net.Socket \`socket\` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function counter(port: number) {
  const socket = net.connect(port);
  socket.write('hello');
  let n = 0;
  socket.destroy();
  return () => ++n;
}
`,
            },
          ],
        },
      ],
    },
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
      // for await over a socket, but the return comes before the loop.
    {
      code: `
import * as net from 'node:net';
export async function read(port: number, skip: boolean): Promise<number> {
  const sock = net.connect(port);
  if (skip) return 0;
  let total = 0;
  for await (const chunk of sock) total += (chunk as Buffer).length;
  return total;
}
`,
      errors: [
        {
          ...exitLeak(5, 13, 'The net.Socket `sock` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease' as const,
              data: { call: 'sock.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export async function read(port: number, skip: boolean): Promise<number> {
  const sock = net.connect(port);
  if (skip) { sock.destroy(); return 0; }
  let total = 0;
  for await (const chunk of sock) total += (chunk as Buffer).length;
  return total;
}
`,
            },
          ],
        },
      ],
    },
    // new net.Socket() connected, then dropped on a later return.
    {
      code: `
import * as net from 'node:net';
export function dial(port: number, greet: boolean): void {
  const sock = new net.Socket();
  sock.connect(port);
  if (!greet) return;
  sock.end('hello');
}
`,
      errors: [
        {
          ...exitLeak(6, 15, 'The net.Socket `sock` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease' as const,
              data: { call: 'sock.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function dial(port: number, greet: boolean): void {
  const sock = new net.Socket();
  sock.connect(port);
  if (!greet) { sock.destroy(); return; }
  sock.end('hello');
}
`,
            },
          ],
        },
      ],
    },
    // A socket built on a descriptor holds it from the start.
    {
      code: `
import * as net from 'node:net';
export function adopt(fd: number, ok: boolean): void {
  const sock = new net.Socket({ fd });
  if (!ok) return;
  sock.end();
}
`,
      errors: [
        {
          ...exitLeak(5, 12, 'The net.Socket `sock` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease' as const,
              data: { call: 'sock.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function adopt(fd: number, ok: boolean): void {
  const sock = new net.Socket({ fd });
  if (!ok) { sock.destroy(); return; }
  sock.end();
}
`,
            },
          ],
        },
      ],
    },
    // A promise that can also reject from a timer: the socket may still be open in the catch.
    {
      code: `
import * as net from 'node:net';
export async function connected(port: number): Promise<boolean> {
  const sock = net.connect(port);
  try {
    await new Promise<void>((resolve, reject) => {
      sock.once('connect', resolve);
      setTimeout(() => reject(new Error('timeout')), 1000);
    });
  } catch {
    return false;
  }
  sock.end();
  return true;
}
`,
      errors: [
        {
          ...exitLeak(11, 5, 'The net.Socket `sock` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease' as const,
              data: { call: 'sock.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export async function connected(port: number): Promise<boolean> {
  const sock = net.connect(port);
  try {
    await new Promise<void>((resolve, reject) => {
      sock.once('connect', resolve);
      setTimeout(() => reject(new Error('timeout')), 1000);
    });
  } catch {
    sock.destroy();
    return false;
  }
  sock.end();
  return true;
}
`,
            },
          ],
        },
      ],
    },
    // A keep-alive agent made per call and never destroyed.
    {
      code: `
import * as http from 'node:http';
export function fetchOnce(url: string): void {
  const agent = new http.Agent({ keepAlive: true });
  http.get(url, { agent }, (res) => res.resume());
}
`,
      errors: [endLeak(4, 17, 'The http.Agent `agent` created on line 4', 'the function', 'destroy()')],
    },
      // A single 'upgrade' listener that returns for some URLs leaves those sockets open.
    {
      code: `
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
declare function acceptChat(request: http.IncomingMessage, socket: Duplex): void;
export function attach(server: http.Server): void {
  server.on('upgrade', (request, socket) => {
    if (request.url !== '/chat') return;
    acceptChat(request, socket);
  });
}
`,
      errors: [
        {
          ...exitLeak(7, 34, "The socket \`socket\` received by the 'upgrade' handler on line 6", 'return'),
          suggestions: [
            {
              messageId: 'insertRelease' as const,
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
declare function acceptChat(request: http.IncomingMessage, socket: Duplex): void;
export function attach(server: http.Server): void {
  server.on('upgrade', (request, socket) => {
    if (request.url !== '/chat') { socket.destroy(); return; }
    acceptChat(request, socket);
  });
}
`,
            },
          ],
        },
      ],
    },
    // Two 'connection' listeners, neither of which ever takes the socket: both are reported.
    {
      code: `
import * as net from 'node:net';
const server = net.createServer();
server.on('connection', (a) => { a.setKeepAlive(true); });
server.on('connection', (b) => { b.setNoDelay(true); });
server.listen(7000);
`,
      errors: [
        endLeak(4, 26, "The socket \`a\` received by the 'connection' handler on line 4"),
        endLeak(5, 26, "The socket \`b\` received by the 'connection' handler on line 5"),
      ],
    },
      // A connect callback that never takes the socket does not settle it.
    {
      code: `
import * as net from 'node:net';
export function ping(port: number, done: () => void): void {
  const sock = net.connect(port, () => done());
  sock.write('ping');
}
`,
      errors: [endLeak(4, 16, 'The net.Socket `sock` created on line 4')],
    },
      // new net.Server(handler) registers the handler that owns each socket.
    {
      code: `
import * as net from 'node:net';
export const server = new net.Server((socket) => {
  if (socket.remoteAddress === undefined) return;
  socket.end('hello');
});
`,
      errors: [
        {
          ...exitLeak(4, 43, 'The socket `socket` received by the new net.Server handler on line 3', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease' as const,
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export const server = new net.Server((socket) => {
  if (socket.remoteAddress === undefined) { socket.destroy(); return; }
  socket.end('hello');
});
`,
            },
          ],
        },
      ],
    },
  ],
});
