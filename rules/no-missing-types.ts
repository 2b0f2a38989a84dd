import { createEngineListener, createRule } from '../src/eslint/create-rule.js';
import { presetsSchema, resourcesSchema } from '../src/eslint/schemas.js';
import type { EngineOptions } from '../src/engine/index.js';

export type Options = [Pick<EngineOptions, 'resources' | 'presets'>];
export type MessageId = 'missingModuleTypes' | 'missingGlobalTypes';

export default createRule<Options, MessageId>({
  name: 'no-missing-types',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require type information for the modules and globals whose sockets closewait checks',
      recommended: true,
      requiresTypeChecking: true,
    },
    messages: {
      missingModuleTypes:
        'closewait cannot see the types of `{{name}}`, so the sockets and responses it creates are not checked in this file: {{fix}}.',
      missingGlobalTypes:
        'closewait cannot see the types of `{{name}}`, so the sockets and responses it creates are not checked in this file: {{fix}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          resources: resourcesSchema,
          presets: presetsSchema,
        },
      },
    ],
    defaultOptions: [{ resources: [], presets: [] }],
  },
  defaultOptions: [{ resources: [], presets: [] }],
  create(context, [options]) {
    return createEngineListener(context, 'no-missing-types', options);
  },
});
