/**
 * A Markdown summary for pull-request comments: counts by rule, then one table row per finding
 * (capped, since comments have a size limit), then the leaking paths in a collapsed section.
 * Every piece of source text is escaped so it cannot break the table or inject HTML.
 */
import type { FileError, ReportedFinding } from '../cli/result.js';
import { splitCodeSpans, toCodeSpan } from './code-spans.js';
import { groupBy, plural } from './summary.js';
import { fromCounted, type CountedReporter, type CountedRun } from './types.js';

/** Rows shown before "and N more": GitHub comments hold 65,536 characters. */
export const MARKDOWN_MAX_ROWS = 100;

/** The Markdown report of `result`. */
export const formatMarkdownRun: CountedReporter = (result) => {
  const sections = [getHeading(result)];
  if (result.findings.length > 0) sections.push(getRuleTable(result), getFindingTable(result.findings), getPaths(result.findings));
  if (result.errors.length > 0) sections.push(getFileNotes('**Files that could not be analysed**', result.errors));
  if (result.skipped.length > 0) sections.push(getFileNotes('**Code left out** (nested too deeply for TypeScript)', result.skipped));
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
};

function getHeading(result: CountedRun): string {
  const notes = [`${plural(result.filesAnalyzed, 'file')} analysed${result.projects.length > 1 ? ` in ${result.projects.length} projects` : ''}`];
  if (result.suppressedCount > 0) notes.push(`${result.suppressedCount} known in the baseline`);
  if (result.suppressedInSourceCount > 0) notes.push(`${result.suppressedInSourceCount} silenced by eslint-disable comments`);
  if (result.errors.length > 0) notes.push(`${plural(result.errors.length, 'file error')}`);
  if (result.skipped.length > 0) notes.push(`code left out in ${plural(result.skipped.length, 'file')}`);
  const title = result.findings.length === 0 ? '### closewait: no socket lifecycle problems found' : `### closewait: ${plural(result.findings.length, 'socket lifecycle finding')}`;
  return `${title}\n\n${notes.join(' · ')}`;
}

function getRuleTable(result: CountedRun): string {
  const counts = groupBy(result.findings, (finding) => finding.ruleId);
  const rows = result.rules
    .filter((rule) => counts.has(rule.id))
    .map((rule) => `| [\`${rule.id}\`](${rule.helpUri}) | ${escapeCell(rule.description)} | ${counts.get(rule.id)?.length ?? 0} |`);
  return ['| Rule | What it finds | Findings |', '| --- | --- | ---: |', ...rows].join('\n');
}

function getFindingTable(findings: readonly ReportedFinding[]): string {
  const rows = findings
    .slice(0, MARKDOWN_MAX_ROWS)
    .map((finding) => `| \`${escapeCode(finding.file)}:${finding.line}:${finding.column}\` | ${escapeCell(finding.message)} | \`${finding.ruleId}\` |`);
  const more = findings.length > MARKDOWN_MAX_ROWS ? [`\n…and ${findings.length - MARKDOWN_MAX_ROWS} more (see the full report).`] : [];
  return ['| Location | Finding | Rule |', '| --- | --- | --- |', ...rows, ...more].join('\n');
}

function getPaths(findings: readonly ReportedFinding[]): string {
  const withPaths = findings.slice(0, MARKDOWN_MAX_ROWS).filter((finding) => finding.path.length > 0);
  if (withPaths.length === 0) return '';
  const items = withPaths.map((finding) => {
    const steps = finding.path.map((step) => `   - ${step.role} at \`${escapeCode(step.file)}:${step.line}\`: ${escapeText(step.message)}`);
    return [`1. \`${escapeCode(finding.file)}:${finding.line}\` ${escapeText(finding.message)}`, ...steps].join('\n');
  });
  return ['<details><summary>Leaking paths</summary>', '', ...items, '', '</details>'].join('\n');
}

function getFileNotes(title: string, notes: readonly FileError[]): string {
  const items = notes.map((note) => `- \`${escapeCode([note.file, note.line, note.column].filter((part) => part !== undefined).join(':'))}\` ${escapeText(note.message)}`);
  return [title, '', ...items].join('\n');
}

/**
 * Message text, which mixes prose and `code spans`: prose gets Markdown and HTML characters
 * escaped; code spans are kept (nothing inside them is markup), except `|` inside a table.
 */
export function escapeText(text: string, inTable = false): string {
  return splitCodeSpans(text.replace(/\r?\n/g, ' '))
    .map((part) => (part.kind === 'code' ? (inTable ? toCodeSpan(part.text).replace(/\|/g, '\\|') : toCodeSpan(part.text)) : escapeProse(part.text)))
    .join('');
}

function escapeProse(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/[\\`*_[\]<>~|]/g, (char) => `\\${char}`);
}

function escapeCell(text: string): string {
  return escapeText(text, true);
}

/** Text for a code span of our own (paths): a backtick would end it, so it becomes a lookalike. */
function escapeCode(text: string): string {
  return text.replace(/`/g, 'ˋ').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The Markdown report of a run. */
export const formatMarkdown = fromCounted(formatMarkdownRun);
