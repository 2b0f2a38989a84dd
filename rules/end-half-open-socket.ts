import { createEngineListener, createRule } from '../src/eslint/create-rule.js';
import { borrowingFunctionsSchema } from '../src/eslint/schemas.js';
import type { EngineOptions } from '../src/engine/index.js';

export type Options = [Pick<EngineOptions, 'borrowingFunctions' | 'requireFinWaitTimeout'>];
export type MessageId =
  | 'unanswered'
  | 'unansweredAfterRead'
  | 'unansweredAtExit'
  | 'endListenerExit'
  | 'endListenerEnd'
  | 'endListenerDropsOwner'
  | 'endNeverEmitted'
  | 'finWait'
  | 'addEndListener'
  | 'insertRelease'
  | 'appendEnd'
  | 'addTimeout';

export default createRule<Options, MessageId>({
  name: 'end-half-open-socket',
  meta: {
    type: 'problem',
    docs: {
      description: "Require every `allowHalfOpen` socket to answer the peer's end with `end()` or `destroy()`",
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      unanswered:
        "{{resource}} is half-open, and on some path nothing answers the peer's end with end() or destroy(): once the peer closes its side, the socket stays in CLOSE_WAIT.",
      unansweredAfterRead:
        "{{resource}} is half-open and read to its end, and on some path nothing answers the peer's end with end() or destroy(): reading to the end is no answer (Node 24.19 to 24.22 keep the socket open there), so once the peer closes its side, the socket stays in CLOSE_WAIT.",
      unansweredAtExit:
        "{{resource}} is half-open, and after this {{exit}} nothing answers the peer's end with end() or destroy(): once the peer closes its side, the socket stays in CLOSE_WAIT.",
      endListenerExit:
        "{{resource}} is half-open, and this {{exit}} leaves its 'end' listener without end() or destroy(): the socket stays in CLOSE_WAIT.",
      endListenerEnd:
        "{{resource}} is half-open, and its 'end' listener can finish without calling end() or destroy(): the socket then stays in CLOSE_WAIT.",
      endListenerDropsOwner:
        "{{resource}} is half-open, and its 'end' listener takes it out of `{{collection}}` without end() or destroy(): nothing owns it any more, and it stays in CLOSE_WAIT.",
      endNeverEmitted:
        "{{resource}} is half-open and nothing reads it: 'end' is only emitted once the data before the peer's FIN has been read, so this listener never runs when the peer sends anything, and the socket stays in CLOSE_WAIT.",
      finWait:
        '{{resource}} is half-closed here, and nothing destroys it if the peer never closes its side: it can sit in FIN_WAIT_2 for as long as the process runs (tcp_fin_timeout only applies once the program has closed the socket).',
      addEndListener: "Answer the peer's end: add `{{code}}`.",
      insertRelease: 'Call `{{call}}` before this {{exit}}.',
      appendEnd: "Call `{{code}}` at the end of the 'end' listener.",
      addTimeout: 'Destroy the socket if the peer stays silent: add `{{code}}` before this statement.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          borrowingFunctions: borrowingFunctionsSchema,
          requireFinWaitTimeout: {
            type: 'boolean',
            description:
              "Also report `end()` called before the peer's end with no timeout or `destroy()` fallback: the socket can sit in FIN_WAIT_2 forever.",
          },
        },
      },
    ],
    defaultOptions: [{ borrowingFunctions: [], requireFinWaitTimeout: false }],
  },
  defaultOptions: [{ borrowingFunctions: [], requireFinWaitTimeout: false }],
  create(context, [options]) {
    return createEngineListener(context, 'end-half-open-socket', options);
  },
});
