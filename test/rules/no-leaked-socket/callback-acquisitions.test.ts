/**
 * no-leaked-socket and the callbacks of the program's callback-style factories: `connect(port,
 * callback)` creates the socket and calls `callback(null, socket)`, so the callback owns it, as the
 * callback of pg's `pool.connect` owns its client (callback-creations.ts, acquire-callbacks.ts).
 * Before, the socket was handed to a parameter (assumed to take it) and the callback's parameter
 * was nobody's: a callback that never ended it was missed.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { endLeak, exitLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const factories = `import * as net from 'node:net';
type Callback = (err: Error | null, socket?: net.Socket) => void;
export function connect(port: number, callback: Callback): void {
  const socket = net.connect(port);
  socket.once('connect', () => callback(null, socket));
  socket.once('error', (err) => callback(err));
}
export function connectThis(port: number, callback: Callback): void {
  net.connect(port).once('connect', function (this: net.Socket) {
    callback(null, this);
  });
}
export function connectBoth(port: number, callback: Callback): net.Socket {
  const socket = net.connect(port);
  socket.once('connect', () => callback(null, socket));
  return socket;
}
export function connectLayered(port: number, callback: Callback): void {
  connect(port, (err, socket) => {
    if (err || !socket) return callback(err);
    socket.setNoDelay(true);
    callback(null, socket);
  });
}
export function connectQueued(port: number, callback?: Callback): void {
  const waiters = [callback ?? (() => {})];
  const socket = net.connect(port);
  socket.once('connect', () => waiters.forEach((waiter) => waiter(null, socket)));
}
export function connectListener(port: number, callback: Callback): void {
  net.connect(port, '127.0.0.1', function (this: net.Socket) {
    callback(null, this);
  });
}
export function connectUnopened(port: number, callback: Callback): void {
  const socket = new net.Socket();
  socket.connect(port, '127.0.0.1', () => callback(null, socket));
}
export function withConnection(port: number, use: (socket: net.Socket) => void): void {
  const socket = net.connect(port);
  socket.once('connect', () => {
    use(socket);
    socket.end();
  });
}
export async function withSession(port: number, use: (socket: net.Socket) => Promise<void>): Promise<void> {
  const socket = net.connect(port);
  try {
    await use(socket);
  } finally {
    socket.destroy();
  }
}
export function connectCleaned(port: number, callback: Callback): void {
  const socket = net.connect(port);
  socket.setTimeout(1000, () => {
    socket.destroy();
    callback(new Error('timeout'));
  });
  socket.once('connect', () => callback(null, socket));
}
export class Client {
  private readonly sockets: net.Socket[] = [];
  open(port: number, onOpen: (socket: net.Socket) => void): void {
    const socket = net.connect(port, () => onOpen(socket));
  }
  shared(port: number, callback: Callback): void {
    const socket = net.connect(port);
    this.sockets.push(socket);
    socket.once('connect', () => callback(null, socket));
  }
  describe(port: number, callback: (err: Error | null, info?: { port: number }) => void): void {
    const socket = net.connect(port);
    socket.once('connect', () => {
      callback(null, { port: socket.remotePort ?? 0 });
      socket.end();
    });
  }
}
`;
// A promise around a callback-style factory (`util.promisify` by hand) is a factory of its own.
const promised = `${factories}export function open(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => connect(port, (err, s) => (err || !s ? reject(err) : resolve(s))));
}
`;
const first = factories.split('\n').length;
const afterPromised = promised.split('\n').length;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // The callback ends what it is handed; on the error path (`err` set) there is nothing.
    `${factories}export function use(client: Client): void {
  connect(80, (err, socket) => {
    if (err) return;
    socket?.end();
  });
  connectThis(80, (err, socket) => socket?.destroy());
  connectLayered(80, (err, socket) => socket?.end());
  client.open(80, (socket) => socket.end());
}
`,
    // A socket the factory keeps (in a pool) is lent to the callback; what the callback is given
    // that is no socket (an info object) is nothing to release.
    `${factories}export function use(client: Client): void {
  client.shared(80, (err, socket) => socket?.write('ping'));
  client.describe(80, (err, info) => console.log(info?.port));
}
`,
    // The loan pattern: the function that hands the socket over ends it once the callback returns.
    `${factories}export async function use(): Promise<void> {
  withConnection(80, (socket) => socket.write('ping'));
  await withSession(80, async (socket) => {
    socket.write('ping');
  });
}
`,
    // A factory that also returns the socket: its caller holds it too and may end it through the
    // value returned, so the callback is not taken for its only owner.
    `${factories}export function use(): void {
  const socket = connectBoth(80, (err, s) => s?.write('hello'));
  socket.once('data', () => socket.end());
}
`,
    // Handed on: resolved into a promise its caller awaits and ends.
    `${promised}export async function use(): Promise<void> {
  const socket = await open(80);
  socket.end();
}
`,
  ],
  invalid: [
    // Never ended: the callback is the socket's only owner.
    {
      code: `${factories}export function use(client: Client): void {
  connect(80, (err, socket) => {
    if (err) return;
    socket?.write('ping');
  });
  client.open(80, (socket) => {
    socket.write('ping');
  });
}
`,
      errors: [
        endLeak(first + 1, 21, 'The socket `socket` received by the connect callback on line ' + (first + 1)),
        endLeak(first + 5, 20, 'The socket `socket` received by the open callback on line ' + (first + 5)),
      ],
    },
    // A factory that destroys the socket when connecting fails still hands it over on success.
    {
      code: `${factories}export function use(): void {
  connectCleaned(80, (err, socket) => {
    if (err) return;
    socket?.write('ping');
  });
}
`,
      errors: [endLeak(first + 1, 28, 'The socket `socket` received by the connectCleaned callback on line ' + (first + 1))],
    },
    // A socket made with `new` and connected here, handed over by the connect callback: the factory
    // is quiet (its connect callback takes the socket), its caller's callback owns it.
    {
      code: `${factories}export function use(): void {
  connectUnopened(80, (err, socket) => socket?.write('ping'));
}
`,
      errors: [endLeak(first + 1, 29, 'The socket `socket` received by the connectUnopened callback on line ' + (first + 1))],
    },
    // A factory layered on another hands on what the inner one's callback acquired.
    {
      code: `${factories}export function use(): void {
  connectLayered(80, (err, socket) => socket?.write('ping'));
}
`,
      errors: [endLeak(first + 1, 28, 'The socket `socket` received by the connectLayered callback on line ' + (first + 1))],
    },
    // A callback kept in a queue first (with a fallback) is still the one handed the socket.
    {
      code: `${factories}export function use(): void {
  connectQueued(80, (err, socket) => socket?.write('ping'));
}
`,
      errors: [endLeak(first + 1, 27, 'The socket `socket` received by the connectQueued callback on line ' + (first + 1))],
    },
    // `this` in the connect listener given to the creating call is the socket it creates.
    {
      code: `${factories}export function use(): void {
  connectListener(80, (err, socket) => socket?.write('ping'));
}
`,
      errors: [endLeak(first + 1, 29, 'The socket `socket` received by the connectListener callback on line ' + (first + 1))],
    },
    // A connect callback that neither closes nor takes the socket leaves it the function's.
    {
      code: `import * as net from 'node:net';
export function greet(port: number): void {
  const socket = new net.Socket();
  socket.connect(port, '127.0.0.1', () => console.log('connected'));
}
`,
      errors: [endLeak(3, 18, 'The net.Socket `socket` created on line 3')],
    },
    // Ended on one path only.
    {
      code: `${factories}export function use(skip: boolean): void {
  connectThis(80, (err, socket) => {
    if (skip) return;
    socket?.end();
  });
}
`,
      errors: [
        {
          ...exitLeak(first + 2, 15, 'The socket `socket` received by the connectThis callback on line ' + (first + 1), 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket?.destroy()', exit: 'return' },
              output: `${factories}export function use(skip: boolean): void {
  connectThis(80, (err, socket) => {
    if (skip) { socket?.destroy(); return; }
    socket?.end();
  });
}
`,
            },
          ],
        },
      ],
    },
    // Resolved into a promise that nobody ends.
    {
      code: `${promised}export async function use(): Promise<void> {
  const socket = await open(80);
  socket.write('ping');
}
`,
      errors: [endLeak(afterPromised + 1, 24, 'The net.Socket `socket` created on line ' + (afterPromised + 1))],
    },
    // JavaScript, untyped: an exported factory, called by name.
    {
      filename: 'script.js',
      code: `
const net = require('net');
function connect(port, callback) {
  const socket = net.connect(port);
  socket.on('connect', () => callback(null, socket));
  socket.on('error', callback);
}
exports.connect = connect;
exports.use = function use() {
  connect(80, (err, socket) => {
    if (err) return;
    socket.write('ping');
  });
};
`,
      errors: [endLeak(10, 21, 'The socket `socket` received by the connect callback on line 10')],
    },
  ],
});
