/**
 * The pre-filter keeps its answers about declarations of packages' `.d.ts` files across Programs
 * (an editor's Programs share those SourceFiles). An answer depends on the options: the valid case
 * runs first, without the custom resource, and answers "no" for `fs.createReadStream`'s
 * declaration; the invalid case, with `fs.ReadStream` as a resource, must not read that answer.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { endLeak } from '../../rules/no-leaked-socket/errors.js';
import { runRuleTests } from '../../rules/rule-tester.js';

const code = `
import * as fs from 'node:fs';
export function open(path: string): void {
  const stream = fs.createReadStream(path);
  stream.pause();
}
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [code],
  invalid: [
    {
      options: [{ resources: [{ type: { from: 'package', package: 'fs', name: 'ReadStream' }, release: ['close', 'destroy'] }] }],
      code,
      errors: [endLeak(4, 18, 'The fs.ReadStream `stream` created on line 4', 'the function', 'close() or destroy()')],
    },
  ],
});
