/**
 * "loading the project…" while the program is built, then "files done / total" on stderr, redrawn
 * in place. Only on a terminal, never in CI or with `--quiet`, so piped and machine-read output
 * stays clean. Everything is erased before the report is printed.
 */
import type { CliIo } from './io.js';
import type { Progress } from './run.js';

/** Redraw at most this often, and not before the run has taken this long. */
const INTERVAL_MS = 100;

export interface ProgressDisplay {
  /** Say that the project is loading (parsing and binding a large program takes seconds, with no files done yet). */
  readonly loading: () => void;
  /** Files done / total; redrawn at most every 100 ms, and not in the first 100 ms of a short run. */
  readonly update: (progress: Progress) => void;
  /** Erase the progress line (before the report or errors are printed). */
  readonly finish: () => void;
}

/** Whether progress is shown: stderr is a terminal, not `--quiet`, not in CI. */
export function isProgressEnabled(io: CliIo, quiet: boolean): boolean {
  return !quiet && io.stderr.isTTY === true && !isCi(io.env);
}

/** CI services set `CI` (to `true`, `1` or a name). */
export function isCi(env: CliIo['env']): boolean {
  const value = env['CI'];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** A progress line on `io.stderr`, or a display that does nothing when disabled. */
export function createProgressDisplay(io: CliIo, enabled: boolean, now: () => number = Date.now): ProgressDisplay {
  if (!enabled) return { loading: () => {}, update: () => {}, finish: () => {} };
  let lastDraw = now();
  let drawn = false;
  const draw = (text: string): void => {
    drawn = true;
    const width = (io.stderr.columns || 80) - 1; // a pty may report 0 columns
    io.stderr.write(`\r\u001b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
  };
  return {
    // At once: the program is built synchronously, so there is no later moment to draw it.
    loading: () => draw('closewait: loading the project…'),
    update({ done, total, file }) {
      const time = now();
      if (time - lastDraw < INTERVAL_MS) return;
      lastDraw = time;
      draw(`closewait: ${done}/${total} files  ${file}`);
    },
    finish() {
      if (drawn) io.stderr.write('\r\u001b[K');
      drawn = false;
    },
  };
}
