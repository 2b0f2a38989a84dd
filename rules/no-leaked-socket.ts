import { createEngineListener, createRule } from '../src/eslint/create-rule.js';
import { borrowingFunctionsSchema, checkThrowingCallsSchema, presetsSchema, resourcesSchema } from '../src/eslint/schemas.js';
import type { EngineOptions } from '../src/engine/index.js';

export type Options = [EngineOptions];
export type MessageId =
  | 'leakAtExit'
  | 'leakAtThrowingCall'
  | 'leakAtEnd'
  | 'leakDiscarded'
  | 'leakOverwritten'
  | 'fieldNeverReleased'
  | 'releaseSkipsField'
  | 'insertRelease';

export default createRule<Options, MessageId>({
  name: 'no-leaked-socket',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every socket, connection and client to be released or handed off on every path',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      leakAtExit: '{{resource}} leaks: this {{exit}} leaves it open without {{release}}.',
      leakAtEnd: '{{resource}} leaks: {{where}} can end without {{release}} on some path.',
      leakAtThrowingCall: '{{resource}} leaks: `{{callee}}()` can throw here, and nothing calls {{release}} on it then; release it in a `finally` block.',
      leakDiscarded: '{{resource}} is discarded as soon as it is created: nothing can ever call {{release}} on it.',
      leakOverwritten: '{{resource}} leaks: the next one replaces it before {{release}} is called.',
      fieldNeverReleased:
        '`{{className}}` stores a {{typeName}} in `{{field}}`, but no method of `{{className}}` ever releases it ({{release}}).',
      releaseSkipsField:
        '`{{className}}.{{method}}()` releases the other resources of the class, but {{where}} leaves `{{field}}` open without {{release}}.',
      insertRelease: 'Call `{{call}}` before this {{exit}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          resources: resourcesSchema,
          presets: presetsSchema,
          borrowingFunctions: borrowingFunctionsSchema,
          checkThrowingCalls: checkThrowingCallsSchema,
        },
      },
    ],
    defaultOptions: [{ resources: [], presets: [], borrowingFunctions: [], checkThrowingCalls: false }],
  },
  defaultOptions: [{ resources: [], presets: [], borrowingFunctions: [], checkThrowingCalls: false }],
  create(context, [options]) {
    return createEngineListener(context, 'no-leaked-socket', options);
  },
});
