/**
 * Engine findings (TypeScript nodes) to reported findings (plain data): positions, the rule's
 * message with its `{{placeholders}}` filled as ESLint fills them, the leaking path, the excerpt.
 */
import path from 'node:path';
import type * as ts from 'typescript';
import type { Finding } from '../engine/index.js';
import { getFingerprint } from './fingerprint.js';
import type { Excerpt, ReportedFinding, ReportedPathStep, SourceLocation } from './result.js';
import type { RuleMeta } from './rule-catalog.js';

const EXCERPT_CONTEXT = 2;
const EXCERPT_MAX_LINES = 12;

/** The plain-data form of `finding`, with file paths relative to `root`. */
export function toReportedFinding(finding: Finding, rule: RuleMeta, root: string): ReportedFinding {
  const location = getLocation(finding.node, root);
  const sourceFile = finding.node.getSourceFile();
  const source = getLineText(sourceFile, location.line);
  const steps = finding.path.map((step) => toPathStep(step.node, step.role, step.message, root));
  const data = { ...finding.data };
  return {
    ruleId: rule.id,
    messageId: finding.messageId,
    message: formatMessage(rule.messages[finding.messageId] ?? finding.messageId, data),
    data,
    ...location,
    source,
    excerpt: getExcerpt(sourceFile, location, steps),
    path: steps,
    suggestions: finding.suggestions.map((suggestion) => ({
      message: formatMessage(rule.messages[suggestion.messageId] ?? suggestion.messageId, suggestion.data),
      edits: suggestion.edits.map((edit) => ({ range: [edit.range[0], edit.range[1]] as const, text: edit.text })),
    })),
    fingerprint: getFingerprint({ ruleId: rule.id, file: location.file, source, data }),
  };
}

/**
 * A finding that no rule made (an unused `eslint-disable` directive): the text range `[start, end)`
 * of `sourceFile`, with no path and no suggestions.
 */
export function toReportedProblem(sourceFile: ts.SourceFile, range: readonly [number, number], problem: { ruleId: string; messageId: string; message: string }, root: string): ReportedFinding {
  const start = sourceFile.getLineAndCharacterOfPosition(range[0]);
  const end = sourceFile.getLineAndCharacterOfPosition(range[1]);
  const location = { file: toRelativePath(root, sourceFile.fileName), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  const source = getLineText(sourceFile, location.line);
  return {
    ...problem,
    data: {},
    ...location,
    source,
    excerpt: getExcerpt(sourceFile, location, []),
    path: [],
    suggestions: [],
    fingerprint: getFingerprint({ ruleId: problem.ruleId, file: location.file, source, data: {} }),
  };
}

/** ESLint's interpolation: `{{ key }}` becomes `data[key]`; unknown keys stay as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** Where `node` is, 1-based, `file` relative to `root` with `/` separators. */
export function getLocation(node: ts.Node, root: string): SourceLocation {
  const sourceFile = node.getSourceFile();
  const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
  return {
    file: toRelativePath(root, sourceFile.fileName),
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

/** `file` relative to `root`, always with `/` (stable across platforms, and what SARIF URIs want). */
export function toRelativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function toPathStep(node: ts.Node, role: ReportedPathStep['role'], message: string, root: string): ReportedPathStep {
  const location = getLocation(node, root);
  return { role, message, ...location, source: getLineText(node.getSourceFile(), location.line) };
}

/** The text of 1-based `line`, without its line break. */
function getLineText(sourceFile: ts.SourceFile, line: number): string {
  const starts = sourceFile.getLineStarts();
  const start = starts[line - 1] ?? sourceFile.text.length;
  const end = starts[line] ?? sourceFile.text.length;
  return sourceFile.text.slice(start, end).replace(/\r?\n$/, '');
}

/** The lines from the acquisition to the exit when they are close, else the lines around the report. */
function getExcerpt(sourceFile: ts.SourceFile, location: SourceLocation, steps: readonly ReportedPathStep[]): Excerpt {
  const lines = [location.line, ...steps.filter((step) => step.file === location.file).map((step) => step.line)];
  let first = Math.min(...lines) - 1;
  let last = Math.max(...lines) + 1;
  if (last - first + 1 > EXCERPT_MAX_LINES) {
    first = location.line - EXCERPT_CONTEXT;
    last = location.line + EXCERPT_CONTEXT;
  }
  const lineCount = sourceFile.getLineStarts().length;
  first = Math.max(1, first);
  last = Math.min(lineCount, last);
  const text: string[] = [];
  for (let line = first; line <= last; line++) text.push(getLineText(sourceFile, line));
  return { startLine: first, lines: text };
}
