/**
 * no-leaked-socket on values picked by an operator: `tls ? tls.connect(o) : net.connect(o)`,
 * `port === undefined ? null : net.connect(port)`. A function that returns such a value is a factory
 * (its summary reads every value the expression may take), a class that stores one owns it, and a
 * variable given one is one resource however many creations it may hold: one report where it leaks.
 * Clients choosing TLS by an option are written this way.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const direct = `
import * as net from 'node:net';
import * as tls from 'node:tls';
export function direct(useTls: boolean, skip: boolean): void {
  const socket = useTls ? tls.connect(443) : net.connect(80);
  if (skip) return;
  socket.end();
}
`;

const factory = `
import * as net from 'node:net';
import * as tls from 'node:tls';
function open(useTls: boolean): net.Socket {
  return useTls ? tls.connect(443) : net.connect(80);
}
export function viaFactory(skip: boolean): void {
  const socket = open(true);
  if (skip) return;
  socket.end();
}
`;

const nullable = `
import * as net from 'node:net';
function maybeOpen(port: number | undefined): net.Socket | null {
  return port === undefined ? null : net.connect(port);
}
export function nullable(skip: boolean): void {
  const socket = maybeOpen(80);
  if (skip) return;
  socket?.end();
}
`;

const overloaded = `
import * as net from 'node:net';
function open(port: number): net.Socket;
function open(path: string): net.Socket;
function open(target: number | string): net.Socket {
  return typeof target === 'number' ? net.connect(target) : net.connect(target);
}
export function overloaded(skip: boolean): void {
  const socket = open(80);
  if (skip) return;
  socket.end();
}
`;

const javascript = `
const net = require('node:net');
const tls = require('node:tls');
function connect(options) {
  return options.tls ? tls.connect(options) : net.connect(options);
}
function run(options, skip) {
  const socket = connect(options);
  if (skip) return;
  socket.end();
}
module.exports = { run };
`;

const wrapper = `
import * as net from 'node:net';
class Dialer {
  readonly socket: net.Socket;
  constructor(existing: net.Socket | undefined, port: number) {
    this.socket = existing ?? net.connect(port);
  }
  close(): void {
    this.socket.end();
  }
}
export function wrapped(skip: boolean): void {
  const dialer = new Dialer(undefined, 80);
  if (skip) return;
  dialer.close();
}
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // The factory's socket is returned on, or ended.
    `
import * as net from 'node:net';
import * as tls from 'node:tls';
function open(useTls: boolean): net.Socket {
  return useTls ? tls.connect(443) : net.connect(80);
}
export function handOn(): net.Socket {
  return open(false);
}
export function use(): void {
  const socket = open(true);
  socket.end();
}
`,
    // A getter that creates on first use keeps the socket: what it hands back is the pool's.
    `
import * as net from 'node:net';
export class Pool {
  private socket: net.Socket | undefined;
  current(): net.Socket {
    return this.socket ?? (this.socket = net.connect(80));
  }
  close(): void {
    this.socket?.end();
  }
}
export function write(pool: Pool, skip: boolean): void {
  const socket = pool.current();
  if (skip) return;
  socket.write('x');
}
`,
  ],
  invalid: [
    // Two creations behind one name: one report, named after the first branch's kind. A factory's
    // call is named by the type it returns.
    { code: direct, errors: [skipReturnLeak(direct, 6, 13, 'The tls.TLSSocket `socket` created on line 5')] },
    { code: factory, errors: [skipReturnLeak(factory, 9, 13, 'The net.Socket `socket` created on line 8')] },
    { code: nullable, errors: [skipReturnLeak(nullable, 8, 13, 'The net.Socket `socket` created on line 7')] },
    { code: overloaded, errors: [skipReturnLeak(overloaded, 10, 13, 'The net.Socket `socket` created on line 9')] },
    { filename: 'script.js', code: javascript, errors: [skipReturnLeak(javascript, 9, 13, 'The net.Socket `socket` created on line 8')] },
    {
      code: wrapper,
      errors: [
        {
          messageId: 'leakAtExit',
          line: 14,
          column: 13,
          data: { resource: 'The Dialer `dialer` created on line 13', exit: 'return', release: 'close()' },
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'dialer.close()', exit: 'return' },
              output: wrapper.replace('if (skip) return;', 'if (skip) { dialer.close(); return; }'),
            },
          ],
        },
      ],
    },
  ],
});
