import { createEngineListener, createRule } from '../src/eslint/create-rule.js';
import { borrowingFunctionsSchema, resourcesSchema, typeSpecifierSchema } from '../src/eslint/schemas.js';
import type { EngineOptions } from '../src/engine/index.js';

export type Options = [Pick<EngineOptions, 'listenerTypes' | 'resources' | 'borrowingFunctions'>];
export type MessageId = 'stopsAccepting' | 'stopsAcceptingConnectionOpen' | 'replaceWithContinue' | 'closeAndContinue';

export default createRule<Options, MessageId>({
  name: 'no-return-in-accept-loop',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow leaving an accept loop with `return`, `break` or `throw` while its listener stays open',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      stopsAccepting:
        'This {{exit}} ends the accept loop on line {{line}} while `{{listener}}` stays open: the kernel keeps queueing connections that nobody accepts, and they end in CLOSE_WAIT. Go on to the next connection instead, or close the listener first.',
      stopsAcceptingConnectionOpen:
        'This {{exit}} ends the accept loop on line {{line}} while `{{listener}}` stays open, and leaves the connection `{{connection}}` open too: the kernel keeps queueing connections that nobody accepts, and they end in CLOSE_WAIT. Close `{{connection}}` and go on to the next connection instead, or close the listener first.',
      replaceWithContinue: 'Replace this {{exit}} with `{{replacement}}`.',
      closeAndContinue: 'Call `{{call}}` and `{{replacement}}` instead of this {{exit}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          listenerTypes: {
            type: 'array',
            description:
              'Extra listener types: a `for await` over a value of one of these types (or a subtype), or a loop calling its `accept()`, is an accept loop.',
            items: typeSpecifierSchema,
          },
          resources: resourcesSchema,
          borrowingFunctions: borrowingFunctionsSchema,
        },
      },
    ],
    defaultOptions: [{ listenerTypes: [], resources: [], borrowingFunctions: [] }],
  },
  defaultOptions: [{ listenerTypes: [], resources: [], borrowingFunctions: [] }],
  create(context, [options]) {
    return createEngineListener(context, 'no-return-in-accept-loop', options);
  },
});
