/**
 * The pre-filter of src/engine/prefilter/may-denote.ts decides from names and assigned values
 * whether a callee may be one of a few APIs (`net.createServer`, `new net.Server`, `http.get`)
 * before the checker types it; received.ts also skips listeners of events that hand over no
 * socket. A wrong "no" would lose the handler's finding, so each aliased or registered shape is
 * reported here.
 */
import bodyRule from '../../../rules/consume-response-body.js';
import leakRule from '../../../rules/no-leaked-socket.js';
import { endLeak } from '../../rules/no-leaked-socket/errors.js';
import { runRuleTests } from '../../rules/rule-tester.js';

const SOCKET = 'end() or destroy()';
const HTTP = 'reading it, resume() or destroy()';

runRuleTests('no-leaked-socket', leakRule, {
  valid: [],
  invalid: [
    // A server class under another name.
    {
      code: `
import * as net from 'node:net';
const Listener = net.Server;
export const server = new Listener((socket) => {
  socket.write('hello');
});
`,
      errors: [endLeak(4, 37, 'The socket `socket` received by the new net.Server handler on line 4', 'the function', SOCKET)],
    },
    // A server factory held by an object and destructured out of it.
    {
      code: `
import * as net from 'node:net';
const helpers = { listen: net.createServer };
const { listen } = helpers;
export const server = listen((socket) => {
  socket.write('hello');
});
`,
      errors: [endLeak(5, 31, 'The socket `socket` received by the net.createServer handler on line 5', 'the function', SOCKET)],
    },
    // A server factory under another name.
    {
      code: `
import * as net from 'node:net';
const listen = net.createServer;
export const server = listen((socket) => {
  socket.write('hello');
});
`,
      errors: [endLeak(4, 31, 'The socket `socket` received by the net.createServer handler on line 4', 'the function', SOCKET)],
    },
    // A holder declared with the factory's type: its signatures are the factory's own declarations.
    {
      code: `
import * as net from 'node:net';
declare const listen: typeof net.createServer;
export const server = listen((socket) => {
  socket.write('hello');
});
`,
      errors: [endLeak(4, 31, 'The socket `socket` received by the net.createServer handler on line 4', 'the function', SOCKET)],
    },
    // A 'connection' listener registered by name: a function declared elsewhere in the file.
    {
      code: `
import * as net from 'node:net';
function greet(socket: net.Socket): void {
  socket.write('hello');
}
export const server = net.createServer();
server.on('connection', greet);
`,
      errors: [endLeak(3, 16, "The socket `socket` received by the 'connection' handler on line 3", 'the function', SOCKET)],
    },
  ],
});

const droppedAtEnd = (line: number, column: number, resource: string) => ({
  messageId: 'bodyDroppedAtEnd' as const,
  line,
  column,
  data: { resource, release: HTTP, where: 'the function' },
  suggestions: [],
});

runRuleTests('consume-response-body', bodyRule, {
  valid: [],
  invalid: [
    // `const get = http.get`: the response callback of the alias.
    {
      code: `
import * as http from 'node:http';
const get = http.get;
export function ping(url: string): void {
  get(url, (res) => {
    console.log(res.statusCode);
  });
}
`,
      errors: [droppedAtEnd(5, 13, 'The response `res` received by the http.get handler on line 5')],
    },
    // An alias given another value by an assignment.
    {
      code: `
import * as http from 'node:http';
import * as https from 'node:https';
export function ping(url: string, secure: boolean): void {
  let get = http.get;
  if (secure) get = https.get;
  get(url, (res) => {
    console.log(res.statusCode);
  });
}
`,
      errors: [droppedAtEnd(7, 13, 'The response `res` received by the http.get handler on line 7')],
    },
  ],
});
