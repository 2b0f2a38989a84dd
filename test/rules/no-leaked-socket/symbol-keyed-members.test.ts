/**
 * no-leaked-socket on factories reached through a symbol-keyed member, the idiom of Node's own
 * libraries and of undici (`this[kConnect]()`, with `const kConnect = Symbol('connect')`): the
 * pre-filter follows the key to the members declared under the same symbol (prefilter/
 * may-create.ts elementMayCreate); a key it cannot read keeps every such member.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

/** A finding at \`if (skip) return;\` on \`line\`, with its suggestion. */
const leakAtReturn = (code: string, line: number, created: number) => ({
  code,
  errors: [skipReturnLeak(code, line, 15, `The net.Socket \`socket\` created on line ${created}`)],
});

/** A TypeScript client whose factory method is keyed by \`kConnect\`, made by \`key\`. */
const keyedClient = (key: string) => `
import * as net from 'node:net';
const kConnect = ${key};
export class Client {
  [kConnect](port: number) {
    return net.connect(port);
  }
  ping(port: number, skip: boolean): void {
    const socket = this[kConnect](port);
    if (skip) return;
    socket.end('ping');
  }
}
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // The caller ends what the symbol-keyed factory made.
    `
import * as net from 'node:net';
const kConnect = Symbol('connect');
export class Client {
  [kConnect](port: number) {
    return net.connect(port);
  }
  ping(port: number): void {
    const socket = this[kConnect](port);
    socket.end('ping');
  }
}
`,
  ],
  invalid: [
    // A method declared under the symbol.
    leakAtReturn(keyedClient("Symbol('connect')"), 10, 9),
    // JavaScript: the factory assigned under the symbol in the constructor.
    {
      filename: 'script.js',
      ...leakAtReturn(
        `
const net = require('net');
const kConnect = Symbol('connect');
class Client {
  constructor() {
    this[kConnect] = (port) => net.connect(port);
  }
  ping(port, skip) {
    const socket = this[kConnect](port);
    if (skip) return;
    socket.end('ping');
  }
}
module.exports = { Client };
`,
        10,
        9,
      ),
    },
    // A key shared through the global registry (\`Symbol.for\`) may be any member's: still followed.
    leakAtReturn(keyedClient("Symbol.for('connect')"), 10, 9),
  ],
});
