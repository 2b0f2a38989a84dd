/**
 * no-leaked-socket and functions of the program that hand an argument back (summaries.ts
 * summaryPassesThrough): `function tune(s) { s.setNoDelay(true); return s; }` keeps nothing, so
 * its caller still owns the socket, and the call's value is that socket (as `Object.assign`'s is
 * its target). Before, returning the parameter read as a hand-off, and every such leak was missed.
 * A function that also stores, closes or otherwise takes the argument still takes ownership.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { endLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const helpers = `import * as net from 'node:net';
const pool: net.Socket[] = [];
function tune(s: net.Socket): net.Socket {
  s.setNoDelay(true);
  return s;
}
function tuneFluent(s: net.Socket) {
  return s.setKeepAlive(true);
}
function labelled(label: string, s: net.Socket): net.Socket {
  console.log(label, s.remoteAddress);
  return s;
}
function identity<T>(value: T): T {
  return value;
}
function viaAnother(s: net.Socket): net.Socket {
  return tune(s);
}
async function ready(s: net.Socket): Promise<net.Socket> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return s;
}
function keep(s: net.Socket): net.Socket {
  pool.push(s);
  return s;
}
function checked(s: net.Socket): net.Socket | undefined {
  if (s.destroyed) return undefined;
  if (!s.writable) {
    s.destroy();
    return undefined;
  }
  return s;
}
`;

/** Line of the first line after the helpers. */
const first = helpers.split('\n').length;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // The value handed back is closed.
    `${helpers}export function send(port: number): void {
  const socket = tune(net.connect(port));
  socket.end('x');
}
`,
    // The original variable is closed.
    `${helpers}export function send(port: number): void {
  const socket = net.connect(port);
  tune(socket);
  socket.end('x');
}
`,
    // The alias is closed.
    `${helpers}export function send(port: number): void {
  const socket = net.connect(port);
  const tuned = labelled('out', socket);
  tuned.end('x');
}
`,
    // Returned through the call: the caller owns it.
    `${helpers}export function open(port: number): net.Socket {
  return tune(net.connect(port));
}
`,
    // Stored through the call: the pool owns it.
    `${helpers}export function open(port: number): void {
  const socket = net.connect(port);
  pool.push(tune(socket));
}
`,
    // A function that keeps the argument takes ownership.
    `${helpers}export function open(port: number): void {
  const socket = keep(net.connect(port));
  socket.write('x');
}
`,
    // A function that may destroy it takes ownership too (we do not guess which path ran).
    `${helpers}export function open(port: number): void {
  const socket = checked(net.connect(port));
  socket?.write('x');
}
`,
    // Awaited, and closed.
    `${helpers}export async function open(port: number): Promise<void> {
  const socket = await ready(net.connect(port));
  socket.end('x');
}
`,
  ],
  invalid: [
    // The value handed back is never closed.
    {
      code: `${helpers}export function send(port: number): void {
  const socket = tune(net.connect(port));
  socket.write('x');
}
`,
      errors: [endLeak(first + 1, 23, `The net.Socket \`socket\` created on line ${first + 1}`)],
    },
    // The original is never closed after the call.
    {
      code: `${helpers}export function send(port: number): void {
  const socket = net.connect(port);
  tune(socket);
  socket.write('x');
}
`,
      errors: [endLeak(first + 1, 18, `The net.Socket \`socket\` created on line ${first + 1}`)],
    },
    // Through a fluent call inside the function.
    {
      code: `${helpers}export function send(port: number): void {
  const socket = tuneFluent(net.connect(port));
  socket.write('x');
}
`,
      errors: [endLeak(first + 1, 29, `The net.Socket \`socket\` created on line ${first + 1}`)],
    },
    // Not the first argument.
    {
      code: `${helpers}export function send(port: number): void {
  const socket = labelled('out', net.connect(port));
  socket.write('x');
}
`,
      errors: [endLeak(first + 1, 34, `The net.Socket \`socket\` created on line ${first + 1}`)],
    },
    // A generic identity function.
    {
      code: `${helpers}export function send(port: number): void {
  const socket = identity(net.connect(port));
  socket.write('x');
}
`,
      errors: [endLeak(first + 1, 27, `The net.Socket \`socket\` created on line ${first + 1}`)],
    },
    // Handed back by a function that hands it to another that hands it back.
    {
      code: `${helpers}export function send(port: number): void {
  const socket = viaAnother(net.connect(port));
  socket.write('x');
}
`,
      errors: [endLeak(first + 1, 29, `The net.Socket \`socket\` created on line ${first + 1}`)],
    },
    // Awaited.
    {
      code: `${helpers}export async function send(port: number): Promise<void> {
  const socket = await ready(net.connect(port));
  socket.write('x');
}
`,
      errors: [endLeak(first + 1, 30, `The net.Socket \`socket\` created on line ${first + 1}`)],
    },
    // A factory that returns it through such a function: its caller owns it.
    {
      code: `${helpers}function dial(port: number) {
  return tune(net.connect(port));
}
export function send(port: number): void {
  const socket = dial(port);
  socket.write('x');
}
`,
      errors: [endLeak(first + 4, 18, `The net.Socket \`socket\` created on line ${first + 4}`)],
    },
    // The same through a later argument.
    {
      code: `${helpers}function dial(port: number) {
  return labelled('out', net.connect(port));
}
export function send(port: number): void {
  const socket = dial(port);
  socket.write('x');
}
`,
      errors: [endLeak(first + 4, 18, `The net.Socket \`socket\` created on line ${first + 4}`)],
    },
    // JavaScript, untyped.
    {
      filename: 'script.js',
      code: `const net = require('node:net');
function tune(s) {
  s.setNoDelay(true);
  return s;
}
function send(port) {
  const socket = tune(net.connect(port));
  socket.write('x');
}
module.exports = { send };
`,
      errors: [endLeak(7, 23, 'The net.Socket `socket` created on line 7')],
    },
  ],
});
