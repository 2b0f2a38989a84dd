/**
 * no-leaked-socket on sockets looked up in a collection: `Map.get`, `Array.find`, `WeakRef.deref`
 * (and a decorator's view of the field it decorates, `context.access.get`, `target.get`) hand back a socket the collection still holds, so the caller borrows it and owes no release
 * (resources/borrowing.ts builtinLookupFunctions). Taking one out (`shift`, `pop`, or `get` then
 * `delete` of the same key, lifecycle/taken-out.ts) is different: the collection no longer holds it,
 * and a path that drops it leaks it.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { exitLeak, skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const takenOut = `
import * as net from 'node:net';
const connections = new Map<string, net.Socket>();
export function drop(id: string, reason: string, skip: boolean): void {
  const socket = connections.get(id);
  if (!socket) return;
  connections.delete(id);
  if (skip) return;
  socket.end(reason);
}
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // A registry of connections by id: looked up, written to, left in the map.
    `
import * as net from 'node:net';
const connections = new Map<string, net.Socket>();
export function send(id: string, data: string, quiet: boolean): void {
  const socket = connections.get(id);
  if (!socket || quiet) return;
  socket.write(data);
}
`,
    // The same through a read-only view.
    `
import * as net from 'node:net';
export function send(connections: ReadonlyMap<string, net.Socket>, id: string): boolean {
  const socket = connections.get(id);
  if (!socket) return false;
  return socket.write('ping');
}
`,
    // Searching an array, or its last element.
    `
import * as net from 'node:net';
export function pick(sockets: net.Socket[], port: number): void {
  const socket = sockets.find((candidate) => candidate.remotePort === port);
  if (socket === undefined) return;
  socket.write('ping');
  const last = sockets.at(-1);
  last?.write('pong');
}
`,
    // A decorator reads the field or accessor it decorates: the instance still holds the socket.
    `
import * as net from 'node:net';
export function ping<This>(instance: This, context: ClassFieldDecoratorContext<This, net.Socket>, quiet: boolean): void {
  const socket = context.access.get(instance);
  if (quiet) return;
  socket.write('ping');
}
// Another \`get\` that does create, so that the name alone cannot settle \`target.get.call(…)\`.
export interface Dialer { get(port: number): net.Socket }
export function noDelay<This>(target: ClassAccessorDecoratorTarget<This, net.Socket>, quiet: boolean): void {
  const instance = {} as This;
  const socket = target.get.call(instance);
  if (quiet) return;
  socket.setNoDelay(true);
}
`,
    // A weak reference to a socket someone else owns.
    `
import * as net from 'node:net';
export function poke(reference: WeakRef<net.Socket>): void {
  const socket = reference.deref();
  if (!socket) return;
  socket.write('ping');
}
`,
    // Taken out of the map (get, then delete) and closed, or moved to another holder.
    `
import * as net from 'node:net';
const connections = new Map<string, net.Socket>();
export function close(id: string): void {
  const socket = connections.get(id);
  connections.delete(id);
  if (!socket) return;
  socket.destroy();
}
export function move(id: string, idle: Map<string, net.Socket>): void {
  const socket = connections.get(id);
  connections.delete(id);
  if (socket) idle.set(id, socket);
}
`,
  ],
  invalid: [
    // Taken out of the map: once its key is deleted, nothing holds the socket but this function.
    {
      code: takenOut,
      errors: [skipReturnLeak(takenOut, 8, 13, 'The net.Socket `socket` taken out of `connections` on line 7')],
    },
    // Taken out of the idle list: the list no longer holds it, so the early return drops it.
    {
      code: `
import * as net from 'node:net';
const idle: net.Socket[] = [];
export function reuse(skip: boolean): void {
  const socket = idle.shift();
  if (!socket) return;
  if (skip) return;
  socket.end();
}
`,
      errors: [
        {
          ...exitLeak(7, 13, 'The net.Socket `socket` created on line 5', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
const idle: net.Socket[] = [];
export function reuse(skip: boolean): void {
  const socket = idle.shift();
  if (!socket) return;
  if (skip) { socket.destroy(); return; }
  socket.end();
}
`,
            },
          ],
        },
      ],
    },
  ],
});
