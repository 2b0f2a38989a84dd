/**
 * no-leaked-socket on factories held in a private field that has no declared type (JavaScript's
 * `#connect;`, written in the constructor): the pre-filter reads the field by what its class writes
 * to it (prefilter/may-create.ts privateFieldMayCreate), so the creation is still found.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const code = `
const net = require('net');
class Client {
  #connect;
  constructor(port) {
    this.#connect = () => net.connect(port);
  }
  ping(skip) {
    const socket = this.#connect();
    if (skip) return;
    socket.end('ping');
  }
}
module.exports = { Client };
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [],
  invalid: [
    {
      filename: 'script.js',
      code,
      errors: [skipReturnLeak(code, 10, 15, 'The net.Socket `socket` created on line 9')],
    },
  ],
});
