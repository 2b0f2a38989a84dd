/**
 * no-leaked-socket through functions of the program that return a socket (lifecycle/summaries.ts):
 * a function that may return one it creates is a factory, and its caller owns what it gets, unless
 * some `return` may also hand back a socket that already existed (a parameter, a field, one looked
 * up): then it is a getter, and the caller borrows.
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

runRuleTests('no-leaked-socket', rule, {
  valid: [
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
    // A factory whose other returns hand back no socket at all.
    { code: factoryOrNothing, errors: [skipReturnLeak(factoryOrNothing, 12, 13, 'The net.Socket `socket` created on line 10')] },
    // A factory whose creation is held in a local first, through `??`.
    { code: factoryOfOneBranch, errors: [skipReturnLeak(factoryOfOneBranch, 10, 13, 'The net.Socket `socket` created on line 9')] },
    // JavaScript: what an untyped option makes is as fresh as what net.connect makes.
    { filename: 'script.js', code: optionFactory, errors: [skipReturnLeak(optionFactory, 9, 13, 'The net.Socket `socket` created on line 8')] },
  ],
});
