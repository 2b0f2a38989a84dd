/**
 * no-leaked-socket on hand-built promise factories whose promised type comes from somewhere other
 * than a declared return type: TypeScript never infers it from the calls of `resolve`, so each
 * place it can come from (type arguments, a cast, the place a function is written, an annotated
 * `resolve`, JSDoc) must keep the factory a factory. The pre-filter reads the same places
 * (prefilter/may-create.ts promiseMayBeTyped); a place it forgot would lose these findings.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

/** A caller that returns early without releasing what `open` resolved with. */
const caller = (open: string): string => `
export async function ping(port: number, skip: boolean): Promise<void> {
  const socket = await ${open}(port);
  if (skip) return;
  socket.end('ping');
}
`;

/** The executor body shared by every factory: connect, resolve once connected. */
const executor = `(resolve, reject) => {
    const socket = net.connect(port);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  }`;

/** The factory, a caller that returns early, and the finding at that \`return\` (\`line\`: the line of \`if (skip) return;\`). */
const leak = (factory: string, line: number, open = 'open') => {
  const code = `
import * as net from 'node:net';
${factory}${caller(open)}`;
  return { code, errors: [skipReturnLeak(code, line, 13, `The net.Socket \`socket\` created on line ${line - 1}`)] };
};

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // No promised type anywhere: TypeScript reads the promise as `Promise<unknown>`, so the caller
    // is handed nothing it knows to be a socket (the engine said so before the pre-filter too).
    `
import * as net from 'node:net';
class Dialer {
  open(port: number) {
    return new Promise(${executor});
  }
}
export async function ping(dialer: Dialer, port: number, skip: boolean): Promise<void> {
  const socket = await dialer.open(port);
  if (skip) return;
}
`,
  ],
  invalid: [
    // A type argument.
    leak(
      `function open(port: number) {
  return new Promise<net.Socket>(${executor});
}
`,
      13,
    ),
    // A cast at the return.
    leak(
      `function open(port: number) {
  return new Promise(${executor}) as Promise<net.Socket>;
}
`,
      13,
    ),
    // \`satisfies\` gives the promise its contextual type too.
    leak(
      `function open(port: number) {
  return new Promise(${executor}) satisfies Promise<net.Socket>;
}
`,
      13,
    ),
    // An arrow function written where its type is declared: the variable's annotation.
    leak(
      `const open: (port: number) => Promise<net.Socket> = (port) =>
  new Promise(${executor});
`,
      12,
    ),
    // A method of an object literal typed by its variable, called by its property name.
    leak(
      `const dialer: { open(port: number): Promise<net.Socket> } = {
  open(port) {
    return new Promise(${executor});
  },
};
`,
      15,
      'dialer.open',
    ),
    // An annotated \`resolve\` parameter: the type argument is inferred from it.
    leak(
      `function open(port: number) {
  return new Promise((resolve: (socket: net.Socket) => void, reject) => {
    const socket = net.connect(port);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}
`,
      13,
    ),
  ],
});
