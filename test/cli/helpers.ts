/** Shared by the CLI tests: fixture paths, and `main()` run in-process against fake streams. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Absolute path of test/fixtures/cli/<name>/<rest…> (the fixtures directory itself without arguments). */
export function fixture(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', 'cli', ...parts);
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface FakeIoOptions {
  readonly cwd: string;
  readonly env?: Record<string, string | undefined>;
  readonly stdoutIsTTY?: boolean;
  readonly stderrIsTTY?: boolean;
  /** A fixed clock for reports that show the time. */
  readonly now?: () => Date;
}

/** Run `closewait argv…` in-process; `CI` is cleared unless given, so the tests behave the same in CI. */
export function runCli(argv: readonly string[], options: FakeIoOptions): CliRun {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: options.cwd,
    env: options.env ?? {},
    ...(options.now ? { now: options.now } : {}),
    stdout: { isTTY: options.stdoutIsTTY ?? false, write: (text: string) => (stdout += text) },
    stderr: { isTTY: options.stderrIsTTY ?? false, columns: 200, write: (text: string) => (stderr += text) },
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}
