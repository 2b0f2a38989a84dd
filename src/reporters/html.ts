/**
 * One self-contained HTML page (inline CSS, no scripts, a CSP that forbids loading anything):
 * findings by directory (an index), then by rule, each with its code excerpt and leaking path.
 * Every piece of text that comes from the project is escaped.
 */
import type { FileError, ReportedFinding, ReportedRule } from '../cli/result.js';
import { splitCodeSpans } from './code-spans.js';
import { getDirectory, groupBy, plural } from './summary.js';
import { fromCounted, type CountedReporter, type CountedRun } from './types.js';

/** The HTML report of `result`. */
export const formatHtmlRun: CountedReporter = (result, { version, projectName, generatedAt }) => {
  const ids = new Map(result.findings.map((finding, index) => [finding, `finding-${index + 1}`]));
  const title = projectName === undefined ? 'closewait report' : `closewait report: ${projectName}`;
  const made = generatedAt === undefined ? '' : `<p class="made">Made <time datetime="${generatedAt.toISOString()}">${formatTime(generatedAt)}</time> by closewait ${escapeHtml(version)}</p>`;
  const body = [
    `<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(getSummary(result))}</p>${made}</header>`,
    result.findings.length > 0 ? getDirectorySection(result.findings, ids) : '<p class="clean">No socket lifecycle problems found.</p>',
    result.findings.length > 0 ? getRuleSection(result, ids) : '',
    result.errors.length > 0 ? getFileNoteSection('errors', 'Files that could not be analysed', result.errors) : '',
    result.skipped.length > 0 ? getFileNoteSection('skipped', 'Code left out (nested too deeply for TypeScript)', result.skipped) : '',
    `<footer>closewait ${escapeHtml(version)}</footer>`,
  ];
  return `${getHead(title)}<body>\n${body.filter((part) => part !== '').join('\n')}\n</body>\n</html>\n`;
};

/** "2026-11-29 14:05 UTC": the same for every reader, whatever their time zone. */
function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function getSummary(result: CountedRun): string {
  const parts = [plural(result.findings.length, 'finding'), `${plural(result.filesAnalyzed, 'file')} analysed${result.projects.length > 1 ? ` in ${result.projects.length} projects` : ''}`];
  if (result.suppressedCount > 0) parts.push(`${result.suppressedCount} known in the baseline`);
  if (result.suppressedInSourceCount > 0) parts.push(`${result.suppressedInSourceCount} silenced by eslint-disable comments`);
  if (result.errors.length > 0) parts.push(plural(result.errors.length, 'file error'));
  if (result.skipped.length > 0) parts.push(`code left out in ${plural(result.skipped.length, 'file')}`);
  return parts.join(' · ');
}

function getDirectorySection(findings: readonly ReportedFinding[], ids: ReadonlyMap<ReportedFinding, string>): string {
  const rows = [...groupBy(findings, (finding) => getDirectory(finding.file))].map(([directory, group]) => {
    const links = group.map((finding) => `<a href="#${ids.get(finding)}">${escapeHtml(finding.file)}:${finding.line}</a>`).join(', ');
    return `<tr><td><code>${escapeHtml(directory)}</code></td><td class="count">${group.length}</td><td>${links}</td></tr>`;
  });
  return `<section id="by-directory"><h2>By directory</h2>\n<table><thead><tr><th>Directory</th><th>Findings</th><th>Where</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></section>`;
}

function getRuleSection(result: CountedRun, ids: ReadonlyMap<ReportedFinding, string>): string {
  const byRule = groupBy(result.findings, (finding) => finding.ruleId);
  const sections = [...byRule].map(([ruleId, findings]) => {
    const rule = result.rules.find((candidate) => candidate.id === ruleId);
    return `<section class="rule" id="rule-${escapeHtml(ruleId)}">\n<h3>${getRuleTitle(ruleId, rule)} <span class="count">${plural(findings.length, 'finding')}</span></h3>\n${findings.map((finding) => getFindingArticle(finding, ids.get(finding) ?? '')).join('\n')}\n</section>`;
  });
  return `<section id="by-rule"><h2>By rule</h2>\n${sections.join('\n')}\n</section>`;
}

function getRuleTitle(ruleId: string, rule: ReportedRule | undefined): string {
  const name = `<code>${escapeHtml(ruleId)}</code>`;
  const linked = rule && /^https?:\/\//.test(rule.helpUri) ? `<a href="${escapeHtml(rule.helpUri)}">${name}</a>` : name;
  return rule ? `${linked} — ${formatInline(rule.description)}` : linked;
}

function getFindingArticle(finding: ReportedFinding, id: string): string {
  const parts = [
    `<article class="finding" id="${id}">`,
    `<h4><a href="#${id}">${escapeHtml(finding.file)}:${finding.line}:${finding.column}</a></h4>`,
    `<p class="message">${formatInline(finding.message)}</p>`,
    getExcerpt(finding),
  ];
  if (finding.path.length > 0) {
    const steps = finding.path.map(
      (step) => `<li><span class="role role-${step.role}">${step.role}</span> <span class="where">${escapeHtml(step.file)}:${step.line}:${step.column}</span> ${formatInline(step.message)}</li>`,
    );
    parts.push(`<ol class="path">${steps.join('')}</ol>`);
  }
  if (finding.suggestions.length > 0) parts.push(`<p class="fix">Suggested fix: ${finding.suggestions.map((s) => formatInline(s.message)).join('; ')}</p>`);
  parts.push('</article>');
  return parts.join('\n');
}

function getExcerpt(finding: ReportedFinding): string {
  const marked = new Map(finding.path.filter((step) => step.file === finding.file).map((step) => [step.line, step.role] as const));
  const width = String(finding.excerpt.startLine + finding.excerpt.lines.length - 1).length;
  const lines = finding.excerpt.lines.map((text, index) => {
    const line = finding.excerpt.startLine + index;
    const classes = [line === finding.line ? 'hit' : '', marked.has(line) ? `step role-${marked.get(line)}` : ''].filter(Boolean).join(' ');
    return `<span class="line${classes ? ` ${classes}` : ''}"><span class="ln">${String(line).padStart(width)}</span> ${escapeHtml(text)}</span>`;
  });
  // Each line is a block of its own: a newline between them would double the spacing inside <pre>.
  return `<pre class="excerpt"><code>${lines.join('')}</code></pre>`;
}

function getFileNoteSection(id: string, title: string, notes: readonly FileError[]): string {
  const items = notes.map((note) => {
    const where = [note.file, note.line, note.column].filter((part) => part !== undefined && part !== '').join(':');
    return `<li><code>${escapeHtml(where)}</code> ${formatInline(note.message)}</li>`;
  });
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2><ul>${items.join('')}</ul></section>`;
}

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Message text with its code spans (see code-spans.ts) as <code> elements; everything escaped. */
export function formatInline(text: string): string {
  return splitCodeSpans(text)
    .map((part) => (part.kind === 'code' ? `<code>${escapeHtml(part.text)}</code>` : escapeHtml(part.text)))
    .join('');
}

const getHead = (title: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1f2328; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; }
td.count, .count { color: #656d76; }
.finding { border: 1px solid #d0d7de; border-radius: 6px; margin: 1rem 0; padding: 0 1rem; }
.finding h4 { margin: .8rem 0 .2rem; }
.excerpt { background: #f6f8fa; padding: .5rem 0; overflow-x: auto; }
.excerpt .line { display: block; padding: 0 .8rem; white-space: pre; }
.excerpt .ln { color: #8c959f; user-select: none; }
.excerpt .step { background: #fff8c5; }
.excerpt .hit { background: #ffebe9; }
.role { display: inline-block; min-width: 4.5em; font-size: 12px; font-weight: 600; text-transform: uppercase; color: #0969da; }
.role-exit { color: #cf222e; }
.where { color: #656d76; font-family: ui-monospace, monospace; font-size: 13px; }
.clean { color: #1a7f37; font-weight: 600; }
header .made, footer { color: #656d76; font-size: 13px; }
footer { margin-top: 2rem; }
</style>
</head>
`;

/** The HTML report of a run. */
export const formatHtml = fromCounted(formatHtmlRun);
