/**
 * no-leaked-socket and calls in an optional chain (`f?.(port)`, `client?.open(port)`,
 * `api.open?.(path)`): the checker types the callee with `undefined`, and resolves the call with
 * it removed; the engine reads the callee's signatures the same way. Before, a creation through an
 * optional call was missed (found by a new-user trial), while the plain call was caught.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { skipReturnLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const helpers = `import * as net from 'node:net';
export interface Opener {
  open(path: string): string;
  open(port: number): net.Socket;
}
export interface Api {
  open?: (path: string) => net.Socket;
}
declare function single(port: number): net.Socket;
`;
const first = helpers.split('\n').length;

const skipping = (body: string) => `${helpers}export function send(skip: boolean, f: ((port: number) => net.Socket) | undefined, maybe: Opener | undefined, api: Api, g: typeof single | null): void {
${body}
  if (skip) return;
  socket?.end();
}
`;

const leak = (body: string) => {
  const code = skipping(body);
  return { code, errors: [skipReturnLeak(code, first + 1 + body.split('\n').length, 13, `The net.Socket \`socket\` created on line ${first + 1}`, 'socket?.destroy()')] };
};

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // Closed on every path.
    `${helpers}export function send(f: ((port: number) => net.Socket) | undefined, maybe: Opener | undefined): void {
  f?.(80)?.end();
  const socket = maybe?.open(80);
  socket?.destroy();
}
`,
    // The string overload, through an optional call.
    `${helpers}export function label(maybe: Opener | undefined): number {
  return maybe?.open('/tmp/s').length ?? 0;
}
`,
  ],
  invalid: [
    leak('  const socket = f?.(80);'),
    leak('  const socket = maybe?.open(80);'),
    leak("  const socket = api.open?.('/tmp/s');"),
    leak('  const socket = g?.(80);'),
  ],
});
