/**
 * no-leaked-socket on a socket passed straight into a lib function that hands back its first
 * argument (`Object.assign(target, …)`, `Object.freeze`, `Object.defineProperty`…): the call's value
 * is the socket (created there, or already held), so returning or storing it hands the socket off,
 * binding it tracks it under that name, and dropping it leaks it (resources/borrowing.ts builtinPassThroughFunctions). Found by a trial, where
 * `return Object.assign(net.connect(…), { id })` was reported as discarded.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const bound = `
import * as net from 'node:net';
export function tagged(skip: boolean): void {
  const socket = Object.assign(net.connect(80), { id: 'a' });
  if (skip) return;
  socket.end();
}
`;

const tagged = `
import * as net from 'node:net';
export function tag(port: number, skip: boolean): void {
  const socket = net.connect(port);
  Object.assign(socket, { id: 1 });
  if (skip) return;
  socket.end();
}
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    `
import * as net from 'node:net';
export function open(port: number): net.Socket & { id: string } {
  return Object.assign(net.connect(port), { id: String(port) });
}
export function frozen(port: number): net.Socket {
  return Object.freeze(net.connect(port));
}
export function use(): void {
  const socket = open(80);
  socket.end();
}
`,
    // A socket already held, handed on through the call's value: returned, or stored.
    `
import * as net from 'node:net';
export function open(port: number): net.Socket {
  const socket = net.connect(port);
  return Object.assign(socket, { id: 1 });
}
export function keep(port: number, list: net.Socket[]): void {
  const socket = net.connect(port);
  list.push(Object.freeze(socket));
}
`,
  ],
  invalid: [
    // Tagged in place and dropped on an early return: still a leak.
    {
      code: tagged,
      errors: [skipReturnLeak(tagged, 6, 13, 'The net.Socket `socket` created on line 4')],
    },
    {
      code: bound,
      errors: [skipReturnLeak(bound, 5, 13, 'The net.Socket `socket` created on line 4')],
    },
    {
      code: `
import * as net from 'node:net';
export function dropped(): void {
  Object.assign(net.connect(80), { id: 'a' });
}
`,
      errors: [{ messageId: 'leakDiscarded' as const, line: 4, column: 17, data: { resource: 'The net.Socket created on line 4', release: 'end() or destroy()' } }],
    },
  ],
});
