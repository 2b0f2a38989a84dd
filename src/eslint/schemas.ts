/** JSON schemas for the option shapes shared by several rules (see src/engine/options.ts). */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

const nameSchema: JSONSchema4 = {
  description: 'The declared name, or several names.',
  oneOf: [
    { type: 'string' },
    { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
  ],
};

export const typeSpecifierSchema: JSONSchema4 = {
  description: "Where a type or function is declared, in typescript-eslint's TypeOrValueSpecifier shape.",
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'package', 'name'],
      properties: {
        from: { type: 'string', enum: ['package'], description: 'Declared by an npm package or a Node.js built-in module.' },
        package: { type: 'string', description: "The package or module name, e.g. 'pg' or 'node:net'." },
        name: nameSchema,
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'name'],
      properties: {
        from: { type: 'string', enum: ['file'], description: 'Declared in a file of this project.' },
        name: nameSchema,
        path: { type: 'string', description: 'The file, relative to the project root; any project file when absent.' },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'name'],
      properties: {
        from: { type: 'string', enum: ['lib'], description: "Declared by TypeScript's lib files (e.g. the DOM)." },
        name: nameSchema,
      },
    },
  ],
};

export const resourcesSchema: JSONSchema4 = {
  type: 'array',
  description: 'Extra resource types: values of these types (or subclasses) must be released.',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'release'],
    properties: {
      type: typeSpecifierSchema,
      release: {
        type: 'array',
        description: 'Method names that release the resource.',
        items: { type: 'string' },
        minItems: 1,
        uniqueItems: true,
      },
    },
  },
};

export const presetsSchema: JSONSchema4 = {
  type: 'array',
  description:
    "Accepted so older configs still validate; changes nothing. 'clients' (pg, mysql2, ioredis, redis, mongodb, amqplib and mqtt) is built in and always on.",
  items: { type: 'string', enum: ['clients'] },
  uniqueItems: true,
};

export const borrowingFunctionsSchema: JSONSchema4 = {
  type: 'array',
  description: 'Functions that only borrow the resources passed to them (by default a function closewait cannot see into takes ownership).',
  items: typeSpecifierSchema,
};

export const checkThrowingCallsSchema: JSONSchema4 = {
  type: 'boolean',
  description:
    'Also report the paths on which a call of a function of this program that may throw explicitly (its body has a `throw` that escapes it) leaves the resource open, inside or outside a `try`.',
};
