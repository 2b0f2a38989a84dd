/**
 * no-leaked-socket and functions of the program with overload signatures: the overload a call
 * picks says what the caller gets. A string overload of a socket factory returns a string, whatever
 * the implementation returns for the other overloads (found by a new-user trial: the
 * implementation's summary was read for every overload).
 */
import rule from '../../../rules/no-leaked-socket.js';
import { discardedLeak, endLeak, skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const helpers = `import * as net from 'node:net';
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
