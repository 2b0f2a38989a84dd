/**
 * The default terminal report, in the shape of ESLint's stylish: findings under their file, each
 * with line:column, message and rule id, then the leaking path step by step, then a summary.
 */
import type { ReportedFinding } from '../cli/result.js';
import { createPalette, type Palette } from './ansi.js';
import { groupBy, plural } from './summary.js';
import { fromCounted, type CountedReporter, type CountedRun } from './types.js';

/** The stylish report of `result`. */
export const formatStylishRun: CountedReporter = (result, { color, maxFindings = 0 }) => {
  const palette = createPalette(color);
  const blocks = [...groupBy(result.findings, (finding) => finding.file)].map(([file, findings]) => formatFile(file, findings, palette));
  return [...blocks, getSummary(result, maxFindings, palette)].join('\n\n') + '\n';
};

function formatFile(file: string, findings: readonly ReportedFinding[], palette: Palette): string {
  const width = Math.max(...findings.map((finding) => `${finding.line}:${finding.column}`.length));
  const lines = [palette.underline(toPrintable(file))];
  for (const finding of findings) {
    const position = `${finding.line}:${finding.column}`.padEnd(width);
    lines.push(`  ${palette.dim(position)}  ${toPrintable(finding.message)}  ${palette.dim(finding.ruleId)}`);
    lines.push(...formatPath(finding, ' '.repeat(width + 4), palette));
  }
  return lines.join('\n');
}

function formatPath(finding: ReportedFinding, indent: string, palette: Palette): string[] {
  if (finding.path.length === 0) return [];
  const positions = finding.path.map((step) => (step.file === finding.file ? '' : `${step.file}:`) + `${step.line}:${step.column}`);
  const width = Math.max(...positions.map((position) => position.length));
  const roleWidth = Math.max(...finding.path.map((step) => step.role.length));
  return [
    `${indent}${palette.dim('leaking path:')}`,
    ...finding.path.map((step, index) => `${indent}  ${palette.dim((positions[index] ?? '').padEnd(width))}  ${palette.cyan(step.role.padEnd(roleWidth))}  ${toPrintable(step.message)}`),
  ];
}

function getSummary(result: CountedRun, maxFindings: number, palette: Palette): string {
  const notes = [`${plural(result.filesAnalyzed, 'file')} analysed${result.projects.length > 1 ? ` in ${result.projects.length} projects` : ''}`];
  if (result.shard) notes.push(`shard ${result.shard.index}/${result.shard.count}`);
  if (result.suppressedCount > 0) notes.push(`${result.suppressedCount} in the baseline`);
  if (result.suppressedInSourceCount > 0) notes.push(`${result.suppressedInSourceCount} silenced by eslint-disable comments`);
  const problems = describeErrors(result);
  const headlined = result.findings.length === 0 && problems !== undefined;
  // Said once: in the headline when nothing else is, else among the notes.
  if (problems && !headlined) notes.push(problems);
  if (result.skipped.length > 0) notes.push(`code left out in ${plural(result.skipped.length, 'file')}`);
  const details = ` (${notes.join(', ')})`;
  if (headlined) return palette.yellow(`✖ No findings, but ${problems} left files unchecked`) + details;
  if (result.findings.length === 0) return palette.green(`✔ No socket lifecycle problems found`) + details;
  const files = new Set(result.findings.map((finding) => finding.file)).size;
  const counted = `${plural(result.findings.length, 'finding')} in ${plural(files, 'file')}`;
  if (result.errors.length === 0 && result.findings.length <= maxFindings) {
    return palette.yellow(`⚠ ${counted}, within --max-findings ${maxFindings}: the run passes`) + details;
  }
  return palette.bold(palette.red(`✖ ${counted}`)) + details;
}

/**
 * "2 errors", "types missing for 1 module", or both: a module whose types are missing leaves the
 * files that use it unchecked, which "analysed" alone would hide.
 */
function describeErrors(result: CountedRun): string | undefined {
  const missing = result.errors.filter((error) => error.kind === 'missing-types').length;
  const other = result.errors.length - missing;
  const parts = [other > 0 ? plural(other, 'error') : undefined, missing > 0 ? `types missing for ${describeMissing(result, missing)}` : undefined];
  return parts.filter((part) => part !== undefined).join(' and ') || undefined;
}

/** "1 module", "2 globals", "1 module and 1 global": what the records name (`fetch` is no module); the lines' count without records. */
function describeMissing(result: CountedRun, lines: number): string {
  const keys = new Set(result.missingTypes.map((record) => record.key));
  const globals = [...keys].filter((key) => key.startsWith('missingGlobalTypes:')).length;
  const modules = keys.size - globals;
  if (keys.size === 0) return plural(lines, 'module');
  return [modules > 0 ? plural(modules, 'module') : undefined, globals > 0 ? plural(globals, 'global') : undefined].filter((part) => part !== undefined).join(' and ');
}

/** Text from the project with control characters made visible, so source text cannot drive the terminal. */
function toPrintable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The stylish report of a run. */
export const formatStylish = fromCounted(formatStylishRun);
