/**
 * no-leaked-socket on factories that build their promise by hand: `new Promise((resolve) => …)`
 * resolving with a socket the executor creates, or handing `resolve` to a library as its callback.
 * The caller owns what it awaits, as it owns what `net.connect` returns.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { exitLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const leakAtReturn = (line: number, column: number, resource: string, code: string, output: string) => ({
  ...exitLeak(line, column, resource, 'return'),
  suggestions: [{ messageId: 'insertRelease' as const, data: { call: `${resource.match(/`(\w+)`/)![1]}.destroy()`, exit: 'return' }, output }],
  code,
});

const connected = `
import * as net from 'node:net';
function open(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}
`;

const accepted = `
import * as net from 'node:net';
function accept(server: net.Server): Promise<net.Socket> {
  return new Promise((resolve) => server.once('connection', resolve));
}
`;

const viaCallback = `
import * as net from 'node:net';
function accept(server: net.Server): Promise<net.Socket> {
  return new Promise(function (resolve) {
    server.once('connection', (socket) => resolve(socket));
  });
}
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // The caller ends what it awaits.
    `${connected}
export async function ping(port: number): Promise<void> {
  const socket = await open(port);
  socket.end('ping');
}
`,
    // A pool's waiters: \`resolve\` stored in an array is called later with a borrowed socket, so the
    // promise hands out nothing fresh.
    `
import * as net from 'node:net';
class Waiters {
  private readonly waiting: Array<(socket: net.Socket) => void> = [];
  acquire(): Promise<net.Socket> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  acquireWrapped(): Promise<net.Socket> {
    return new Promise((resolve) => { this.waiting.push((socket) => resolve(socket)); });
  }
}
export async function borrow(waiters: Waiters, skip: boolean): Promise<void> {
  const a = await waiters.acquire();
  const b = await waiters.acquireWrapped();
  if (skip) return;
  a.write('x');
  b.write('y');
}
`,
    // Resolving with a socket the factory does not create (a field) makes it a getter.
    `
import * as net from 'node:net';
class Link {
  constructor(private readonly socket: net.Socket) {}
  ready(): Promise<net.Socket> {
    return new Promise((resolve) => this.socket.once('connect', () => resolve(this.socket)));
  }
}
export async function use(link: Link, skip: boolean): Promise<void> {
  const socket = await link.ready();
  if (skip) return;
  socket.write('x');
}
`,
  ],
  invalid: [
    // The executor creates the socket and resolves with it once connected.
    leakAtReturn(
      13,
      13,
      'The net.Socket `socket` created on line 12',
      `${connected}
export async function ping(port: number, skip: boolean): Promise<void> {
  const socket = await open(port);
  if (skip) return;
  socket.end('ping');
}
`,
      `${connected}
export async function ping(port: number, skip: boolean): Promise<void> {
  const socket = await open(port);
  if (skip) { socket.destroy(); return; }
  socket.end('ping');
}
`,
    ),
    // \`resolve\` is the library's callback: the accepted socket is the caller's.
    leakAtReturn(
      9,
      13,
      'The net.Socket `socket` created on line 8',
      `${accepted}
export async function first(server: net.Server, skip: boolean): Promise<void> {
  const socket = await accept(server);
  if (skip) return;
  socket.end();
}
`,
      `${accepted}
export async function first(server: net.Server, skip: boolean): Promise<void> {
  const socket = await accept(server);
  if (skip) { socket.destroy(); return; }
  socket.end();
}
`,
    ),
    // The same through a callback of the library that passes its parameter to \`resolve\`.
    leakAtReturn(
      11,
      13,
      'The net.Socket `socket` created on line 10',
      `${viaCallback}
export async function first(server: net.Server, skip: boolean): Promise<void> {
  const socket = await accept(server);
  if (skip) return;
  socket.end();
}
`,
      `${viaCallback}
export async function first(server: net.Server, skip: boolean): Promise<void> {
  const socket = await accept(server);
  if (skip) { socket.destroy(); return; }
  socket.end();
}
`,
    ),
  ].map(({ code, ...error }) => ({ code, errors: [error] })),
});
