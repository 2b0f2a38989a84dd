/**
 * no-leaked-socket and functions of the program with overload signatures: the overload a call
 * picks says what the caller gets. A string or data overload of a socket factory returns a string
 * or data, with no `end()` to call, whatever the implementation returns for the other overloads
 * (found by two new-user trials: the implementation's summary was read for every overload). An
 * overload declared as a type that can be ended (`stream.Duplex`) keeps the summary's answer.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { discardedLeak, endLeak, skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const helpers = `import * as net from 'node:net';
import type { Duplex } from 'node:stream';
export interface Info { host: string; port: number }
export interface Holder { sock: net.Socket }
export function describe(host: string): Info;
export function describe(when: Date): Date;
export function describe(names: string[]): Map<string, number>;
export function describe(port: number): net.Socket;
export function describe(x: string | number | Date | string[]): Info | Date | Map<string, number> | net.Socket {
  if (typeof x === 'string') return { host: x, port: 0 };
  if (x instanceof Date) return x;
  if (Array.isArray(x)) return new Map(x.map((name) => [name, 0]));
  return net.connect(x);
}
export function wrap(host: string): Holder;
export function wrap(port: number): net.Socket;
export function wrap(x: string | number): Holder | net.Socket {
  if (typeof x === 'string') return { sock: net.connect(80, x) };
  return net.connect(x);
}
export function stream(path: string): Duplex;
export function stream(port: number): net.Socket;
export function stream(x: string | number): Duplex | net.Socket {
  return typeof x === 'string' ? net.connect(x) : net.connect(x);
}
export function mixed(x: string): string;
export function mixed(x: number): net.Socket;
export function mixed(x: number | string): net.Socket | string {
  return typeof x === 'number' ? net.connect(x) : x;
}
export function gen<T extends number>(x: T): net.Socket;
export function gen(x: string): string;
export function gen(x: number | string): net.Socket | string {
  return typeof x === 'number' ? net.connect(x) : x;
}
export async function later(x: string): Promise<string | undefined>;
export async function later(x: number): Promise<net.Socket>;
export async function later(x: number | string): Promise<net.Socket | string | undefined> {
  return typeof x === 'number' ? net.connect(x) : x;
}
export class Dialer {
  open(path: string): string;
  open(port: number): net.Socket;
  open(x: number | string): net.Socket | string {
    return typeof x === 'number' ? net.connect(x) : x;
  }
}
`;
const first = helpers.split('\n').length;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    `${helpers}export function upper(): string {
  const s = mixed('x');
  return s.toUpperCase();
}
`,
    `${helpers}export function size(): number {
  return gen('x').length;
}
`,
    `${helpers}export async function text(): Promise<number> {
  const s = await later('x');
  return s?.length ?? 0;
}
`,
    `${helpers}export function trimmed(dialer: Dialer): string {
  return dialer.open('/tmp/s').trim();
}
`,
    `${helpers}export function data(): string {
  const info = describe('h');
  const when = describe(new Date());
  const names = describe(['a']);
  return info.host + when.toISOString() + names.size;
}
`,
    `${helpers}export function port(): number {
  return describe('h').port;
}
`,
    // An object holding a socket is not followed, overloaded or not (the rule page says so).
    `${helpers}export function close(): void {
  const holder = wrap('example.com');
  holder.sock.destroy();
}
`,
    // The socket overload, closed.
    `${helpers}export function send(dialer: Dialer): void {
  const socket = dialer.open(80);
  socket.end('x');
}
`,
  ],
  invalid: [
    (() => {
      const code = `${helpers}export function send(skip: boolean): void {
  const socket = mixed(80);
  if (skip) return;
  socket.end();
}
`;
      return { code, errors: [skipReturnLeak(code, first + 2, 13, `The net.Socket \`socket\` created on line ${first + 1}`)] };
    })(),
    // An overload declared as a stream that can be ended: the summary's answer stands.
    {
      code: `${helpers}export function send(): void {
  const duplex = stream('/tmp/s');
  duplex.write('x');
}
`,
      errors: [endLeak(first + 1, 18, `The Stream.Duplex \`duplex\` created on line ${first + 1}`)],
    },
    {
      code: `${helpers}export function size(): number {
  return gen(80).bytesWritten;
}
`,
      errors: [discardedLeak(first + 1, 10, 'net.Socket')],
    },
    {
      code: `${helpers}export async function send(): Promise<void> {
  const socket = await later(80);
  socket.write('x');
}
`,
      errors: [endLeak(first + 1, 24, `The net.Socket \`socket\` created on line ${first + 1}`)],
    },
    {
      code: `${helpers}export function send(dialer: Dialer): void {
  dialer.open(80).write('x');
}
`,
      errors: [discardedLeak(first + 1, 3, 'net.Socket')],
    },
  ],
});
