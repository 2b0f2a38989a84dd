/**
 * end-half-open-socket on a shape real bugs take (issue 15): an 'end' listener that takes a
 * half-open socket out of the collection that owned it, without ending it, leaves it with no owner.
 */
import rule from '../../../rules/end-half-open-socket.js';
import { runRuleTests } from '../rule-tester.js';

const received = (line: number) => `The socket \`socket\` received by the net.createServer handler on line ${line}`;

/**
 * The finding on an 'end' listener that takes the socket out of `collection` without ending it,
 * with the suggestion that ends it there (`before` in the code becomes `after`).
 */
const dropsOwner = (code: string, line: number, column: number, resource: string, collection: string, before: string, after: string) => ({
  code,
  errors: [
    {
      messageId: 'endListenerDropsOwner' as const,
      line,
      column,
      data: { resource, collection },
      suggestions: [{ messageId: 'appendEnd' as const, data: { code: 'socket.end()' }, output: code.replace(before, after) }],
    },
  ],
});

runRuleTests('end-half-open-socket', rule, {
  valid: [
    // The listener ends the socket it takes out of the set.
    `
import * as net from 'node:net';
const clients = new Set<net.Socket>();
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  clients.add(socket);
  socket.resume();
  socket.on('end', () => {
    clients.delete(socket);
    socket.end();
  });
});
`,
    // The collection keeps it (its manager ends it): no 'end' listener takes it out.
    `
import * as net from 'node:net';
const clients = new Set<net.Socket>();
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  clients.add(socket);
  socket.resume();
});
`,
    // Taken out of a different collection than the one that owns it.
    `
import * as net from 'node:net';
const clients = new Set<net.Socket>();
const idle = new Set<net.Socket>();
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  clients.add(socket);
  socket.resume();
  socket.on('end', () => { idle.delete(socket); });
});
`,
    // A helper of the program takes it out and ends it.
    `
import * as net from 'node:net';
const clients = new Set<net.Socket>();
function retire(socket: net.Socket): void {
  clients.delete(socket);
  socket.end();
}
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  clients.add(socket);
  socket.resume();
  socket.on('end', () => retire(socket));
});
`,
  ],
  invalid: [
    // Taken out through a helper of the program (two calls deep): the listener's call is reported.
    dropsOwner(
      `
import * as net from 'node:net';
const clients = new Set<net.Socket>();
function forget(socket: net.Socket): void {
  clients.delete(socket);
}
function retire(socket: net.Socket): void {
  console.log('retired', socket.remoteAddress);
  forget(socket);
}
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  clients.add(socket);
  socket.resume();
  socket.on('end', () => retire(socket));
});
`,
      14,
      26,
      received(11),
      'clients',
      "  socket.on('end', () => retire(socket));",
      "  socket.on('end', () => { retire(socket); socket.end(); });",
    ),
    // Taken out of the set by its 'end' listener, never ended.
    dropsOwner(
      `
import * as net from 'node:net';
const clients = new Set<net.Socket>();
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  clients.add(socket);
  socket.on('data', (chunk) => {
    for (const client of clients) if (client !== socket) client.write(chunk);
  });
  socket.on('end', () => {
    clients.delete(socket);
  });
});
`,
      10,
      5,
      received(4),
      'clients',
      '    clients.delete(socket);',
      '    clients.delete(socket);\n    socket.end();',
    ),
    // A map by id, cleared by key.
    dropsOwner(
      `
import * as net from 'node:net';
const sessions = new Map<number, net.Socket>();
let next = 0;
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  const id = next++;
  sessions.set(id, socket);
  socket.resume();
  socket.on('end', () => sessions.delete(id));
});
`,
      9,
      26,
      received(5),
      'sessions',
      "  socket.on('end', () => sessions.delete(id));",
      "  socket.on('end', () => { sessions.delete(id); socket.end(); });",
    ),
  ],
});
