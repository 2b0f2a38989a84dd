/** The reporter contract: a pure function from a run's plain data to the text of a report. */
import type { RunResult } from '../cli/result.js';

export interface ReporterContext {
  /** ANSI colours (only the stylish reporter uses them). */
  readonly color: boolean;
  /** closewait's version, for the reports that name their tool. */
  readonly version: string;
  /** `--max-findings`: up to this many findings the run passes (exit status 0), and the summary says so. */
  readonly maxFindings?: number;
}

export type Reporter = (result: RunResult, context: ReporterContext) => string;
