import type { TSESLint } from '@typescript-eslint/utils';
import closeInParentAfterFork from './close-in-parent-after-fork.js';
import consumeResponseBody from './consume-response-body.js';
import noLeakedSocket from './no-leaked-socket.js';

/** Every closewait rule by id. */
export const rules = {
  'no-leaked-socket': noLeakedSocket,
  'consume-response-body': consumeResponseBody,
  'close-in-parent-after-fork': closeInParentAfterFork,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;

export type RuleId = keyof typeof rules;
