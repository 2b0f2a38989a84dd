import { createEngineListener, createRule } from '../src/eslint/create-rule.js';
import { borrowingFunctionsSchema } from '../src/eslint/schemas.js';
import type { EngineOptions } from '../src/engine/index.js';

export type Options = [Pick<EngineOptions, 'borrowingFunctions'>];
export type MessageId = 'parentCopyAtExit' | 'parentCopyAtEnd' | 'releaseAfterHandoff';

export default createRule<Options, MessageId>({
  name: 'close-in-parent-after-fork',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the parent to release its copy of a socket handed to a child process',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      parentCopyAtExit:
        '{{resource}} was handed to a child process by {{via}} on line {{line}}, but this {{exit}} leaves the parent\'s copy open: the connection cannot close when the child is done; release the parent\'s copy with {{release}}.',
      parentCopyAtEnd:
        '{{resource}} was handed to a child process by {{via}} on line {{line}}, but {{where}} can end with the parent\'s copy open: the connection cannot close when the child is done; release the parent\'s copy with {{release}}.',
      releaseAfterHandoff: "Release the parent's copy with `{{call}}` {{where}}.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: { borrowingFunctions: borrowingFunctionsSchema },
      },
    ],
    defaultOptions: [{ borrowingFunctions: [] }],
  },
  defaultOptions: [{ borrowingFunctions: [] }],
  create(context, [options]) {
    return createEngineListener(context, 'close-in-parent-after-fork', options);
  },
});
