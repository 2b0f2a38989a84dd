/**
 * The JSON report: the run's data under a versioned envelope. The shape is documented in
 * docs/cli.md and described by `jsonReportSchema`; `version` changes only when a field is removed
 * or changes meaning (new fields may appear in any release).
 */
import type { FileError, ReportedFinding, ReportedRule } from '../cli/result.js';
import type { Reporter } from './types.js';

export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  readonly version: typeof JSON_REPORT_VERSION;
  readonly tool: { readonly name: 'closewait'; readonly version: string };
  readonly tsconfig: string | null;
  readonly config: string | null;
  readonly summary: {
    readonly filesAnalyzed: number;
    readonly findings: number;
    readonly suppressed: number;
    readonly staleBaselineEntries: number;
    readonly errors: number;
    readonly skipped: number;
  };
  readonly rules: readonly ReportedRule[];
  readonly findings: readonly ReportedFinding[];
  readonly errors: readonly FileError[];
  /** Files with code left out: nested too deeply for TypeScript. */
  readonly skipped: readonly FileError[];
}

/** The JSON report of `result`, pretty-printed. */
export const formatJson: Reporter = (result, { version }) => {
  const report: JsonReport = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'closewait', version },
    tsconfig: result.tsconfig ?? null,
    config: result.config ?? null,
    summary: {
      filesAnalyzed: result.filesAnalyzed,
      findings: result.findings.length,
      suppressed: result.suppressed.length,
      staleBaselineEntries: result.staleBaselineEntries,
      errors: result.errors.length,
      skipped: result.skipped.length,
    },
    rules: result.rules,
    findings: result.findings,
    errors: result.errors,
    skipped: result.skipped,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};
