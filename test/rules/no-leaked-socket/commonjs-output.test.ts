/**
 * no-leaked-socket on TypeScript's CommonJS output, which is what a package ships in `dist/`: an
 * imported function is called as `(0, net_1.createServer)(…)` (a comma expression, so that the
 * call has no `this`). It is the same call as `net.createServer(…)`: the pre-filters and the
 * callee lookup read through the comma (prefilter/values.ts, context.ts getCalleeSymbolDeclarations).
 */
import rule from '../../../rules/no-leaked-socket.js';
import { endLeak, skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const header = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const net_1 = require("net");
`;

const connected = `${header}function open(port, skip) {
    const socket = (0, net_1.connect)(port);
    if (skip) return;
    socket.end();
}
exports.open = open;
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    {
      filename: 'script.js',
      code: `${header}exports.server = (0, net_1.createServer)((socket) => {
    socket.end('hello');
});
`,
    },
  ],
  invalid: [
    // The handler of a server made by an imported createServer never ends its socket.
    {
      filename: 'script.js',
      code: `${header}exports.server = (0, net_1.createServer)((socket) => {
    socket.write('hello');
});
`,
      errors: [endLeak(4, 43, 'The socket `socket` received by the net.createServer handler on line 4', 'the function')],
    },
    // A socket made by an imported connect.
    {
      filename: 'script.js',
      code: connected,
      errors: [skipReturnLeak(connected, 6, 15, 'The net.Socket `socket` created on line 5')],
    },
  ],
});
