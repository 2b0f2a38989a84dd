/**
 * no-leaked-socket and factories in Node's callback style: `connect(port, callback)` returns the
 * socket and also hands it to `callback` (`callback(null, socket)`, or `cb(null, this)` in a
 * listener it registers on the socket, as undici's connector does). The callback owns the socket,
 * and a caller that drops the value returned leaks nothing (summaries.ts handsCreationToCallback).
 * Before, every such call whose value was dropped was "discarded as soon as it is created". The
 * callback may travel first: through aliases, off an options object, into a field or a queue,
 * bound, or through `process.nextTick`/`setImmediate` (callback-handoffs.ts).
 */
import rule from '../../../rules/no-leaked-socket.js';
import { discardedLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const helpers = `import * as net from 'node:net';
type Callback = (err: Error | null, socket?: net.Socket) => void;
export function connect(port: number, callback: Callback): net.Socket {
  const socket = net.connect(port);
  socket.once('connect', function (this: net.Socket) {
    const cb = callback;
    cb(null, this);
  });
  socket.on('error', (err) => callback(err));
  return socket;
}
export function connectArrow(port: number, callback: Callback): net.Socket {
  const socket = net.connect(port);
  socket.once('connect', () => callback(null, socket));
  return socket;
}
export function connectErrorsOnly(port: number, callback: Callback): net.Socket {
  const socket = net.connect(port);
  socket.on('error', (err) => callback(err));
  return socket;
}
`;
const first = helpers.split('\n').length;

// Where else a callback goes inside the function, and values that are not callbacks (callback-handoffs.ts).
const variants = `import * as net from 'node:net';
import { Duplex } from 'node:stream';
type Callback = (err: Error | null, socket?: net.Socket) => void;
interface ConnectOptions { port: number; callback: Callback; logger: { debug(...args: unknown[]): void } }
export function nextTick(port: number, callback: Callback): net.Socket {
  const socket = net.connect(port);
  socket.once('connect', () => process.nextTick(callback, null, socket));
  return socket;
}
export function immediate(port: number, callback: Callback): net.Socket {
  const socket = net.connect(port);
  setImmediate(callback, null, socket);
  return socket;
}
export function bound(port: number, callback: Callback): net.Socket {
  const socket = net.connect(port);
  socket.once('connect', callback.bind(null, null, socket));
  return socket;
}
export function called(port: number, callback: Callback): net.Socket {
  const socket = net.connect(port);
  socket.once('connect', () => callback.call(undefined, null, socket));
  return socket;
}
export function twoAliases(port: number, callback: Callback): net.Socket {
  const cb = callback;
  const done = cb;
  const socket = net.connect(port);
  const sock = socket;
  socket.once('connect', () => done(null, sock));
  return socket;
}
export function fallback(port: number, callback?: Callback): net.Socket {
  const cb = callback ?? (() => {});
  const socket = net.connect(port);
  socket.once('connect', () => cb(null, socket));
  return socket;
}
export function fromOptions(options: ConnectOptions): net.Socket {
  const socket = net.connect(options.port);
  socket.once('connect', () => options.callback(null, socket));
  return socket;
}
export function destructured({ port, callback }: ConnectOptions): net.Socket {
  const socket = net.connect(port);
  socket.once('connect', () => callback(null, socket));
  return socket;
}
export function queued(port: number, callback: Callback): net.Socket {
  const waiters: Callback[] = [];
  waiters.push(callback);
  const socket = net.connect(port);
  socket.once('connect', () => {
    for (const waiter of waiters) waiter(null, socket);
  });
  return socket;
}
export function visited(port: number, callback: Callback): net.Socket {
  const waiters = [callback];
  const socket = net.connect(port);
  socket.once('connect', () => waiters.forEach((waiter) => waiter(null, socket)));
  return socket;
}
export class Connector {
  private pending: Callback | undefined;
  connect(port: number, callback: Callback): net.Socket {
    this.pending = callback;
    const socket = net.connect(port);
    socket.once('connect', () => this.pending?.(null, socket));
    return socket;
  }
}
export function logged(options: ConnectOptions): net.Socket {
  const socket = net.connect(options.port);
  options.logger.debug('connecting', socket);
  return socket;
}
export function piped(existing: Duplex, port: number): net.Socket {
  const socket = net.connect(port);
  existing.pipe(socket);
  return socket;
}
export function described(options: ConnectOptions, port: number): net.Socket {
  const socket = net.connect(port);
  console.log(options, socket);
  return socket;
}
`;
const afterVariants = variants.split('\n').length;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    `${helpers}export function use(): void {
  connect(80, (err, socket) => socket?.end());
  connectArrow(80, (err, socket) => socket?.end());
}
`,
    `${variants}export function use(connector: Connector, options: ConnectOptions): void {
  const done: Callback = (err, socket) => socket?.end();
  nextTick(80, done);
  immediate(80, done);
  bound(80, done);
  called(80, done);
  twoAliases(80, done);
  fallback(80, done);
  fromOptions(options);
  destructured(options);
  queued(80, done);
  visited(80, done);
  connector.connect(80, done);
}
`,
    // JavaScript: untyped callbacks, as most packages on npm have them.
    {
      filename: 'script.js',
      code: `
const net = require('net');
function connect(port, callback) {
  const socket = net.connect(port);
  socket.once('connect', () => process.nextTick(callback, null, socket));
  return socket;
}
function queue(port, callback) {
  this.waiters = this.waiters || [];
  this.waiters.push(callback);
  const socket = net.connect(port);
  socket.once('connect', () => this.waiters.shift()(null, socket));
  return socket;
}
exports.use = function use(done) {
  connect(80, done);
  queue.call({}, 80, done);
};
`,
    },
    // JavaScript: a callback in an untyped options object (new-user trial).
    {
      filename: 'script.js',
      code: `
const net = require('net');
function open(options) {
  const socket = net.connect(options.port);
  socket.once('connect', () => options.callback(null, socket));
  return socket;
}
exports.use = function use(port) {
  open({ port, callback(err, socket) { if (!err) socket.end(); } });
};
`,
    },
  ],
  invalid: [
    // JavaScript: a parameter passed as a value (not a callback's place) hands nothing off.
    {
      filename: 'script.js',
      code: `
const net = require('net');
function connect(port, options) {
  const socket = net.connect(port);
  console.log(options.name, socket);
  return socket;
}
exports.use = function use(options) {
  connect(80, options);
};
`,
      errors: [discardedLeak(9, 3, 'net.Socket')],
    },
    // A method of an object the caller gave (`options.logger.debug`, `existing.pipe`) and a value
    // that is no function (`console.log(options, socket)`) are not callbacks: the caller still owns
    // the socket returned.
    {
      code: `${variants}export function use(options: ConnectOptions, existing: Duplex): void {
  logged(options);
  piped(existing, 80);
  described(options, 80);
}
`,
      errors: [discardedLeak(afterVariants + 1, 3, 'net.Socket'), discardedLeak(afterVariants + 2, 3, 'net.Socket'), discardedLeak(afterVariants + 3, 3, 'net.Socket')],
    },
    // The callback hears of errors only: the value returned is the only reference.
    {
      code: `${helpers}export function use(): void {
  connectErrorsOnly(80, (err) => console.error(err));
}
`,
      errors: [discardedLeak(first + 1, 3, 'net.Socket')],
    },
  ],
});
