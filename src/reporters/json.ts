/**
 * The JSON report: the run's data under a versioned envelope. The shape is documented in
 * docs/cli.md and described by `jsonReportSchema`; `version` changes only when a field is removed
 * or changes meaning (new fields may appear in any release).
 */
import type { FileError, MissingTypesRecord, ReportedFinding, ReportedRule, ShardInfo } from '../cli/result.js';
import { fromCounted, type CountedReporter, type CountedRun } from './types.js';

export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  readonly version: typeof JSON_REPORT_VERSION;
  readonly tool: { readonly name: 'closewait'; readonly version: string };
  readonly tsconfig: string | null;
  /** Every project analysed: a tsconfig.json, or a default program's directory. */
  readonly projects: readonly string[];
  readonly config: string | null;
  /** Present when the run analysed one shard (`--shard`). */
  readonly shard?: ShardInfo;
  readonly summary: {
    readonly filesAnalyzed: number;
    readonly projects: number;
    readonly findings: number;
    readonly suppressed: number;
    readonly suppressedInSource: number;
    readonly staleBaselineEntries: number;
    readonly errors: number;
    readonly skipped: number;
  };
  readonly rules: readonly ReportedRule[];
  readonly findings: readonly ReportedFinding[];
  readonly errors: readonly FileError[];
  readonly missingTypes: readonly MissingTypesRecord[];
  /** Files with code left out: nested too deeply for TypeScript. */
  readonly skipped: readonly FileError[];
}

/** The JSON report of `result`, pretty-printed. */
export const formatJsonRun: CountedReporter = (result, { version }) => {
  const report: JsonReport = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'closewait', version },
    tsconfig: result.tsconfig ?? null,
    projects: result.projects,
    config: result.config ?? null,
    ...(result.shard ? { shard: result.shard } : {}),
    summary: {
      filesAnalyzed: result.filesAnalyzed,
      projects: result.projects.length,
      findings: result.findings.length,
      suppressed: result.suppressedCount,
      suppressedInSource: result.suppressedInSourceCount,
      staleBaselineEntries: result.staleBaselineEntries,
      errors: result.errors.length,
      skipped: result.skipped.length,
    },
    rules: result.rules,
    findings: result.findings,
    errors: result.errors,
    missingTypes: result.missingTypes,
    skipped: result.skipped,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};

/** The JSON report of a run. */
export const formatJson = fromCounted(formatJsonRun);

/** The run a JSON report (one run's, or a merge of shards') describes, for the reports that need no more (see CountedRun). */
export function fromJsonReport(report: JsonReport): CountedRun {
  return {
    tsconfig: report.tsconfig ?? undefined,
    projects: report.projects,
    config: report.config ?? undefined,
    filesAnalyzed: report.summary.filesAnalyzed,
    rules: report.rules,
    findings: report.findings,
    suppressedCount: report.summary.suppressed,
    suppressedInSourceCount: report.summary.suppressedInSource,
    staleBaselineEntries: report.summary.staleBaselineEntries,
    errors: report.errors,
    missingTypes: report.missingTypes,
    ...(report.shard ? { shard: report.shard } : {}),
    skipped: report.skipped,
  };
}
