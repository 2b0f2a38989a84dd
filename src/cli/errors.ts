/** Exit statuses and the one error type the CLI turns into a one-line message. */

export const ExitCode = {
  /** No findings (or no more than `--max-findings`). */
  clean: 0,
  /** Findings were reported. */
  findings: 1,
  /** Usage, configuration, project or internal error. */
  error: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure (bad flag, broken tsconfig, invalid config): printed as one line, exit status 2, no stack trace. */
export class ClosewaitError extends Error {
  override readonly name = 'ClosewaitError';
}

/**
 * commander's message for a usage error as one line: `closewait: unknown option '--formt' (Did you
 * mean --format?) (see closewait --help)`. commander puts its suggestion on a line of its own, and
 * a script reading the first line of stderr would lose it.
 */
export function formatUsageError(text: string, help: string): string {
  const message = text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ');
  return `closewait: ${message} (see ${help})\n`;
}
