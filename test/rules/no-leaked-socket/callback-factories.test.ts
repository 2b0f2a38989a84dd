/**
 * no-leaked-socket and factories in Node's callback style: `connect(port, callback)` returns the
 * socket and also hands it to `callback` (`callback(null, socket)`, or `cb(null, this)` in a
 * listener it registers on the socket, as undici's connector does). The callback owns the socket,
 * and a caller that drops the value returned leaks nothing (summaries.ts handsCreationToCallback).
 * Before, every such call whose value was dropped was "discarded as soon as it is created".
 */
import rule from '../../../rules/no-leaked-socket.js';
import { discardedLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const helpers = `import * as net from 'node:net';
type Callback = (err: Error | null, socket?: net.Socket) => void;
export function connect(port: number, callback: Callback): net.Socket {
  const socket = net.connect(port);
  socket.once('connect', function (this: net.Socket) {
    const cb = callback;
    cb(null, this);
  });
  socket.on('error', (err) => callback(err));
  return socket;
}
export function connectArrow(port: number, callback: Callback): net.Socket {
  const socket = net.connect(port);
  socket.once('connect', () => callback(null, socket));
  return socket;
}
export function connectErrorsOnly(port: number, callback: Callback): net.Socket {
  const socket = net.connect(port);
  socket.on('error', (err) => callback(err));
  return socket;
}
`;
const first = helpers.split('\n').length;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    `${helpers}export function use(): void {
  connect(80, (err, socket) => socket?.end());
  connectArrow(80, (err, socket) => socket?.end());
}
`,
  ],
  invalid: [
    // The callback hears of errors only: the value returned is the only reference.
    {
      code: `${helpers}export function use(): void {
  connectErrorsOnly(80, (err) => console.error(err));
}
`,
      errors: [discardedLeak(first + 1, 3, 'net.Socket')],
    },
  ],
});
