/** The reporter contract: a pure function from a run's plain data to the text of a report. */
import type { RunResult } from '../cli/result.js';

export interface ReporterContext {
  /** ANSI colours (only the stylish reporter uses them). */
  readonly color: boolean;
  /** closewait's version, for the reports that name their tool. */
  readonly version: string;
  /** `--max-findings`: up to this many findings the run passes (exit status 0), and the summary says so. */
  readonly maxFindings?: number;
  /** The project's name (its package name, or its folder's), for reports that show a title. */
  readonly projectName?: string;
  /** When the report was made (the HTML report shows it); given by the caller so reports are reproducible. */
  readonly generatedAt?: Date;
}

export type Reporter = (result: RunResult, context: ReporterContext) => string;
