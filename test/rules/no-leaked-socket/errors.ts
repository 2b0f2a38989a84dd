/** Expected no-leaked-socket reports, for the rule's test files (test/rules/no-leaked-socket*.ts). */

/** A leak at a `return`/`throw`/`break`/`continue`; the caller adds its `suggestions`. */
export const exitLeak = (line: number, column: number, resource: string, exit: string, release = 'end() or destroy()') => ({
  messageId: 'leakAtExit' as const,
  line,
  column,
  data: { resource, exit, release },
});

/** A leak where the function (or the block) can end; reported on the creation, with no suggestion. */
export const endLeak = (line: number, column: number, resource: string, where = 'the function', release = 'end() or destroy()') => ({
  messageId: 'leakAtEnd' as const,
  line,
  column,
  data: { resource, where, release },
  suggestions: [],
});

/** A resource dropped as soon as it is created, reported on the creation (`The X created on line N`); no suggestion. */
export const discardedLeak = (line: number, column: number, typeName: string, release = 'end() or destroy()') => ({
  messageId: 'leakDiscarded' as const,
  line,
  column,
  data: { resource: `The ${typeName} created on line ${line}`, release },
});

/** A leak where a call may throw (`callee` as written, without its parentheses); no suggestion. */
export const throwingCallLeak = (line: number, column: number, resource: string, callee: string, release = 'end() or destroy()') => ({
  messageId: 'leakAtThrowingCall' as const,
  line,
  column,
  data: { resource, callee, release },
  suggestions: [],
});

/**
 * A socket leaking at `if (skip) return;` in `code`, with the suggestion that destroys it there:
 * the shape of the tests that check a creation is still found through some construct. `call` is
 * `socket?.destroy()` where `socket` may be undefined or null there.
 */
export const skipReturnLeak = (code: string, line: number, column: number, resource: string, call = 'socket.destroy()') => ({
  ...exitLeak(line, column, resource, 'return'),
  suggestions: [
    {
      messageId: 'insertRelease' as const,
      data: { call, exit: 'return' },
      output: code.replace('if (skip) return;', `if (skip) { ${call}; return; }`),
    },
  ],
});
