/**
 * The pre-filter of src/engine/prefilter/may-create.ts answers "can this call create a resource?"
 * from names, before the checker is asked. A wrong "no" would lose a finding without a sound, so
 * each shape that reaches a resource without a resource API's name at the call is reported here:
 * wrappers, factories of the program, promise chains, callee aliases, custom resources.
 */
import bodyRule from '../../../rules/consume-response-body.js';
import leakRule from '../../../rules/no-leaked-socket.js';
import { endLeak } from '../../rules/no-leaked-socket/errors.js';
import { runRuleTests } from '../../rules/rule-tester.js';

const SOCKET = 'end() or destroy()';
const FETCH = 'reading its body or cancelling it';

runRuleTests('no-leaked-socket', leakRule, {
  valid: [],
  invalid: [
    // A wrapper: a class of the program that creates a socket and owns it in a field.
    {
      code: `
import * as net from 'node:net';
class Link {
  private readonly socket: net.Socket;
  constructor(port: number) {
    this.socket = net.connect(port);
  }
  close(): void {
    this.socket.destroy();
  }
}
export function ping(port: number): void {
  const link = new Link(port);
  link.close;
}
`,
      errors: [endLeak(13, 16, 'The Link `link` created on line 13', 'the function', 'close()')],
    },
    // A wrapper that owns the socket it is given (a parameter property of a socket type).
    {
      code: `
import * as net from 'node:net';
class Peer {
  constructor(private readonly socket: net.Socket) {}
  close(): void {
    this.socket.end();
  }
}
export function greet(socket: net.Socket): void {
  const peer = new Peer(socket);
  peer.close;
}
`,
      errors: [endLeak(10, 16, 'The Peer `peer` created on line 10', 'the function', 'close()')],
    },
    // A factory of the program: it returns a local variable initialised with a creation.
    {
      code: `
import * as net from 'node:net';
function dial(port: number) {
  const socket = net.connect(port);
  return socket;
}
export function send(port: number): void {
  const socket = dial(port);
  socket.write('x');
}
`,
      errors: [endLeak(8, 18, 'The net.Socket `socket` created on line 8', 'the function', SOCKET)],
    },
    // A factory method of an object literal, called by its property name.
    {
      code: `
import * as net from 'node:net';
const dialer = {
  open(port: number) {
    return net.connect(port);
  },
};
export function send(port: number): void {
  const socket = dialer.open(port);
  socket.write('x');
}
`,
      errors: [endLeak(9, 18, 'The net.Socket `socket` created on line 9', 'the function', SOCKET)],
    },
    // A callee alias: a variable holding net.connect.
    {
      code: `
import * as net from 'node:net';
const dial = net.connect;
export function send(port: number): void {
  const socket = dial(port);
  socket.write('x');
}
`,
      errors: [endLeak(5, 18, 'The net.Socket `socket` created on line 5', 'the function', SOCKET)],
    },
    // A destructured alias.
    {
      code: `
import * as net from 'node:net';
const { createConnection } = net;
export function send(port: number): void {
  const socket = createConnection(port);
  socket.write('x');
}
`,
      errors: [endLeak(5, 18, 'The net.Socket `socket` created on line 5', 'the function', SOCKET)],
    },
    // A custom resource from the options: a class of the program that holds no socket, made by a factory.
    {
      options: [{ resources: [{ type: { from: 'file', name: 'Lease' }, release: ['release'] }] }],
      code: `
class Lease {
  release(): void {}
}
function acquire(): Lease {
  return new Lease();
}
export function hold(): void {
  const lease = acquire();
  lease.release;
}
`,
      errors: [endLeak(9, 17, 'The Lease `lease` created on line 9', 'the function', 'release()')],
    },
    // A custom resource that only a declared return type names (no body to read).
    {
      options: [{ resources: [{ type: { from: 'file', name: 'Ticket' }, release: ['close'] }] }],
      code: `
interface Ticket {
  close(): void;
}
declare const office: { issue(): Promise<Ticket> };
export async function hold(): Promise<void> {
  const ticket = await office.issue();
  ticket.close;
}
`,
      errors: [endLeak(7, 24, 'The Ticket `ticket` created on line 7', 'the function', 'close()')],
    },
    // A class that is a socket through the interface merged with it (its bases are the class's).
    {
      code: `
import * as net from 'node:net';
interface Channel extends net.Socket {}
class Channel {}
export function open(): void {
  const channel = new Channel();
  channel.connect(80);
  channel.write('x');
}
`,
      errors: [endLeak(6, 19, 'The Channel `channel` created on line 6', 'the function', SOCKET)],
    },
    // A wrapper that stores a parameter through a local copy cast where it is declared.
    {
      code: `
import * as net from 'node:net';
class Conn {
  private sock: net.Socket;
  constructor(raw: unknown) {
    const s = raw as net.Socket;
    this.sock = s;
  }
  close(): void {
    this.sock.destroy();
  }
}
export function hold(raw: net.Socket): void {
  const conn = new Conn(raw);
  conn.close;
}
`,
      errors: [endLeak(14, 16, 'The Conn `conn` created on line 14', 'the function', 'close()')],
    },
    // A wrapper whose field is given a type parameter constrained to a socket or undefined.
    {
      code: `
import * as net from 'node:net';
class Slot {
  sock?: net.Socket;
  attach<S extends net.Socket | undefined>(s: S): void {
    this.sock = s;
  }
  close(): void {
    this.sock?.end();
  }
}
export function hold(): void {
  const slot = new Slot();
  slot.close;
}
`,
      errors: [endLeak(13, 16, 'The Slot `slot` created on line 13', 'the function', 'close()')],
    },
  ],
});

const droppedAtEnd = (line: number, column: number, resource: string, release: string) => ({
  messageId: 'bodyDroppedAtEnd' as const,
  line,
  column,
  data: { resource, release, where: 'the function' },
  suggestions: [],
});

runRuleTests('consume-response-body', bodyRule, {
  valid: [],
  invalid: [
    // A promise chain started by a factory of the program.
    {
      code: `
function load(url: string): Promise<Response> {
  return fetch(url);
}
export function status(url: string): Promise<number> {
  return load(url).then((res) => res.status);
}
`,
      errors: [droppedAtEnd(6, 26, 'The response `res` received by the .then callback on line 6', FETCH)],
    },
    // A chain whose first callback returns the creation: the next link gets the response.
    {
      code: `
export function status(url: string): Promise<number> {
  return Promise.resolve(url)
    .then((target) => fetch(target))
    .then((res) => res.status);
}
`,
      errors: [droppedAtEnd(5, 12, 'The response `res` received by the .then callback on line 5', FETCH)],
    },
  ],
});
