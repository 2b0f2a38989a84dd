/**
 * no-leaked-socket on `const [a, b] = await Promise.all([open(x), open(y)])`: each name holds the
 * resource created at the same place of the array, and each is followed on its own.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { exitLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const factory = `
import * as net from 'node:net';
import { once } from 'node:events';
async function open(port: number): Promise<net.Socket> {
  const socket = net.connect(port);
  await once(socket, 'connect');
  return socket;
}
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    `${factory}
export async function pair(a: number, b: number): Promise<void> {
  const [left, right] = await Promise.all([open(a), open(b)]);
  left.pipe(right).pipe(left);
  left.on('close', () => right.destroy());
  right.on('close', () => left.destroy());
}
`,
    // Kept as an array: whoever holds the array holds the sockets (not followed element by element).
    `${factory}
export async function all(ports: number[]): Promise<net.Socket[]> {
  const sockets = await Promise.all(ports.map((port) => open(port)));
  return sockets;
}
`,
  ],
  invalid: [
    {
      code: `${factory}
export async function pair(a: number, b: number, skip: boolean): Promise<void> {
  const [left, right] = await Promise.all([open(a), open(b)]);
  left.end();
  if (skip) return;
  right.end();
}
`,
      errors: [
        {
          ...exitLeak(13, 13, 'The net.Socket `right` created on line 11', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'right.destroy()', exit: 'return' },
              output: `${factory}
export async function pair(a: number, b: number, skip: boolean): Promise<void> {
  const [left, right] = await Promise.all([open(a), open(b)]);
  left.end();
  if (skip) { right.destroy(); return; }
  right.end();
}
`,
            },
          ],
        },
      ],
    },
  ],
});
