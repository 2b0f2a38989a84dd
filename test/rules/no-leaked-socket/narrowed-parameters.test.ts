/**
 * no-leaked-socket on calls made on a parameter with no declared type that gets one anyway: by
 * control flow (`instanceof`, a type guard) or by a JSDoc cast in JavaScript. Such a parameter is
 * `any` by its declaration, but not where it is used; a shortcut that read it as `any` everywhere
 * lost every one of these (found by a differential trial, and reverted).
 */
import rule from '../../../rules/no-leaked-socket.js';
import { endLeak, skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const narrowedByInstanceof = `
import * as net from 'node:net';
class Dialer {
  open(port: number): net.Socket {
    return net.connect(port);
  }
}
// @ts-expect-error: the parameter is untyped on purpose
export function dial(dialer, skip: boolean): void {
  if (!(dialer instanceof Dialer)) return;
  const socket = dialer.open(80);
  if (skip) return;
  socket.end();
}
`;

const castInJavaScript = `
const net = require('net');
function dial(transport, skip) {
  const socket = /** @type {typeof import('net')} */ (transport).connect(1);
  if (skip) return;
  socket.end();
}
module.exports = { dial, net };
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [],
  invalid: [
    {
      code: narrowedByInstanceof,
      errors: [skipReturnLeak(narrowedByInstanceof, 12, 13, 'The net.Socket `socket` created on line 11')],
    },
    {
      code: `
import * as net from 'node:net';
// @ts-expect-error: the parameter is untyped on purpose
export function attach(server): void {
  if (server instanceof net.Server) {
    server.on('connection', (socket) => {
      socket.write('hello');
    });
  }
}
`,
      errors: [endLeak(6, 30, "The socket `socket` received by the 'connection' handler on line 6")],
    },
    {
      code: `
import * as net from 'node:net';
function isServer(value: unknown): value is net.Server {
  return value instanceof net.Server;
}
// @ts-expect-error: the parameter is untyped on purpose
export function watch(server): void {
  if (isServer(server)) {
    server.on('connection', (socket) => {
      socket.write('hello');
    });
  }
}
`,
      errors: [endLeak(9, 30, "The socket `socket` received by the 'connection' handler on line 9")],
    },
    {
      filename: 'script.js',
      code: castInJavaScript,
      errors: [skipReturnLeak(castInJavaScript, 5, 13, 'The net.Socket `socket` created on line 4')],
    },
  ],
});
