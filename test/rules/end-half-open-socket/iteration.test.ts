/**
 * end-half-open-socket and `for await` over a half-open socket (half-open/answers.ts). A `break`,
 * `return` or `throw` out of the loop's body destroys the socket (the async iterator's `return()`),
 * on every Node release measured. The loop ending by the end of the data does not answer the peer:
 * Node 24.19 to 24.22 and 26.5 to 26.9 keep a half-open socket's writable side open there
 * (nodejs/node#64275), in CLOSE_WAIT, and so do the `stream/consumers` readers, which are such a
 * loop (test/live/runtime-facts.test.ts measures both). A path that takes no turn of the loop
 * (the peer closing at once) always ends it that way.
 */
import rule from '../../../rules/end-half-open-socket.js';
import { runRuleTests } from '../rule-tester.js';

const serverSocket = (line: number) => `The socket \`socket\` received by the net.createServer handler on line ${line}`;

/**
 * Unanswered after reading it to its end (the message says that is no answer), with no suggestion:
 * an 'end' listener that ends the socket would cut off the reply of a handler that reads the
 * request to its end and then answers.
 */
const unanswered = (line: number, column: number, resource: string) => ({
  messageId: 'unansweredAfterRead' as const,
  line,
  column,
  data: { resource },
  suggestions: [],
});

runRuleTests('end-half-open-socket', rule, {
  valid: [
    // Read to the end, then answered.
    `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  let total = 0;
  for await (const chunk of socket) total += (chunk as Buffer).length;
  socket.end(String(total));
});
`,
    // A return out of the body destroys it; the loop's end is answered after it.
    `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  for await (const chunk of socket) {
    if ((chunk as Buffer).length > 1024) return;
  }
  socket.end('ok');
});
`,
    // So does a throw out of the body.
    `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  for await (const chunk of socket) {
    if ((chunk as Buffer).length > 1024) throw new Error('too large');
  }
  socket.end('ok');
});
`,
    // A stream/consumers read, then answered.
    `
import * as net from 'node:net';
import { text } from 'node:stream/consumers';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  const request = await text(socket);
  socket.end(String(request.length));
});
`,
    // A helper of the program that reads it to the end and then ends it.
    `
import * as net from 'node:net';
async function drainAndEnd(s: net.Socket): Promise<void> {
  for await (const chunk of s) void chunk;
  s.end();
}
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  await drainAndEnd(socket);
});
`,
    // A helper that reads it and hands it back: the caller answers through the call's value.
    `
import * as net from 'node:net';
import { text } from 'node:stream/consumers';
async function readAll(s: net.Socket): Promise<net.Socket> {
  await text(s);
  return s;
}
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  const same = await readAll(socket);
  same.end('reply');
});
`,
  ],
  invalid: [
    // Read to the end and left: the socket stays in CLOSE_WAIT.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  let total = 0;
  for await (const chunk of socket) total += (chunk as Buffer).length;
  console.log(total);
});
`,
      errors: [
        unanswered(3, 72, serverSocket(3)),
      ],
    },
    // A stream/consumers read is such a loop.
    {
      code: `
import * as net from 'node:net';
import { text } from 'node:stream/consumers';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  const request = await text(socket);
  console.log(request.length);
});
`,
      errors: [
        unanswered(4, 72, serverSocket(4)),
      ],
    },
    // A break destroys it, but the loop can also end by the end of the data.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  for await (const chunk of socket) {
    if ((chunk as Buffer).includes(0)) break;
  }
});
`,
      errors: [
        unanswered(3, 72, serverSocket(3)),
      ],
    },
    // A return after the loop, not out of it, leaves it open.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  for await (const chunk of socket) console.log((chunk as Buffer).length);
  if (socket.writable) return;
  socket.end();
});
`,
      errors: [
        {
          messageId: 'unansweredAtExit',
          line: 5,
          column: 24,
          data: { resource: serverSocket(3), exit: 'return' },
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  for await (const chunk of socket) console.log((chunk as Buffer).length);
  if (socket.writable) { socket.destroy(); return; }
  socket.end();
});
`,
            },
          ],
        },
      ],
    },
    // Read to the end in a helper of the program: no more an answer than inline.
    {
      code: `
import * as net from 'node:net';
import { text } from 'node:stream/consumers';
async function readText(s: net.Socket): Promise<string> {
  return text(s);
}
async function drain(s: net.Socket): Promise<void> {
  for await (const chunk of s) void chunk;
}
export const reader = net.createServer({ allowHalfOpen: true }, async (socket) => {
  console.log(await readText(socket));
});
export const drainer = net.createServer({ allowHalfOpen: true }, async (socket) => {
  await drain(socket);
});
`,
      errors: [unanswered(10, 72, serverSocket(10)), unanswered(13, 73, serverSocket(13))],
    },
    // A helper that reads it and hands it back answers nothing: the caller must.
    {
      code: `
import * as net from 'node:net';
import { text } from 'node:stream/consumers';
async function readAll(s: net.Socket): Promise<net.Socket> {
  await text(s);
  return s;
}
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  const same = await readAll(socket);
  same.write('reply');
});
`,
      errors: [unanswered(8, 72, serverSocket(8))],
    },
    // A reply on one branch only (the empty request is never answered).
    {
      code: `
import * as net from 'node:net';
import { text } from 'node:stream/consumers';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  const body = await text(socket);
  if (body.length > 0) socket.end(body.toUpperCase());
});
`,
      errors: [unanswered(4, 72, serverSocket(4))],
    },
    // Readable's helpers read it as a loop does.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  console.log(await socket.toArray());
});
`,
      errors: [unanswered(3, 72, serverSocket(3))],
    },
    // A half-open client socket read to the end.
    {
      code: `
import * as net from 'node:net';
export async function fetchAll(port: number): Promise<number> {
  const socket = net.connect({ port, allowHalfOpen: true });
  let total = 0;
  for await (const chunk of socket) total += (chunk as Buffer).length;
  return total;
}
`,
      errors: [
        {
          messageId: 'unansweredAtExit',
          line: 7,
          column: 3,
          data: { resource: 'The net.Socket `socket` created on line 4', exit: 'return' },
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export async function fetchAll(port: number): Promise<number> {
  const socket = net.connect({ port, allowHalfOpen: true });
  let total = 0;
  for await (const chunk of socket) total += (chunk as Buffer).length;
  socket.destroy();
  return total;
}
`,
            },
          ],
        },
      ],
    },
  ],
});
