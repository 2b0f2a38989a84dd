/**
 * no-leaked-socket on values picked by an operator: `tls ? tls.connect(o) : net.connect(o)`,
 * `port === undefined ? null : net.connect(port)`. A function that returns such a value is a factory
 * (its summary reads every value the expression may take), a class that stores one owns it, and a
 * variable given one is one resource however many creations it may hold: one report where it leaks
 * (two when the kinds need different releases, or for two variables of one name). Clients choosing
 * TLS by an option are written this way. A get-or-create (`this.socket ?? net.connect(…)`,
 * `cache.get(key) || create(key)`, through a local or not) hands out what is kept: no factory.
 * The valid get-or-create shapes and the two-report cases were found by a trial of the first version.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { endLeak, exitLeak, skipReturnLeak } from './errors.js';
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

const shadowed = `
import * as net from 'node:net';
export function shadowed(ports: number[]): void {
  const conn = net.connect(1);
  for (const port of ports) {
    const conn = net.connect(port);
    if (port === 0) return;
    conn.end();
  }
  conn.end();
}
`;

const mixedKinds = `
import * as dgram from 'node:dgram';
import * as net from 'node:net';
declare function finish(socket: dgram.Socket | net.Socket): void;
export function mixed(useUdp: boolean, skip: boolean): void {
  const socket = useUdp ? dgram.createSocket('udp4') : net.connect(80);
  if (skip) return;
  finish(socket);
}
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // Get-or-create through a local: what is handed out is the instance's (or the cache's).
    `
import * as net from 'node:net';
import pg from 'pg';
export class Lazy {
  private socket: net.Socket | undefined;
  get(): net.Socket {
    const socket = this.socket ?? net.connect(80);
    this.socket = socket;
    return socket;
  }
  close(): void {
    this.socket?.end();
  }
}
const sockets: Record<string, net.Socket> = {};
function open(key: string): net.Socket {
  const socket = net.connect(Number(key));
  socket.on('close', () => delete sockets[key]);
  return (sockets[key] = socket);
}
export function byKey(key: string): net.Socket {
  return sockets[key] ?? open(key);
}
const pool = new pg.Pool();
export class UnitOfWork {
  private current: pg.PoolClient | undefined;
  async client(): Promise<pg.PoolClient> {
    const client = this.current ?? (await pool.connect());
    this.current = client;
    return client;
  }
  done(): void {
    this.current?.release();
    this.current = undefined;
  }
}
export async function find(work: UnitOfWork, lazy: Lazy, id: number): Promise<number | null> {
  const client = await work.client();
  const socket = lazy.get();
  const cached = byKey('a');
  if (id <= 0) return null;
  socket.write('x');
  cached.write('y');
  return (await client.query('select 1')).rowCount;
}
`,
    // JavaScript: an untyped cache, and a lazily set field JavaScript types as \`any\`.
    {
      filename: 'script.js',
      code: `
const net = require('node:net');
const cache = new Map();
function create(key) {
  const socket = net.connect(Number(key));
  cache.set(key, socket);
  socket.on('close', () => cache.delete(key));
  return socket;
}
function getConnection(key) {
  return cache.get(key) || create(key);
}
class LazyLocal {
  constructor(port) {
    this.port = port;
    this._socket = null;
  }
  getSocket() {
    const socket = this._socket || net.connect(this.port);
    this._socket = socket;
    return socket;
  }
  close() {
    if (this._socket) this._socket.end();
  }
}
function writeTo(key, line, lazy) {
  const socket = getConnection(key);
  const other = lazy.getSocket();
  if (!line) return;
  socket.write(line);
  other.write(line);
}
module.exports = { writeTo, LazyLocal };
`,
    },
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
    { code: nullable, errors: [skipReturnLeak(nullable, 8, 13, 'The net.Socket `socket` created on line 7', 'socket?.destroy()')] },
    { code: overloaded, errors: [skipReturnLeak(overloaded, 10, 13, 'The net.Socket `socket` created on line 9')] },
    // The suggestion's call: `socket?.` where the exit's own condition may leave it absent, `socket.`
    // where an earlier check narrowed it (the first later reference says how it is narrowed).
    ...(() => {
      const guarded = nullable.replace('  if (skip) return;\n  socket?.end();', '  if (!socket || skip) return;\n  socket.end();');
      const narrowed = nullable.replace('  if (skip) return;\n  socket?.end();', '  if (!socket) return;\n  if (skip) return;\n  socket.end();');
      return [
        {
          code: guarded,
          errors: [
            {
              ...exitLeak(8, 24, 'The net.Socket `socket` created on line 7', 'return'),
              suggestions: [
                {
                  messageId: 'insertRelease' as const,
                  data: { call: 'socket?.destroy()', exit: 'return' },
                  output: guarded.replace('if (!socket || skip) return;', 'if (!socket || skip) { socket?.destroy(); return; }'),
                },
              ],
            },
          ],
        },
        { code: narrowed, errors: [skipReturnLeak(narrowed, 9, 13, 'The net.Socket `socket` created on line 7')] },
      ];
    })(),
    // Never released: the end of the function is one place too (reported at the first creation).
    {
      code: `
import * as net from 'node:net';
export function fallsOff(a: boolean): void {
  const socket = a ? net.connect(1) : net.connect(2);
  socket.write('x');
}
`,
      errors: [endLeak(4, 22, 'The net.Socket `socket` created on line 4')],
    },
    // Two variables named alike are two sockets; kinds released differently are reported each.
    {
      code: shadowed,
      errors: [
        // The outer \`conn\` cannot be named at the \`return\`: no suggestion for it.
        { ...exitLeak(7, 21, 'The net.Socket `conn` created on line 4', 'return'), suggestions: [] },
        {
          ...exitLeak(7, 21, 'The net.Socket `conn` created on line 6', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'conn.destroy()', exit: 'return' },
              output: shadowed.replace('if (port === 0) return;', 'if (port === 0) { conn.destroy(); return; }'),
            },
          ],
        },
      ],
    },
    {
      code: mixedKinds,
      errors: [
        {
          ...exitLeak(7, 13, 'The dgram.Socket `socket` created on line 6', 'return', 'close()'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'socket.close()', exit: 'return' }, output: mixedKinds.replace('if (skip) return;', 'if (skip) { socket.close(); return; }') }],
        },
        {
          ...exitLeak(7, 13, 'The net.Socket `socket` created on line 6', 'return'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'socket.destroy()', exit: 'return' }, output: mixedKinds.replace('if (skip) return;', 'if (skip) { socket.destroy(); return; }') }],
        },
      ],
    },
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
