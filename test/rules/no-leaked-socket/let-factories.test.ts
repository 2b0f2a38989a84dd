/**
 * no-leaked-socket and factories that assign a `let` (or `var`) and return it: `let s; if (secure)
 * s = tls.connect(o); else s = net.connect(o); return s;` returns what either branch created, so
 * its caller owns it (summaries.ts getReturnedValues). Before, only a local's initializer was read,
 * and such a factory's callers were not followed. A local also given something kept elsewhere
 * (`let s = this.cached; if (!s) s = net.connect(p); return s;`) is a get-or-create: it may hand
 * back what it keeps, and makes no factory.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { endLeak, skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const helpers = `import * as net from 'node:net';
import * as tls from 'node:tls';
export function open(secure: boolean): net.Socket {
  let socket: net.Socket;
  if (secure) socket = tls.connect(443);
  else socket = net.connect(80);
  return socket;
}
export function maybeOpen(port: number | undefined) {
  let socket: net.Socket | undefined;
  if (port !== undefined) {
    socket = net.connect(port);
    socket.setNoDelay(true);
  }
  return socket;
}
export function reopen(port: number) {
  var socket;
  if (port === 0) socket = net.connect(1);
  else socket = net.connect(port);
  return socket;
}
// Untyped caches, as JavaScript has them: a module variable, a property of a module object, a static field.
let cached: any = null;
const state: any = {};
export class Shared {
  static socket: any;
}
export function getCached(port: number) {
  let socket = cached;
  if (!socket) {
    socket = net.connect(port);
    cached = socket;
  }
  return socket;
}
export function getState(port: number) {
  let socket = state.socket;
  if (!socket) state.socket = socket = net.connect(port);
  return socket;
}
export function getShared(port: number) {
  let socket = Shared.socket;
  if (!socket) {
    socket = net.connect(port);
    Shared.socket = socket;
  }
  return socket;
}
export class Cache {
  private cached: net.Socket | undefined;
  get(port: number): net.Socket {
    let socket = this.cached;
    if (!socket) {
      socket = net.connect(port);
      this.cached = socket;
    }
    return socket;
  }
}
`;
const first = helpers.split('\n').length;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    `${helpers}export function send(): void {
  const socket = open(true);
  socket.end('x');
}
`,
    `${helpers}export function send(): void {
  maybeOpen(80)?.end('x');
}
`,
    // A get-or-create hands back what it keeps: the cache owns it.
    `${helpers}export function send(cache: Cache): void {
  cache.get(80).write('x');
}
`,
    `${helpers}export function send(): void {
  getCached(80).write('x');
  getState(80).write('x');
  getShared(80).write('x');
}
`,
  ],
  invalid: [
    {
      code: `${helpers}export function send(): void {
  const socket = open(false);
  socket.write('x');
}
`,
      errors: [endLeak(first + 1, 18, `The net.Socket \`socket\` created on line ${first + 1}`)],
    },
    (() => {
      const code = `${helpers}export function send(skip: boolean): void {
  const socket = maybeOpen(80);
  if (skip) return;
  socket?.end();
}
`;
      return { code, errors: [skipReturnLeak(code, first + 2, 13, `The net.Socket \`socket\` created on line ${first + 1}`, 'socket?.destroy()')] };
    })(),
    {
      code: `${helpers}export function send(): void {
  const socket = reopen(80);
  socket.write('x');
}
`,
      errors: [endLeak(first + 1, 18, `The net.Socket \`socket\` created on line ${first + 1}`)],
    },
  ],
});
