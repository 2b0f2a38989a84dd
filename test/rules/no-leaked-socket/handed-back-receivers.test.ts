/**
 * no-leaked-socket through methods that hand back their receiver (lifecycle/resource.ts returnsThis):
 * a fluent method keeps the value it is called on, whether it says so (`: this`, its own class) or
 * only does so (every `return` hands back `this`, the one way JavaScript can say it); a method a
 * kind names as a creation (ioredis' `duplicate()`) makes a new one, although it is declared to
 * return its own class.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { discardedLeak, endLeak, exitLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const fluentConnection = `
import * as net from 'node:net';
export class Connection {
  private readonly socket: net.Socket;
  constructor(port: number) {
    this.socket = net.connect(port);
  }
  timeout(ms: number) {
    this.socket.setTimeout(ms);
    return this;
  }
  close(): void {
    this.socket.end();
  }
}
`;

const fluentClient = `
const net = require('net');
class Client {
  constructor(port) {
    this.port = port;
  }
  open() {
    this.socket = net.connect(this.port);
    return this;
  }
  timeout(ms) {
    if (ms <= 0) return this;
    this.socket.setTimeout(ms);
    return (this);
  }
  close() {
    this.socket.end();
  }
}
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // The chain's value is the connection itself, closed through the variable it ends in.
    `${fluentConnection}
export function ping(port: number): void {
  const connection = new Connection(port).timeout(1000);
  connection.close();
}
`,
    // An alias made by a fluent call.
    `${fluentConnection}
export function ping(port: number): void {
  const connection = new Connection(port);
  const same = connection.timeout(1000);
  same.close();
}
`,
    // JavaScript: the only way to say it.
    {
      filename: 'script.js',
      code: `${fluentClient}
exports.ping = function ping(port) {
  const client = new Client(port).open().timeout(10);
  client.close();
};
`,
    },
    // A class field holding an arrow: its `this` is the instance.
    `
import * as net from 'node:net';
export class Link {
  private readonly socket = net.connect(7000);
  timeout = (ms: number) => {
    this.socket.setTimeout(ms);
    return this;
  };
  keepAlive = () => this;
  close(): void {
    this.socket.end();
  }
}
export function ping(): void {
  const link = new Link().timeout(1000).keepAlive();
  link.close();
}
`,
    // JavaScript: a function assigned to the prototype, called as a method.
    {
      filename: 'script.js',
      code: `${fluentClient}
Client.prototype.noDelay = function () {
  this.socket.setNoDelay(true);
  return this;
};
exports.ping = function ping(port) {
  const client = new Client(port).open().noDelay();
  client.close();
};
`,
    },
    // A method that hands back another fluent call on `this`, or `this` picked by an operator.
    `${fluentConnection}
class Tuned extends Connection {
  tuned() {
    return this.timeout(1000);
  }
  either(fast: boolean) {
    return fast ? this : this.timeout(10);
  }
}
export function ping(port: number): void {
  const connection = new Tuned(port).tuned().either(true);
  connection.close();
}
`,
    // ioredis' duplicate() is a second connection: quitting it does not quit the first, and
    // each is quit here.
    `
import { Redis } from 'ioredis';
export async function listen(): Promise<void> {
  const redis = new Redis();
  const subscriber = redis.duplicate();
  await subscriber.subscribe('alerts');
  await subscriber.quit();
  await redis.quit();
}
`,
    // on() is still fluent on an ioredis client: the chain keeps the client.
    `
import { Redis } from 'ioredis';
export async function read(): Promise<string | null> {
  const redis = new Redis().on('error', () => {});
  const value = await redis.get('k');
  await redis.quit();
  return value;
}
`,
  ],
  invalid: [
    // Through the fluent call, the connection still leaks at the early return.
    {
      code: `${fluentConnection}
export function ping(port: number, skip: boolean): void {
  const connection = new Connection(port).timeout(1000);
  if (skip) return;
  connection.close();
}
`,
      errors: [
        {
          ...exitLeak(19, 13, 'The Connection `connection` created on line 18', 'return', 'close()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'connection.close()', exit: 'return' },
              output: `${fluentConnection}
export function ping(port: number, skip: boolean): void {
  const connection = new Connection(port).timeout(1000);
  if (skip) { connection.close(); return; }
  connection.close();
}
`,
            },
          ],
        },
      ],
    },
    // A method that returns something else on one path is not fluent: the chain's value is not
    // the connection, which is dropped.
    {
      code: `
import * as net from 'node:net';
export class Connection {
  private readonly socket = net.connect(7000);
  timeout(ms: number) {
    if (ms < 0) return undefined;
    this.socket.setTimeout(ms);
    return this;
  }
  close(): void {
    this.socket.end();
  }
}
export function ping(): void {
  const result = new Connection().timeout(1000);
  result?.close();
}
`,
      errors: [discardedLeak(15, 18, 'Connection', 'close()')],
    },
    // Methods that hand each other back are not fluent on that alone.
    {
      code: `
import * as net from 'node:net';
export class Loop {
  private readonly socket = net.connect(7000);
  a(): Loop | undefined {
    return this.b();
  }
  b() {
    return this.a();
  }
  close(): void {
    this.socket.end();
  }
}
export function ping(): void {
  new Loop().b()?.close();
}
`,
      errors: [discardedLeak(16, 3, 'Loop', 'close()')],
    },
    // The subscriber is a connection of its own, never quit.
    {
      code: `
import { Redis } from 'ioredis';
export async function listen(redis: Redis): Promise<void> {
  const subscriber = redis.duplicate();
  await subscriber.subscribe('alerts');
}
`,
      errors: [endLeak(4, 22, 'The ioredis.Redis `subscriber` created on line 4', 'the function', 'quit() or disconnect()')],
    },
    // Quitting the duplicate leaves the first connection open.
    {
      code: `
import { Redis } from 'ioredis';
export async function listen(): Promise<void> {
  const redis = new Redis();
  const subscriber = redis.duplicate();
  await subscriber.quit();
}
`,
      errors: [endLeak(4, 17, 'The ioredis.Redis `redis` created on line 4', 'the function', 'quit() or disconnect()')],
    },
    // A duplicate dropped on the spot.
    {
      code: `
import { Redis } from 'ioredis';
export function warm(redis: Redis): void {
  redis.duplicate();
}
`,
      errors: [discardedLeak(4, 3, 'ioredis.Redis', 'quit() or disconnect()')],
    },
  ],
});
