import type { TSESLint } from '@typescript-eslint/utils';
import closeInParentAfterFork from './close-in-parent-after-fork.js';
import consumeResponseBody from './consume-response-body.js';
import endHalfOpenSocket from './end-half-open-socket.js';
import noLeakedSocket from './no-leaked-socket.js';
import noMissingTypes from './no-missing-types.js';
import noReturnInAcceptLoop from './no-return-in-accept-loop.js';

/** Every closewait rule by id. */
export const rules = {
  'no-leaked-socket': noLeakedSocket,
  'consume-response-body': consumeResponseBody,
  'close-in-parent-after-fork': closeInParentAfterFork,
  'no-return-in-accept-loop': noReturnInAcceptLoop,
  'end-half-open-socket': endHalfOpenSocket,
  'no-missing-types': noMissingTypes,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;

export type RuleId = keyof typeof rules;
