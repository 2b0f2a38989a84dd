/**
 * no-leaked-socket and Readable's helpers that read a socket with its async iterator, as a `for
 * await` loop does (lifecycle/effects.ts iteratingMethods): `toArray()`, `forEach()`, `reduce()`,
 * `some()`, `every()`, `find()`. The iterator destroys the socket when the read ends or stops early
 * (measured on Node 20 and 24: no socket left in CLOSE_WAIT), so a handler that reads its socket
 * this way has released it. A half-open socket is end-half-open-socket's question.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { endLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests('no-leaked-socket', rule, {
  valid: [
    `
import * as net from 'node:net';
export const server = net.createServer(async (socket) => {
  console.log(await socket.toArray());
});
`,
    `
import * as net from 'node:net';
export const server = net.createServer(async (socket) => {
  await socket.forEach((chunk: Buffer) => console.log(chunk.length));
});
`,
    `
import * as net from 'node:net';
export const server = net.createServer(async (socket) => {
  const large = await socket.some((chunk: Buffer) => chunk.length > 1024);
  console.log(large);
});
`,
    // A socket the function opens, read to its end the same way.
    `
import * as net from 'node:net';
export async function fetchAll(port: number): Promise<number> {
  const socket = net.connect(port);
  const chunks = await socket.toArray();
  return chunks.length;
}
`,
  ],
  invalid: [
    // A helper that does not read it: `map()` makes a new stream that nobody reads.
    {
      code: `
import * as net from 'node:net';
export function open(port: number): void {
  const socket = net.connect(port);
  socket.map((chunk: Buffer) => chunk.length);
}
`,
      errors: [endLeak(4, 18, 'The net.Socket `socket` created on line 4')],
    },
  ],
});
