/**
 * One file, start to finish: every selected rule through the engine, the missing-types check, and
 * ESLint's inline directives applied to both, exactly as ESLint would apply them to the same
 * reports. What comes out is plain data, so the program can be dropped once its files are done.
 */
import type { ts } from './typescript.js';
import { getCheckFindings, type EngineHost } from '../engine/index.js';
import { applyDirectives, type Problem } from './directives/apply.js';
import { getComments } from './directives/comments.js';
import { getDirectives } from './directives/directives.js';
import { toReportedFinding, toReportedProblem } from './findings.js';
import { MISSING_TYPES_RULE, toMissingTypesRecord } from './missing-types.js';
import type { MissingTypesRecord, ReportedFinding, SuppressedInSource } from './result.js';
import type { SelectedRule } from './rule-selection.js';

/** The id unused-directive reports carry (ESLint reports them without a rule). */
export const UNUSED_DIRECTIVE_RULE = 'unused-disable-directive';
const PLUGIN_PREFIX = 'closewait/';

export interface AnalysisSettings {
  readonly root: string;
  /** The rules whose findings are reported. */
  readonly rules: readonly SelectedRule[];
  /** no-missing-types, unless turned off. */
  readonly typesCheck: SelectedRule | undefined;
  /** `--report-unused-disable-directives`. */
  readonly reportUnusedDirectives: boolean;
}

export interface FileAnalysis {
  /** Findings to report (unused directives among them when asked for). */
  readonly findings: readonly ReportedFinding[];
  readonly suppressedInSource: readonly SuppressedInSource[];
  readonly missingTypes: readonly MissingTypesRecord[];
}

type FileProblem = Problem & ({ readonly finding: ReportedFinding } | { readonly record: MissingTypesRecord });

/** Analyse `sourceFile` of the program behind `host`. */
export function analyseFile(sourceFile: ts.SourceFile, host: EngineHost, settings: AnalysisSettings): FileAnalysis {
  const problems: FileProblem[] = [];
  for (const { rule, options } of settings.rules) {
    for (const engineFinding of getCheckFindings(rule.id, sourceFile, host, options)) {
      const finding = toReportedFinding(engineFinding, rule, settings.root);
      problems.push({ ruleId: `${PLUGIN_PREFIX}${rule.id}`, line: finding.line, column: finding.column, finding });
    }
  }
  if (settings.typesCheck) {
    for (const engineFinding of getCheckFindings(MISSING_TYPES_RULE, sourceFile, host, settings.typesCheck.options)) {
      const record = toMissingTypesRecord(engineFinding, settings.root);
      problems.push({ ruleId: `${PLUGIN_PREFIX}${MISSING_TYPES_RULE}`, line: record.line, column: record.column, record });
    }
  }

  // Cheap test first: most files have no directive at all.
  const comments = sourceFile.text.includes('eslint') ? getComments(sourceFile) : [];
  const ran = new Set([...settings.rules.map(({ rule }) => `${PLUGIN_PREFIX}${rule.id}`), ...(settings.typesCheck ? [`${PLUGIN_PREFIX}${MISSING_TYPES_RULE}`] : [])]);
  const { problems: kept, suppressed, unused } = applyDirectives(problems, getDirectives(comments, (ruleId) => ran.has(ruleId)));

  const findings = kept.flatMap((problem) => ('finding' in problem ? [problem.finding] : []));
  if (settings.reportUnusedDirectives) {
    for (const report of unused) {
      const comment = comments.find((candidate) => candidate.line === report.line && candidate.column === report.column)!;
      findings.push(toReportedProblem(sourceFile, comment.range, { ruleId: UNUSED_DIRECTIVE_RULE, messageId: 'unusedDirective', message: report.message }, settings.root));
    }
  }
  return {
    findings,
    suppressedInSource: suppressed.flatMap(({ problem, justifications }) => ('finding' in problem ? [{ ...problem.finding, justifications }] : [])),
    missingTypes: kept.flatMap((problem) => ('record' in problem ? [problem.record] : [])),
  };
}
