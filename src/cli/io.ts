/** The streams and environment the CLI talks to: process's by default, fakes in tests. */

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** Terminal width, when the stream is a terminal. */
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The current time (default: the clock); tests pass a fixed one so reports that show it are stable. */
  readonly now?: () => Date;
}

/** The real process's stdout, stderr, working directory and environment. */
export function getProcessIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
