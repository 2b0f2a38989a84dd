import { createEngineListener, createRule } from '../src/eslint/create-rule.js';
import { borrowingFunctionsSchema, checkThrowingCallsSchema } from '../src/eslint/schemas.js';
import type { EngineOptions } from '../src/engine/index.js';

export type Options = [Pick<EngineOptions, 'borrowingFunctions' | 'checkThrowingCalls'>];
export type MessageId =
  | 'bodyDroppedAtExit'
  | 'bodyDroppedAtEnd'
  | 'bodyDroppedAtThrowingCall'
  | 'bodyDroppedOverwritten'
  | 'bodyDiscarded'
  | 'responseIgnored'
  | 'insertBodyRelease'
  | 'takeResponse';

export default createRule<Options, MessageId>({
  name: 'consume-response-body',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every HTTP response body to be read, cancelled or handed off on every path',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      bodyDroppedAtExit:
        '{{resource}} is dropped unread: this {{exit}} leaves its body unconsumed, so its connection never goes back to the pool. Release it first by {{release}}.',
      bodyDroppedAtEnd:
        '{{resource}} can be dropped unread: {{where}} can end before {{release}}, so its connection never goes back to the pool.',
      bodyDroppedAtThrowingCall:
        '{{resource}} can be dropped unread: `{{callee}}()` can throw here before {{release}}, so its connection never goes back to the pool; release it in a `finally` block.',
      bodyDroppedOverwritten:
        '{{resource}} is dropped unread: the next response replaces it before {{release}}.',
      bodyDiscarded: '{{resource}} is never read: nothing keeps its body, so its connection never goes back to the pool.',
      responseIgnored:
        'The response for {{registration}} is never read: the callback takes no parameter, so the body is never consumed and its connection never goes back to the pool.',
      insertBodyRelease: 'Call `{{call}}` before this {{exit}}.',
      takeResponse: 'Take the response as `{{name}}` and call `{{name}}.resume()` first.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: { borrowingFunctions: borrowingFunctionsSchema, checkThrowingCalls: checkThrowingCallsSchema },
      },
    ],
    defaultOptions: [{ borrowingFunctions: [], checkThrowingCalls: false }],
  },
  defaultOptions: [{ borrowingFunctions: [], checkThrowingCalls: false }],
  create(context, [options]) {
    return createEngineListener(context, 'consume-response-body', options);
  },
});
