import rule from '../../rules/close-in-parent-after-fork.js';
import { runRuleTests } from './rule-tester.js';

// destroy() only: end() would shut the connection down for the child as well.
const SOCKET_RELEASE = 'destroy()';

const atEnd = (line: number, column: number, holder: string, via: string, handoffLine: number, suggestion?: { call: string; where: string; output: string }) => ({
  messageId: 'parentCopyAtEnd' as const,
  line,
  column,
  data: { resource: `The socket \`${holder}\``, via, line: String(handoffLine), where: 'the function', release: SOCKET_RELEASE },
  suggestions: suggestion ? [{ messageId: 'releaseAfterHandoff' as const, data: { call: suggestion.call, where: suggestion.where }, output: suggestion.output }] : [],
});

const atExit = (line: number, column: number, holder: string, via: string, handoffLine: number, exit: string, suggestion?: { call: string; where: string; output: string }) => ({
  messageId: 'parentCopyAtExit' as const,
  line,
  column,
  data: { resource: `The socket \`${holder}\``, via, line: String(handoffLine), exit, release: SOCKET_RELEASE },
  suggestions: suggestion ? [{ messageId: 'releaseAfterHandoff' as const, data: { call: suggestion.call, where: suggestion.where }, output: suggestion.output }] : [],
});

const stdioInVariable = `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export const server = net.createServer((socket) => {
  const options = { stdio: [socket, socket, 'inherit'] as const };
  const child = spawn('handler', [], options);
  child.on('error', console.error);
});
`;

runRuleTests('close-in-parent-after-fork', rule, {
  valid: [
    // Destroyed right after the spawn.
    `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export const server = net.createServer((socket) => {
  spawn('handler', [], { stdio: [socket, socket, 'inherit'] });
  socket.destroy();
});
`,
    // Destroyed when the child has spawned.
    `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export const server = net.createServer((socket) => {
  const child = spawn('handler', [], { stdio: [socket, 'inherit', 'inherit'] });
  child.once('spawn', () => socket.destroy());
});
`,
    // Destroyed when the child exits.
    `
import * as net from 'node:net';
import { fork } from 'node:child_process';
export const server = net.createServer((socket) => {
  const child = fork('handler.js', [], { stdio: ['pipe', socket, 'inherit', 'ipc'] });
  child.on('exit', () => socket.end());
});
`,
    // send without keepOpen: Node closes the parent's copy.
    `
import * as net from 'node:net';
import { fork } from 'node:child_process';
const worker = fork('worker.js');
export const server = net.createServer({ pauseOnConnect: true }, (socket) => {
  worker.send('socket', socket);
});
`,
    // keepOpen: false.
    `
import * as net from 'node:net';
import { fork } from 'node:child_process';
const worker = fork('worker.js');
export const server = net.createServer({ pauseOnConnect: true }, (socket) => {
  worker.send('socket', socket, { keepOpen: false });
});
`,
    // keepOpen with a send callback that destroys the parent's copy.
    `
import * as net from 'node:net';
import { fork } from 'node:child_process';
const worker = fork('worker.js');
export const server = net.createServer({ pauseOnConnect: true }, (socket) => {
  worker.send('socket', socket, { keepOpen: true }, () => socket.destroy());
});
`,
    // keepOpen with a named callback.
    `
import * as net from 'node:net';
import { fork } from 'node:child_process';
const worker = fork('worker.js');
export const server = net.createServer({ pauseOnConnect: true }, (socket) => {
  const done = () => socket.destroy();
  worker.send('socket', socket, { keepOpen: true }, done);
});
`,
    // A cluster worker's send without keepOpen.
    `
import type { Worker } from 'node:cluster';
import * as net from 'node:net';
export function give(worker: Worker, socket: net.Socket) {
  worker.send('socket', socket);
}
`,
    // Released on every path, early return included.
    `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function delegate(socket: net.Socket, dryRun: boolean) {
  spawn('handler', [], { stdio: [socket, 'inherit', 'inherit'] });
  if (dryRun) {
    socket.destroy();
    return;
  }
  socket.destroy();
}
`,
    // Released in finally.
    `
import * as net from 'node:net';
import { execFile } from 'node:child_process';
export function delegate(socket: net.Socket) {
  try {
    execFile('handler', [], { stdio: [socket] } as never);
  } finally {
    socket.destroy();
  }
}
`,
    // The stdio array holds no socket.
    `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export const server = net.createServer((socket) => {
  spawn('handler', [], { stdio: ['pipe', 'inherit', 'inherit'] });
  socket.pipe(socket);
});
`,
    // A server handed to a child and closed in the parent.
    `
import * as net from 'node:net';
import { fork } from 'node:child_process';
export function share(server: net.Server) {
  const child = fork('worker.js');
  child.send('server', server, { keepOpen: true }, () => server.close());
}
`,
    // The parent's copy handed on to an owner after the hand-off.
    `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
const pending = new Set<net.Socket>();
export const server = net.createServer((socket) => {
  spawn('handler', [], { stdio: [socket] });
  pending.add(socket);
});
`,
    // Nothing handed off: a plain fork.
    `
import { fork } from 'node:child_process';
export function start() {
  const child = fork('worker.js');
  child.send({ hello: 'world' });
}
`,
    // The raw fd handed over, and the socket destroyed.
    `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function delegate(socket: net.Socket) {
  const fd = (socket as unknown as { _handle: { fd: number } })._handle.fd;
  spawn('handler', [], { stdio: [fd, 'inherit', 'inherit'] });
  socket.destroy();
}
`,
    // Options in a const with keepOpen false.
    `
import * as net from 'node:net';
import type { ChildProcess } from 'node:child_process';
const options = { keepOpen: false };
export function give(child: ChildProcess, socket: net.Socket) {
  child.send('socket', socket, options);
}
`,
    // A local function that happens to be called `spawn`, and a local `send`: not child_process's.
    `
import * as net from 'node:net';
function spawn(command: string, args: string[], options: { stdio: unknown[] }): void {
  void command;
  void args;
  void options;
}
function send(message: string, handle: net.Socket, options: { keepOpen: boolean }): void {
  void message;
  void handle;
  void options;
}
export const server = net.createServer((socket) => {
  spawn('handler', [], { stdio: [socket, socket, 'inherit'] });
  send('socket', socket, { keepOpen: true });
  socket.pipe(socket);
});
`,
  ],
  invalid: [
    // The socket in stdio, never closed in the parent.
    {
      code: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export const server = net.createServer((socket) => {
  const child = spawn('handler', [], { stdio: [socket, socket, 'inherit'] });
  child.on('error', console.error);
});
`,
      errors: [
        atEnd(5, 17, 'socket', 'child_process.spawn', 5, {
          call: 'socket.destroy()',
          where: 'after the hand-off',
          output: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export const server = net.createServer((socket) => {
  const child = spawn('handler', [], { stdio: [socket, socket, 'inherit'] });
  socket.destroy();
  child.on('error', console.error);
});
`,
        }),
      ],
    },
    // The options object in a variable: `stdio` is still read through it.
    {
      code: stdioInVariable,
      errors: [
        atEnd(6, 17, 'socket', 'child_process.spawn', 6, {
          call: 'socket.destroy()',
          where: 'after the hand-off',
          output: stdioInVariable.replace("options);\n", "options);\n  socket.destroy();\n"),
        }),
      ],
    },
    // fork with the socket as stdout.
    {
      code: `
import * as net from 'node:net';
import { fork } from 'node:child_process';
export const server = net.createServer((socket) => {
  fork('handler.js', [], { stdio: ['pipe', socket, 'inherit', 'ipc'] });
});
`,
      errors: [
        atEnd(5, 3, 'socket', 'child_process.fork', 5, {
          call: 'socket.destroy()',
          where: 'after the hand-off',
          output: `
import * as net from 'node:net';
import { fork } from 'node:child_process';
export const server = net.createServer((socket) => {
  fork('handler.js', [], { stdio: ['pipe', socket, 'inherit', 'ipc'] });
  socket.destroy();
});
`,
        }),
      ],
    },
    // send with keepOpen: true.
    {
      code: `
import * as net from 'node:net';
import { fork } from 'node:child_process';
const worker = fork('worker.js');
export const server = net.createServer({ pauseOnConnect: true }, (socket) => {
  worker.send('socket', socket, { keepOpen: true });
});
`,
      errors: [
        atEnd(6, 3, 'socket', 'subprocess.send', 6, {
          call: 'socket.destroy()',
          where: 'once the send completes',
          output: `
import * as net from 'node:net';
import { fork } from 'node:child_process';
const worker = fork('worker.js');
export const server = net.createServer({ pauseOnConnect: true }, (socket) => {
  worker.send('socket', socket, { keepOpen: true }, () => socket.destroy());
});
`,
        }),
      ],
    },
    // keepOpen through a const.
    {
      code: `
import * as net from 'node:net';
import type { ChildProcess } from 'node:child_process';
const keep = { keepOpen: true };
export function give(child: ChildProcess, socket: net.Socket) {
  child.send('socket', socket, keep);
}
`,
      errors: [
        atEnd(6, 3, 'socket', 'subprocess.send', 6, {
          call: 'socket.destroy()',
          where: 'once the send completes',
          output: `
import * as net from 'node:net';
import type { ChildProcess } from 'node:child_process';
const keep = { keepOpen: true };
export function give(child: ChildProcess, socket: net.Socket) {
  child.send('socket', socket, keep, () => socket.destroy());
}
`,
        }),
      ],
    },
    // keepOpen typed as the literal true.
    {
      code: `
import * as net from 'node:net';
import type { ChildProcess, MessageOptions } from 'node:child_process';
export function give(child: ChildProcess, socket: net.Socket, options: MessageOptions & { keepOpen: true }) {
  child.send('socket', socket, options);
}
`,
      errors: [
        atEnd(5, 3, 'socket', 'subprocess.send', 5, {
          call: 'socket.destroy()',
          where: 'once the send completes',
          output: `
import * as net from 'node:net';
import type { ChildProcess, MessageOptions } from 'node:child_process';
export function give(child: ChildProcess, socket: net.Socket, options: MessageOptions & { keepOpen: true }) {
  child.send('socket', socket, options, () => socket.destroy());
}
`,
        }),
      ],
    },
    // A cluster worker.
    {
      code: `
import type { Worker } from 'node:cluster';
import * as net from 'node:net';
export function give(worker: Worker, socket: net.Socket) {
  worker.send('socket', socket, { keepOpen: true });
}
`,
      errors: [
        atEnd(5, 3, 'socket', 'worker.send', 5, {
          call: 'socket.destroy()',
          where: 'once the send completes',
          output: `
import type { Worker } from 'node:cluster';
import * as net from 'node:net';
export function give(worker: Worker, socket: net.Socket) {
  worker.send('socket', socket, { keepOpen: true }, () => socket.destroy());
}
`,
        }),
      ],
    },
    // A child sending a socket back to its parent with keepOpen.
    {
      code: `
import * as net from 'node:net';
export function back(socket: net.Socket) {
  process.send!('socket', socket, { keepOpen: true });
}
`,
      errors: [
        atEnd(4, 3, 'socket', 'process.send', 4, {
          call: 'socket.destroy()',
          where: 'once the send completes',
          output: `
import * as net from 'node:net';
export function back(socket: net.Socket) {
  process.send!('socket', socket, { keepOpen: true }, () => socket.destroy());
}
`,
        }),
      ],
    },
    // Released on one path only: the early return keeps the parent's copy.
    {
      code: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function delegate(socket: net.Socket, dryRun: boolean) {
  spawn('handler', [], { stdio: [socket, 'inherit', 'inherit'] });
  if (dryRun) return;
  socket.destroy();
}
`,
      errors: [
        atExit(6, 15, 'socket', 'child_process.spawn', 5, 'return', {
          call: 'socket.destroy()',
          where: 'after the hand-off',
          output: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function delegate(socket: net.Socket, dryRun: boolean) {
  spawn('handler', [], { stdio: [socket, 'inherit', 'inherit'] });
  socket.destroy();
  if (dryRun) return;
  socket.destroy();
}
`,
        }),
      ],
    },
    // A throw after the hand-off.
    {
      code: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function delegate(socket: net.Socket) {
  const child = spawn('handler', [], { stdio: [socket, 'inherit', 'inherit'] });
  if (child.pid === undefined) {
    throw new Error('spawn failed');
  }
  socket.destroy();
}
`,
      errors: [
        atExit(7, 5, 'socket', 'child_process.spawn', 5, 'throw', {
          call: 'socket.destroy()',
          where: 'after the hand-off',
          output: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function delegate(socket: net.Socket) {
  const child = spawn('handler', [], { stdio: [socket, 'inherit', 'inherit'] });
  socket.destroy();
  if (child.pid === undefined) {
    throw new Error('spawn failed');
  }
  socket.destroy();
}
`,
        }),
      ],
    },
    // The raw descriptor read off the socket.
    {
      code: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function delegate(socket: net.Socket) {
  spawn('handler', [], { stdio: [(socket as any)._handle.fd, 'inherit', 'inherit'] });
}
`,
      errors: [
        atEnd(5, 3, 'socket', 'child_process.spawn', 5, {
          call: 'socket.destroy()',
          where: 'after the hand-off',
          output: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function delegate(socket: net.Socket) {
  spawn('handler', [], { stdio: [(socket as any)._handle.fd, 'inherit', 'inherit'] });
  socket.destroy();
}
`,
        }),
      ],
    },
    // The raw descriptor through a variable.
    {
      code: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function delegate(socket: net.Socket) {
  const fd = (socket as unknown as { _handle: { fd: number } })._handle.fd;
  spawn('handler', [], { stdio: [fd, 'inherit', 'inherit'] });
}
`,
      errors: [
        atEnd(6, 3, 'socket', 'child_process.spawn', 6, {
          call: 'socket.destroy()',
          where: 'after the hand-off',
          output: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function delegate(socket: net.Socket) {
  const fd = (socket as unknown as { _handle: { fd: number } })._handle.fd;
  spawn('handler', [], { stdio: [fd, 'inherit', 'inherit'] });
  socket.destroy();
}
`,
        }),
      ],
    },
    // stdio options in a const.
    {
      code: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function delegate(socket: net.Socket) {
  const options = { stdio: [socket, 'inherit', 'inherit'] as const };
  spawn('handler', [], options as never);
}
`,
      errors: [
        atEnd(6, 3, 'socket', 'child_process.spawn', 6, {
          call: 'socket.destroy()',
          where: 'after the hand-off',
          output: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function delegate(socket: net.Socket) {
  const options = { stdio: [socket, 'inherit', 'inherit'] as const };
  spawn('handler', [], options as never);
  socket.destroy();
}
`,
        }),
      ],
    },
    // exec with the socket as stdin.
    {
      code: `
import * as net from 'node:net';
import { exec } from 'node:child_process';
export const server = net.createServer((socket) => {
  exec('cat', { stdio: [socket, 'pipe', 'pipe'] } as never);
});
`,
      errors: [
        atEnd(5, 3, 'socket', 'child_process.exec', 5, {
          call: 'socket.destroy()',
          where: 'after the hand-off',
          output: `
import * as net from 'node:net';
import { exec } from 'node:child_process';
export const server = net.createServer((socket) => {
  exec('cat', { stdio: [socket, 'pipe', 'pipe'] } as never);
  socket.destroy();
});
`,
        }),
      ],
    },
    // A socket the function created.
    {
      code: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function relay(port: number) {
  const upstream = net.connect(port);
  spawn('relay', [], { stdio: [upstream, upstream, 'inherit'] });
}
`,
      errors: [
        atEnd(6, 3, 'upstream', 'child_process.spawn', 6, {
          call: 'upstream.destroy()',
          where: 'after the hand-off',
          output: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function relay(port: number) {
  const upstream = net.connect(port);
  spawn('relay', [], { stdio: [upstream, upstream, 'inherit'] });
  upstream.destroy();
}
`,
        }),
      ],
    },
    // A listener that does not release does not help.
    {
      code: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export const server = net.createServer((socket) => {
  const child = spawn('handler', [], { stdio: [socket] });
  child.on('exit', (code) => console.log('child exited', code));
});
`,
      errors: [
        atEnd(5, 17, 'socket', 'child_process.spawn', 5, {
          call: 'socket.destroy()',
          where: 'after the hand-off',
          output: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export const server = net.createServer((socket) => {
  const child = spawn('handler', [], { stdio: [socket] });
  socket.destroy();
  child.on('exit', (code) => console.log('child exited', code));
});
`,
        }),
      ],
    },
    // A server handed to a child with keepOpen and never closed.
    {
      code: `
import * as net from 'node:net';
import { fork } from 'node:child_process';
export function share(server: net.Server) {
  const child = fork('worker.js');
  child.send('server', server, { keepOpen: true });
}
`,
      errors: [
        {
          messageId: 'parentCopyAtEnd',
          line: 6,
          column: 3,
          data: { resource: 'The server `server`', via: 'subprocess.send', line: '6', where: 'the function', release: 'close()' },
          suggestions: [
            {
              messageId: 'releaseAfterHandoff',
              data: { call: 'server.close()', where: 'once the send completes' },
              output: `
import * as net from 'node:net';
import { fork } from 'node:child_process';
export function share(server: net.Server) {
  const child = fork('worker.js');
  child.send('server', server, { keepOpen: true }, () => server.close());
}
`,
            },
          ],
        },
      ],
    },
    // Several hand-offs of the same socket leak at the same place once.
    {
      code: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function twice(socket: net.Socket, skip: boolean) {
  spawn('a', [], { stdio: [socket] });
  spawn('b', [], { stdio: [socket] });
  if (skip) return;
  socket.destroy();
}
`,
      errors: [
        // The second hand-off takes over from the first: the report names the last one.
        atExit(7, 13, 'socket', 'child_process.spawn', 6, 'return', {
          call: 'socket.destroy()',
          where: 'after the hand-off',
          output: `
import * as net from 'node:net';
import { spawn } from 'node:child_process';
export function twice(socket: net.Socket, skip: boolean) {
  spawn('a', [], { stdio: [socket] });
  spawn('b', [], { stdio: [socket] });
  socket.destroy();
  if (skip) return;
  socket.destroy();
}
`,
        }),
      ],
    },
    // Identity, not spelling: child_process.spawn through a variable.
    {
      code: `
import * as net from 'node:net';
import * as cp from 'node:child_process';
const run = cp.spawn;
export const server = net.createServer((socket) => {
  run('handler', [], { stdio: [socket, socket, 'inherit'] });
});
`,
      errors: [
        atEnd(6, 3, 'socket', 'child_process.spawn', 6, {
          call: 'socket.destroy()',
          where: 'after the hand-off',
          output: `
import * as net from 'node:net';
import * as cp from 'node:child_process';
const run = cp.spawn;
export const server = net.createServer((socket) => {
  run('handler', [], { stdio: [socket, socket, 'inherit'] });
  socket.destroy();
});
`,
        }),
      ],
    },
    // A subprocess's send bound to a variable is still that send.
    {
      code: `
import * as net from 'node:net';
import { fork } from 'node:child_process';
const worker = fork('worker.js');
const send = worker.send.bind(worker);
export const server = net.createServer({ pauseOnConnect: true }, (socket) => {
  send('socket', socket, { keepOpen: true });
});
`,
      errors: [
        atEnd(7, 3, 'socket', 'subprocess.send', 7, {
          call: 'socket.destroy()',
          where: 'once the send completes',
          output: `
import * as net from 'node:net';
import { fork } from 'node:child_process';
const worker = fork('worker.js');
const send = worker.send.bind(worker);
export const server = net.createServer({ pauseOnConnect: true }, (socket) => {
  send('socket', socket, { keepOpen: true }, () => socket.destroy());
});
`,
        }),
      ],
    },
  ],
});
