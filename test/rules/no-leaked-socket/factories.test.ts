/**
 * no-leaked-socket through functions of the program that return a socket (lifecycle/summaries.ts):
 * a function that may return one it creates is a factory, and its caller owns what it gets, unless
 * some `return` may also hand back a socket that already existed (a parameter, a field, one looked
 * up): then it is a getter, and the caller borrows. What a factory returns is read through the
 * calls that hand back their receiver or their target, and through local aliases.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const factoryOrNothing = `
import * as net from 'node:net';
function open(port: number): net.Socket | undefined {
  if (port <= 0) return undefined;
  const label = \`port \${port}\`;
  if (label.length > 20) return null as unknown as undefined;
  return net.connect(port);
}
export function ping(port: number, skip: boolean): void {
  const socket = open(port);
  if (!socket) return;
  if (skip) return;
  socket.end('ping');
}
`;

const factoryOfOneBranch = `
import * as net from 'node:net';
import * as tls from 'node:tls';
function dial(secure: boolean, port: number) {
  const plain = secure ? undefined : net.connect(port);
  return plain ?? tls.connect(port);
}
export function ping(secure: boolean, port: number, skip: boolean): void {
  const socket = dial(secure, port);
  if (skip) return;
  socket.end('ping');
}
`;

const optionFactory = `
const net = require('net');
function open(options) {
  const socket = options.createConnection ? options.createConnection(options) : net.connect(options.port);
  return socket;
}
exports.ping = function ping(options, skip) {
  const socket = open(options);
  if (skip) return;
  socket.end('ping');
};
`;

/** A factory returning `returned` from a body that begins with `setup`, and a caller that leaks what it gets at `if (skip) return;`. */
function chainedFactory(setup: string, returned: string, isAsync = false): string {
  return `
import * as net from 'node:net';
${isAsync ? 'async ' : ''}function open(port: number) {
  ${setup}
  return ${returned};
}
export ${isAsync ? 'async ' : ''}function ping(port: number, skip: boolean) {
  const socket = ${isAsync ? 'await ' : ''}open(port);
  if (skip) return;
  socket.end('ping');
}
`;
}

const chainedFactories = [
  chainedFactory('', 'net.connect(port).setTimeout(1000)'),
  chainedFactory('const s = net.connect(port);', 's.setNoDelay(true).setKeepAlive(true)'),
  chainedFactory('const s = net.connect(port); const t = s.setNoDelay(true);', 't'),
  chainedFactory('const s = net.connect(port); const t = s;', 't'),
  chainedFactory('', 'Object.assign(net.connect(port), { id: port })'),
  chainedFactory('', 'net.connect(port).setKeepAlive(true)', true),
];

/** A fluent class whose method returns `this` without saying so. */
const inferredFluentFactory = `
import * as net from 'node:net';
class Dialer {
  private timeout = 0;
  withTimeout(ms: number) {
    this.timeout = ms;
    return this;
  }
  dial(port: number): net.Socket {
    return net.connect(port).setTimeout(this.timeout);
  }
}
function open(port: number) {
  return new Dialer().withTimeout(1000).dial(port).setNoDelay(true);
}
export function ping(port: number, skip: boolean) {
  const socket = open(port);
  if (skip) return;
  socket.end('ping');
}
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // A fluent call on a socket the caller passed in hands that socket back: a getter.
    `
import * as net from 'node:net';
function tuned(socket: net.Socket) {
  return socket.setTimeout(1000).setNoDelay(true);
}
export function ping(socket: net.Socket, skip: boolean) {
  const same = tuned(socket);
  if (skip) return;
  same.write('ping');
}
`,
    // A local alias of a parameter is no creation either.
    `
import * as net from 'node:net';
function pick(socket: net.Socket) {
  const chosen = socket;
  return Object.assign(chosen, { picked: true });
}
export function ping(socket: net.Socket, skip: boolean) {
  const same = pick(socket);
  if (skip) return;
  same.write('ping');
}
`,
    // The socket the caller passed in, or a new one: a getter (the caller may not own what it gets).
    `
import * as net from 'node:net';
function socketFor(existing: net.Socket | undefined, port: number): net.Socket {
  return existing ?? net.connect(port);
}
export function ping(existing: net.Socket | undefined, port: number, quiet: boolean): void {
  const socket = socketFor(existing, port);
  if (quiet) return;
  socket.write('ping');
}
`,
    // The same with the existing socket returned from a return of its own.
    `
import * as net from 'node:net';
function socketFor(existing: net.Socket | undefined, port: number): net.Socket {
  if (existing) return existing;
  return net.connect(port);
}
export function ping(existing: net.Socket | undefined, port: number, quiet: boolean): void {
  const socket = socketFor(existing, port);
  if (quiet) return;
  socket.write('ping');
}
`,
    // Only sockets that already existed: no factory.
    `
import * as net from 'node:net';
function pick(a: net.Socket, b: net.Socket, first: boolean): net.Socket {
  return first ? a : b;
}
export function ping(a: net.Socket, b: net.Socket, quiet: boolean): void {
  const socket = pick(a, b, true);
  if (quiet) return;
  socket.write('ping');
}
`,
    // JavaScript: an untyped parameter returned beside a creation may be a socket the caller had.
    {
      filename: 'script.js',
      code: `
const net = require('net');
function connectOr(existing, port) {
  return existing ?? net.connect(port);
}
function dial(options) {
  if (options.socket) return options.socket;
  return net.connect(options.port);
}
exports.ping = function ping(port, quiet) {
  const socket = connectOr(undefined, port);
  if (quiet) return;
  socket.write('ping');
};
exports.pong = function pong(port, quiet) {
  const socket = dial({ port });
  if (quiet) return;
  socket.write('pong');
};
`,
    },
  ],
  invalid: [
    // A factory returning its creation through a call that hands back the receiver (setTimeout,
    // setNoDelay, setKeepAlive are declared to return `this`), a local alias, or Object.assign.
    ...chainedFactories.map((code) => ({ code, errors: [skipReturnLeak(code, 9, 13, 'The net.Socket `socket` created on line 8')] })),
    { code: inferredFluentFactory, errors: [skipReturnLeak(inferredFluentFactory, 18, 13, 'The net.Socket `socket` created on line 17')] },
    // A factory whose other returns hand back no socket at all.
    { code: factoryOrNothing, errors: [skipReturnLeak(factoryOrNothing, 12, 13, 'The net.Socket `socket` created on line 10')] },
    // A factory whose creation is held in a local first, through `??`.
    { code: factoryOfOneBranch, errors: [skipReturnLeak(factoryOfOneBranch, 10, 13, 'The net.Socket `socket` created on line 9')] },
    // JavaScript: what an untyped option makes is as fresh as what net.connect makes.
    { filename: 'script.js', code: optionFactory, errors: [skipReturnLeak(optionFactory, 9, 13, 'The net.Socket `socket` created on line 8')] },
  ],
});
