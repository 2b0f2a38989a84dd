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

/**
 * A run as the stylish, JSON, Markdown and HTML reports read it: the findings it did not report
 * (known in the baseline, silenced in source) only counted. A merged JSON report keeps no more than
 * that, so `closewait merge` makes these reports from it as one run would have.
 */
export interface CountedRun extends Omit<RunResult, 'root' | 'suppressed' | 'suppressedInSource'> {
  /** Findings the baseline knew about. */
  readonly suppressedCount: number;
  /** Findings silenced by `eslint-disable…` directives. */
  readonly suppressedInSourceCount: number;
}

/** A report made from a CountedRun. */
export type CountedReporter = (run: CountedRun, context: ReporterContext) => string;

/** `result` with its unreported findings counted. */
export function toCountedRun(result: RunResult): CountedRun {
  const { root, suppressed, suppressedInSource, ...rest } = result;
  void root;
  return { ...rest, suppressedCount: suppressed.length, suppressedInSourceCount: suppressedInSource.length };
}

/** The Reporter that gives a RunResult's counts to `reporter`. */
export function fromCounted(reporter: CountedReporter): Reporter {
  return (result, context) => reporter(toCountedRun(result), context);
}
