/**
 * no-leaked-socket on wrappers (issue 14): classes that own a socket in a field become resources
 * of their own, released by the methods closewait infers; classes that never release what they
 * create, or whose release method skips a field, are reported on the class.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { runRuleTests } from '../rule-tester.js';

const wrapperAtExit = (line: number, column: number, resource: string, exit: string, release: string, call: string, output: string) => ({
  messageId: 'leakAtExit' as const,
  line,
  column,
  data: { resource, exit, release },
  suggestions: [{ messageId: 'insertRelease' as const, data: { call, exit }, output }],
});

const wrapperAtEnd = (line: number, column: number, resource: string, release: string) => ({
  messageId: 'leakAtEnd' as const,
  line,
  column,
  data: { resource, release, where: 'the function' },
  suggestions: [],
});

const SOCKET = 'end() or destroy()';

const classExpressions = `
import * as net from 'node:net';
const Conn = class {
  readonly socket = net.connect(80);
  close(): void { this.socket.end(); }
};
export function named(skip: boolean): void {
  const a = new Conn();
  if (skip) return;
  a.close();
}
export function anonymous(skip: boolean): void {
  const b = new (class {
    readonly socket = net.connect(80);
    close(): void { this.socket.end(); }
  })();
  if (skip) return;
  b.close();
}
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // Opened lazily by `??=` and released by close(): a wrapper; what get() hands out is the instance's.
    `
import * as net from 'node:net';
export class Lazy {
  private sock: net.Socket | undefined;
  get(): net.Socket {
    return (this.sock ??= net.connect(1));
  }
  close(): void {
    this.sock?.end();
  }
}
export function use(lazy: Lazy, skip: boolean): void {
  const sock = lazy.get();
  if (skip) return;
  sock.write('x');
}
export function own(): void {
  const lazy = new Lazy();
  lazy.get().write('x');
  lazy.close();
}
`,
    // The wrapper's release method is called on every path.
    `
import { FrameChannel } from './channels.js';
export function send(port: number, frames: Uint8Array[]): void {
  const channel = new FrameChannel(port);
  try {
    for (const frame of frames) channel.send(frame);
  } finally {
    channel.shutdown();
  }
}
`,
    // A wrapper returned from a factory in another file, released by the caller.
    `
import { openChannel } from './channels.js';
export function ping(port: number): void {
  const channel = openChannel(port);
  channel.send(new Uint8Array([1]));
  channel.shutdown();
}
`,
    // Handed off: stored in a Map.
    `
import { FrameChannel } from './channels.js';
const channels = new Map<number, FrameChannel>();
export function remember(port: number): void {
  const channel = new FrameChannel(port);
  channels.set(port, channel);
}
`,
    // Returned to the caller.
    `
import { FrameChannel } from './channels.js';
export function open(port: number): FrameChannel {
  const channel = new FrameChannel(port);
  channel.send(new Uint8Array([0]));
  return channel;
}
`,
    // \`using\` with [Symbol.dispose].
    `
import * as net from 'node:net';
class Lease {
  private readonly socket = net.connect(7000);
  write(line: string): void { this.socket.write(line); }
  [Symbol.dispose](): void { this.socket.destroy(); }
}
export function report(line: string): void {
  using lease = new Lease();
  if (line === '') return;
  lease.write(line);
}
`,
    // Its dispose method called by name, as \`await using\` would.
    `
import * as net from 'node:net';
class Session {
  private readonly socket: net.Socket;
  constructor(port: number) { this.socket = net.connect(port); }
  async [Symbol.asyncDispose](): Promise<void> { this.socket.destroy(); }
}
export async function run(port: number): Promise<void> {
  const session = new Session(port);
  await session[Symbol.asyncDispose]();
}
`,
    // Two owning fields, one release method that closes both (the second through another method).
    `
import * as net from 'node:net';
class Bridge {
  private readonly left: net.Socket;
  private readonly right: net.Socket;
  constructor(a: number, b: number) {
    this.left = net.connect(a);
    this.right = net.connect(b);
  }
  close(): void {
    this.left.destroy();
    this.closeRight();
  }
  private closeRight(): void {
    this.right.destroy();
  }
}
export function relay(a: number, b: number): void {
  const bridge = new Bridge(a, b);
  bridge.close();
}
`,
    // A guard that returns when already closed does not disqualify the release method.
    `
import * as net from 'node:net';
class Client {
  private closed = false;
  private readonly socket = net.connect(7000);
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.end();
  }
}
export function use(): void {
  const client = new Client();
  client.close();
}
`,
    // An async release method that ends the socket from a promise executor.
    `
import * as net from 'node:net';
class Session {
  constructor(private readonly socket: net.Socket) {}
  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.end(resolve));
  }
}
export async function talk(port: number): Promise<void> {
  const session = new Session(net.connect(port));
  await session.close();
}
`,
    // A class that manages its socket itself (reads it, closes it on error): its instances owe nothing.
    `
import * as net from 'node:net';
class Peer {
  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => this.close());
  }
  private onData(chunk: Buffer): void { if (chunk.length === 0) this.close(); }
  close(): void { this.socket.destroy(); }
}
export const server = net.createServer((socket) => {
  new Peer(socket);
});
`,
    // The socket read through the constructor's own parameter (\`sock\`, not \`this.sock\`): reading it
    // to its end lets Node end it at the peer's FIN, so the class manages it.
    `
import * as net from 'node:net';
class Reader {
  constructor(private readonly sock: net.Socket) {
    sock.on('data', (chunk) => this.onData(chunk));
  }
  private onData(chunk: Buffer): void { void chunk.length; }
  dispose(): void { this.sock.destroy(); }
}
export const server = net.createServer((socket) => {
  new Reader(socket);
});
`,
    // JavaScript: stored with \`this.sock = sock\`, closed by an error listener through the parameter.
    {
      filename: 'script.js',
      code: `
const net = require('net');
class Guarded {
  /** @param {import('net').Socket} sock */
  constructor(sock) {
    this.sock = sock;
    sock.on('error', () => sock.destroy());
    sock.on('end', () => sock.end());
  }
  close() { this.sock.destroy(); }
}
net.createServer((socket) => {
  new Guarded(socket);
});
`,
    },
    // A socket the class creates itself, kept in a const first and closed by its listener.
    `
import * as net from 'node:net';
class Pinger {
  private readonly sock: net.Socket;
  constructor(port: number) {
    const sock = net.connect(port);
    this.sock = sock;
    sock.on('error', () => sock.destroy());
    sock.setTimeout(5000, () => sock.destroy());
  }
  stop(): void { this.sock.end(); }
}
export function ping(port: number): void {
  new Pinger(port);
}
`,
    // Set up in a method instead of the constructor: a timer and an error listener close it.
    `
import * as net from 'node:net';
class Dialer {
  private socket: net.Socket | undefined;
  connect(port: number): void {
    setTimeout(() => this.onTimeout(), 5000).unref();
    this.socket = new net.Socket();
    this.socket.once('error', () => this.closeSocket());
    this.socket.connect(port);
  }
  private onTimeout(): void { this.closeSocket(); }
  private closeSocket(): void { this.socket?.destroy(); }
}
export function dial(port: number): void {
  const dialer = new Dialer();
  dialer.connect(port);
}
`,
    // A class that hands out what it owns (a getter) is not reported for it.
    `
import * as net from 'node:net';
export class Holder {
  private readonly sock = net.connect(7000);
  get socket(): net.Socket { return this.sock; }
}
`,
    // A field of an object the class only reads is not an owning field.
    `
import * as net from 'node:net';
export class Reader {
  private readonly socket: net.Socket;
  constructor(options: { socket: net.Socket }) {
    this.socket = options.socket;
  }
  peek(): string | undefined { return this.socket.remoteAddress; }
}
export function inspect(socket: net.Socket): string | undefined {
  return new Reader({ socket }).peek();
}
`,
    // A subclass inherits the release method.
    `
import { FrameChannel } from './channels.js';
class TracedChannel extends FrameChannel {
  trace(): void { console.log('traced'); }
}
export function send(port: number): void {
  const channel = new TracedChannel(port);
  channel.trace();
  channel.shutdown();
}
`,
    // A wrapper of a wrapper, released through the inner wrapper's release method.
    `
import { FrameChannel } from './channels.js';
class Mux {
  private readonly channel: FrameChannel;
  constructor(port: number) { this.channel = new FrameChannel(port); }
  stop(): void { this.channel.shutdown(); }
}
export function run(port: number): void {
  const mux = new Mux(port);
  mux.stop();
}
`,
    // JavaScript: a subclass opens the socket, its base class closes it (the property is one by name).
    {
      filename: 'script.js',
      code: `
const net = require('net');
class Connector {
  constructor() {
    this.stream = null;
  }
  disconnect() {
    if (this.stream) this.stream.end();
  }
}
class StandaloneConnector extends Connector {
  connect(port) {
    this.stream = net.createConnection(port);
    return this.stream;
  }
}
module.exports = { StandaloneConnector };
`,
    },
    // JavaScript: a base class that never assigns the property still closes it by name.
    {
      filename: 'script.js',
      code: `
const net = require('net');
class Base {
  close() {
    if (this.socket) this.socket.destroy();
  }
}
class Dialer extends Base {
  open(port) {
    this.socket = net.connect(port);
  }
}
function dial(port) {
  const dialer = new Dialer();
  dialer.open(port);
  dialer.close();
}
module.exports = { dial };
`,
    },
    // A method that opens the field and hands it out (a connector) is no release method: its class
    // is no resource its callers must release.
    `
import * as net from 'node:net';
class Connector {
  private stream: net.Socket | undefined;
  connect(port: number): Promise<net.Socket> {
    return new Promise((resolve) => {
      this.stream = net.connect(port);
      resolve(this.stream);
    });
  }
  disconnect(): void {
    this.stream?.end();
  }
}
export async function open(port: number): Promise<net.Socket> {
  const connector = new Connector();
  return connector.connect(port);
}
`,
  ],
  invalid: [
    // A class handed a socket it stores only once narrowed (instanceof, a type guard), cast, or
    // through a setter typed by its getter, owns it all the same: the pre-filter's reading of the
    // class (may it store a resource?) must not stop at the parameter's declared type.
    {
      code: `
import * as net from 'node:net';
declare function isSocket(value: unknown): value is net.Socket;
class Guarded {
  private sock: net.Socket | undefined;
  constructor(sock: unknown) { if (sock instanceof net.Socket) this.sock = sock; }
  close(): void { this.sock?.destroy(); }
}
class Predicated {
  private sock: net.Socket | undefined;
  constructor(sock: unknown) { if (isSocket(sock)) this.sock = sock; }
  close(): void { this.sock?.destroy(); }
}
class Cast {
  private sock: net.Socket | undefined;
  constructor(sock: object) { this.sock = sock as net.Socket; }
  close(): void { this.sock?.destroy(); }
}
class Settable {
  private sock: net.Socket | undefined;
  get socket(): net.Socket | undefined { return this.sock; }
  set socket(value) { this.sock = value; }
  close(): void { this.sock?.destroy(); }
}
export function leak(): void {
  const a = new Guarded(net.connect(80));
  const b = new Predicated(net.connect(80));
  const c = new Cast(net.connect(80));
  const d = new Settable();
  d.socket = net.connect(80);
}
export function closed(): void {
  const a = new Guarded(net.connect(80));
  const b = new Predicated(net.connect(80));
  const c = new Cast(net.connect(80));
  const d = new Settable();
  d.socket = net.connect(80);
  a.close();
  b.close();
  c.close();
  d.close();
}
`,
      errors: [
        wrapperAtEnd(26, 13, 'The Guarded \`a\` created on line 26', 'close()'),
        wrapperAtEnd(27, 13, 'The Predicated \`b\` created on line 27', 'close()'),
        wrapperAtEnd(28, 13, 'The Cast \`c\` created on line 28', 'close()'),
        wrapperAtEnd(29, 13, 'The Settable \`d\` created on line 29', 'close()'),
      ],
    },
    // An arrow function a property holds stores into the instance too (a bound handler).
    {
      code: `
import * as net from 'node:net';
class Handler {
  private sock: net.Socket | undefined;
  readonly onSocket = (socket: net.Socket): void => { this.sock = socket; };
  close(): void { this.sock?.destroy(); }
}
export function leak(): void {
  const handler = new Handler();
  handler.onSocket(net.connect(80));
}
export function closed(): void {
  const handler = new Handler();
  handler.onSocket(net.connect(80));
  handler.close();
}
`,
      errors: [wrapperAtEnd(9, 19, 'The Handler \`handler\` created on line 9', 'close()')],
    },
    // A class expression is named by what it is given; one given no name is "anonymous class".
    {
      code: classExpressions,
      errors: [
        wrapperAtExit(9, 13, 'The Conn `a` created on line 8', 'return', 'close()', 'a.close()', classExpressions.replace('if (skip) return;\n  a.close();', 'if (skip) { a.close(); return; }\n  a.close();')),
        wrapperAtExit(17, 13, 'The anonymous class `b` created on line 13', 'return', 'close()', 'b.close()', classExpressions.replace('if (skip) return;\n  b.close();', 'if (skip) { b.close(); return; }\n  b.close();')),
      ],
    },
    // The suggestion names the method users call, not the one \`using\` calls, whatever their order.
    {
      code: `
import * as net from 'node:net';
class Session {
  private readonly socket: net.Socket;
  constructor(port: number) { this.socket = net.connect(port); }
  async [Symbol.asyncDispose](): Promise<void> { this.socket.destroy(); }
  async close(): Promise<void> { this.socket.end(); }
}
export async function run(port: number, skip: boolean): Promise<void> {
  const session = new Session(port);
  if (skip) return;
  await session.close();
}
`,
      errors: [
        wrapperAtExit(
          11,
          13,
          'The Session \`session\` created on line 10',
          'return',
          'close() or [Symbol.asyncDispose]()',
          'await session.close()',
          `
import * as net from 'node:net';
class Session {
  private readonly socket: net.Socket;
  constructor(port: number) { this.socket = net.connect(port); }
  async [Symbol.asyncDispose](): Promise<void> { this.socket.destroy(); }
  async close(): Promise<void> { this.socket.end(); }
}
export async function run(port: number, skip: boolean): Promise<void> {
  const session = new Session(port);
  if (skip) { await session.close(); return; }
  await session.close();
}
`,
        ),
      ],
    },
    // A wrapper dropped on an early return: named by its class and its release method.
    {
      code: `
import { FrameChannel } from './channels.js';
export function send(port: number, frame: Uint8Array): void {
  const channel = new FrameChannel(port);
  if (frame.length === 0) return;
  channel.send(frame);
  channel.shutdown();
}
`,
      errors: [
        wrapperAtExit(
          5,
          27,
          'The FrameChannel `channel` created on line 4',
          'return',
          'shutdown()',
          'channel.shutdown()',
          `
import { FrameChannel } from './channels.js';
export function send(port: number, frame: Uint8Array): void {
  const channel = new FrameChannel(port);
  if (frame.length === 0) { channel.shutdown(); return; }
  channel.send(frame);
  channel.shutdown();
}
`,
        ),
      ],
    },
    // A factory's wrapper never released.
    {
      code: `
import { openChannel } from './channels.js';
export function ping(port: number): void {
  const channel = openChannel(port);
  channel.send(new Uint8Array([1]));
}
`,
      errors: [wrapperAtEnd(4, 19, 'The FrameChannel `channel` created on line 4', 'shutdown()')],
    },
    // A subclass created and dropped.
    {
      code: `
import { FrameChannel } from './channels.js';
class TracedChannel extends FrameChannel {}
export function send(port: number): void {
  const channel = new TracedChannel(port);
  channel.send(new Uint8Array([2]));
}
`,
      errors: [wrapperAtEnd(5, 19, 'The TracedChannel `channel` created on line 5', 'shutdown()')],
    },
    // Wrapper of wrapper: the outer one dropped on a throw; its release method is awaited.
    {
      code: `
import { FrameChannel } from './channels.js';
class Mux {
  private readonly channel = new FrameChannel(7000);
  async stop(): Promise<void> { this.channel.shutdown(); }
}
export async function run(ready: boolean): Promise<void> {
  const mux = new Mux();
  if (!ready) throw new Error('not ready');
  await mux.stop();
}
`,
      errors: [
        wrapperAtExit(
          9,
          15,
          'The Mux `mux` created on line 8',
          'throw',
          'stop()',
          'await mux.stop()',
          `
import { FrameChannel } from './channels.js';
class Mux {
  private readonly channel = new FrameChannel(7000);
  async stop(): Promise<void> { this.channel.shutdown(); }
}
export async function run(ready: boolean): Promise<void> {
  const mux = new Mux();
  if (!ready) { await mux.stop(); throw new Error('not ready'); }
  await mux.stop();
}
`,
        ),
      ],
    },
    // A wrapper with [Symbol.dispose] created without \`using\`.
    {
      code: `
import * as net from 'node:net';
class Lease {
  private readonly socket = net.connect(7000);
  [Symbol.dispose](): void { this.socket.destroy(); }
}
export function report(): void {
  const lease = new Lease();
  console.log(lease);
}
`,
      errors: [wrapperAtEnd(8, 17, 'The Lease `lease` created on line 8', '[Symbol.dispose]()')],
    },
    // A class that opens a socket and never releases it is reported on the store.
    {
      code: `
import * as net from 'node:net';
export class MetricsPusher {
  private readonly sock = net.connect(8125, '127.0.0.1');
  push(name: string, value: number): void {
    this.sock.write(name + ':' + value + '|c');
  }
}
`,
      errors: [
        {
          messageId: 'fieldNeverReleased',
          line: 4,
          column: 3,
          data: { className: 'MetricsPusher', typeName: 'net.Socket', field: 'sock', release: SOCKET },
          suggestions: [],
        },
      ],
    },
    // Opened lazily by `??=` or `||=`, and never released.
    {
      code: `
import * as net from 'node:net';
export class Lazy {
  private sock: net.Socket | undefined;
  get(): net.Socket {
    return (this.sock ??= net.connect(1));
  }
}
export class LazyOr {
  private sock: net.Socket | undefined;
  get(): net.Socket {
    return (this.sock ||= net.connect(1));
  }
}
`,
      errors: [
        { messageId: 'fieldNeverReleased', line: 6, column: 13, data: { className: 'Lazy', typeName: 'net.Socket', field: 'sock', release: SOCKET }, suggestions: [] },
        { messageId: 'fieldNeverReleased', line: 12, column: 13, data: { className: 'LazyOr', typeName: 'net.Socket', field: 'sock', release: SOCKET }, suggestions: [] },
      ],
    },
    // Released only by a 'close' listener on the field itself: that runs once it is closed already.
    {
      code: `
import * as net from 'node:net';
export class Beacon {
  private readonly sock: net.Socket;
  constructor(port: number) {
    this.sock = net.connect(port);
    this.sock.on('close', () => this.sock.destroy());
  }
  beat(): void { this.sock.write('.'); }
}
`,
      errors: [
        {
          messageId: 'fieldNeverReleased',
          line: 6,
          column: 5,
          data: { className: 'Beacon', typeName: 'net.Socket', field: 'sock', release: SOCKET },
          suggestions: [],
        },
      ],
    },
    // Reading another socket than the one it keeps does not manage the kept one.
    {
      code: `
import * as net from 'node:net';
class Bridge {
  constructor(private readonly sock: net.Socket, upstream: net.Socket) {
    upstream.on('data', (chunk) => this.sock.write(chunk));
  }
  dispose(): void { this.sock.destroy(); }
}
export function bridge(port: number, upstream: net.Socket): void {
  new Bridge(net.connect(port), upstream);
}
`,
      errors: [
        {
          messageId: 'leakDiscarded',
          line: 10,
          column: 3,
          data: { resource: 'The Bridge created on line 10', release: 'dispose()' },
        },
      ],
    },
    // A release method that skips a field on one path: the class is reported, not its callers.
    {
      code: `
import * as net from 'node:net';
export class Pair {
  private readonly a = net.connect(7001);
  private readonly b = net.connect(7002);
  close(graceful: boolean): void {
    this.a.end();
    if (graceful) this.b.end();
  }
}
export function use(): void {
  const pair = new Pair();
  pair.close(true);
}
`,
      errors: [
        {
          messageId: 'releaseSkipsField',
          line: 6,
          column: 3,
          data: { className: 'Pair', method: 'close', field: 'b', release: SOCKET, where: 'its end' },
          suggestions: [],
        },
      ],
    },
    // A class that manages its sockets itself (its error listeners close them) is no resource for
    // whoever creates it, but a release method of its own that skips a field is still reported.
    {
      code: `
import * as net from 'node:net';
export class Relay {
  constructor(private readonly a: net.Socket, private readonly b: net.Socket) {
    a.on('error', () => this.close(false));
    b.on('error', () => this.close(false));
  }
  close(graceful: boolean): void {
    this.a.destroy();
    if (graceful) this.b.destroy();
  }
}
export function relay(a: net.Socket, b: net.Socket): Relay {
  const relay = new Relay(a, b);
  return relay;
}
export function dropped(port: number): void {
  new Relay(net.connect(port), net.connect(port + 1));
}
`,
      errors: [
        {
          messageId: 'releaseSkipsField',
          line: 8,
          column: 3,
          data: { className: 'Relay', method: 'close', field: 'b', release: SOCKET, where: 'its end' },
          suggestions: [],
        },
      ],
    },
    // The same with an early return that leaves one field open.
    {
      code: `
import * as net from 'node:net';
export class Pair {
  constructor(private readonly a: net.Socket, private readonly b: net.Socket) {}
  close(): void {
    this.a.destroy();
    if (this.b.destroyed === false && this.b.writableLength > 0) return;
    this.b.destroy();
  }
}
`,
      errors: [
        {
          messageId: 'releaseSkipsField',
          line: 7,
          column: 66,
          data: { className: 'Pair', method: 'close', field: 'b', release: SOCKET, where: 'this return' },
          suggestions: [],
        },
      ],
    },
    // JavaScript: the subclass's socket, a base class that releases something else.
    {
      filename: 'script.js',
      code: `
const net = require('net');
class Base {
  close() {
    if (this.timer) clearTimeout(this.timer);
  }
}
class Dialer extends Base {
  open(port) {
    this.socket = net.connect(port);
  }
}
module.exports = { Dialer };
`,
      errors: [
        {
          messageId: 'fieldNeverReleased',
          line: 10,
          column: 5,
          data: { className: 'Dialer', typeName: 'net.Socket', field: 'socket', release: SOCKET },
          suggestions: [],
        },
      ],
    },
    // A method that releases only on an error branch (an overflow check) is no release method:
    // the message names the one that is.
    {
      code: `
import * as net from 'node:net';
class Reader {
  private received = 0;
  private readonly socket: net.Socket;
  constructor(port: number) {
    this.socket = net.connect(port);
  }
  track(bytes: number): void {
    this.received += bytes;
    if (this.received > 1_000_000) this.socket.destroy();
  }
  close(): void {
    this.socket.end();
  }
}
export function read(port: number): void {
  const reader = new Reader(port);
  reader.track(10);
}
`,
      errors: [wrapperAtEnd(18, 18, 'The Reader `reader` created on line 18', 'close()')],
    },
  ],
});
