/**
 * no-leaked-socket with `checkThrowingCalls` (configs.strict): calls of functions of the program
 * that may throw explicitly are exits on the path where they throw, inside or outside a `try`.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { runRuleTests } from '../rule-tester.js';

const on = [{ checkThrowingCalls: true }] as const;
const throwingCall = (line: number, column: number, resource: string, callee: string) => ({
  messageId: 'leakAtThrowingCall' as const,
  line,
  column,
  data: { resource, callee, release: 'end() or destroy()' },
  suggestions: [],
});

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // Off by default: the call that throws is an implicit exception like any other.
    `
import * as net from 'node:net';
function assertSecure(socket: net.Socket): void {
  if (socket.remotePort === 443) return;
  throw new Error('insecure');
}
export function send(port: number): void {
  const socket = net.connect(port);
  assertSecure(socket);
  socket.end('hello');
}
`,
    // Released in finally: the throw leaves nothing open.
    {
      options: on,
      code: `
import * as net from 'node:net';
function validate(port: number): void {
  if (port <= 0) throw new RangeError('port');
}
export function send(port: number): void {
  const socket = net.connect(port);
  try {
    validate(port);
    socket.write('x');
  } finally {
    socket.destroy();
  }
}
`,
    },
    // A callee that catches its own throw does not throw.
    {
      options: on,
      code: `
import * as net from 'node:net';
function tryParse(text: string): number | undefined {
  try {
    if (text === '') throw new Error('empty');
    return Number(text);
  } catch {
    return undefined;
  }
}
export function send(port: number, text: string): void {
  const socket = net.connect(port);
  tryParse(text);
  socket.end();
}
`,
    },
    // An async callee that is not awaited rejects; it does not throw here.
    {
      options: on,
      code: `
import * as net from 'node:net';
async function audit(port: number): Promise<void> {
  if (port === 0) throw new Error('zero');
}
export function send(port: number): void {
  const socket = net.connect(port);
  void audit(port);
  socket.end();
}
`,
    },
  ],
  invalid: [
    // Outside any try: the throwing call leaves the function with the socket open.
    {
      options: on,
      code: `
import * as net from 'node:net';
function assertSecure(socket: net.Socket): void {
  if (socket.remotePort === 443) return;
  throw new Error('insecure');
}
export function send(port: number): void {
  const socket = net.connect(port);
  assertSecure(socket);
  socket.end('hello');
}
`,
      errors: [throwingCall(9, 3, 'The net.Socket `socket` created on line 8', 'assertSecure')],
    },
    // Through another function of the program: its call to a throwing function is not caught.
    {
      options: on,
      code: `
import * as net from 'node:net';
function check(value: number): void {
  if (value < 0) throw new RangeError('negative');
}
function checkAll(values: number[]): void {
  for (const value of values) check(value);
}
export function send(port: number, values: number[]): void {
  const socket = net.connect(port);
  checkAll(values);
  socket.end(values.join(','));
}
`,
      errors: [throwingCall(11, 3, 'The net.Socket `socket` created on line 10', 'checkAll')],
    },
    // An awaited async callee, caught and rethrown: the rethrow is an explicit exit.
    {
      options: on,
      code: `
import * as net from 'node:net';
async function handshake(socket: net.Socket): Promise<void> {
  if (!socket.writable) throw new Error('not writable');
}
export async function open(port: number): Promise<void> {
  const socket = net.connect(port);
  try {
    await handshake(socket);
  } catch (error) {
    throw error;
  }
  socket.end();
}
`,
      errors: [
        {
          messageId: 'leakAtExit',
          line: 11,
          column: 5,
          data: { resource: 'The net.Socket `socket` created on line 7', exit: 'throw', release: 'end() or destroy()' },
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'throw' },
              output: `
import * as net from 'node:net';
async function handshake(socket: net.Socket): Promise<void> {
  if (!socket.writable) throw new Error('not writable');
}
export async function open(port: number): Promise<void> {
  const socket = net.connect(port);
  try {
    await handshake(socket);
  } catch (error) {
    socket.destroy();
    throw error;
  }
  socket.end();
}
`,
            },
          ],
        },
      ],
    },
    // Through a finally that does not release it.
    {
      options: on,
      code: `
import * as net from 'node:net';
function validate(port: number): void {
  if (port <= 0) throw new RangeError('port');
}
export function send(port: number): void {
  const socket = net.connect(port);
  try {
    validate(port);
    socket.end();
  } finally {
    console.log('sent');
  }
}
`,
      errors: [throwingCall(9, 5, 'The net.Socket `socket` created on line 7', 'validate')],
    },
  ],
});
