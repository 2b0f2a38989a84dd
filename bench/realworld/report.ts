/**
 * The terminal report of `npm run realworld`: per package, then the NEW, CHANGED and GONE findings,
 * the FALSE and UNTRIAGED ones still found, the known leaks LOST, NEWLY FOUND and MISSED, the counts
 * by verdict, the precision, the recall and the total time. A pure function of the run's data.
 */
import type { KnownLeak } from './known-leaks.js';
import { countVerdicts, getPrecision, type Comparison, type PackageFinding } from './match.js';
import { getRecall, type RecallComparison } from './recall.js';
import type { VerdictEntry } from './verdicts.js';

export interface PackageRun {
  /** `name@version`. */
  readonly id: string;
  readonly role: 'library' | 'application';
  readonly files?: number;
  readonly lines?: number;
  readonly findings?: number;
  /** Wall time of the CLI run, in milliseconds. */
  readonly ms?: number;
  /** Why the package could not be audited (preparation failed, or the CLI exited 2 or crashed). */
  readonly failure?: string;
  /** Lines the CLI wrote on stderr, files it could not analyse, dependencies that did not install. */
  readonly warnings: readonly string[];
}

export interface RealworldReport {
  readonly packages: readonly PackageRun[];
  readonly comparison: Comparison;
  /** The known leaks against the same findings. */
  readonly recall: RecallComparison;
  /** Wall time of the whole run (preparation included), in milliseconds. */
  readonly totalMs: number;
  /** Set when --update rewrote the verdict file: what it did. */
  readonly updated?: string;
}

/** The report as text, lines joined with `\n`, no trailing newline. */
export function formatReport(report: RealworldReport): string {
  const out: string[] = [];
  const { comparison } = report;
  out.push(
    formatTable(
      ['package', 'role', 'files', 'lines', 'findings', 'time'],
      report.packages.map((p) => [
        p.id,
        p.role === 'library' ? 'lib' : 'app',
        num(p.files),
        num(p.lines),
        p.failure === undefined ? num(p.findings) : 'FAILED',
        p.ms === undefined ? '–' : `${(p.ms / 1000).toFixed(1)} s`,
      ]),
    ),
  );
  const failed = report.packages.filter((p) => p.failure !== undefined);
  for (const p of failed) out.push('', `FAILED ${p.id}: ${p.failure ?? ''}`);
  for (const p of report.packages.filter((p) => p.warnings.length > 0)) {
    out.push('', `warnings from ${p.id}:`, ...p.warnings.map((w) => `  ${w}`));
  }

  section(out, 'NEW', 'findings without a verdict', comparison.new.map(formatFinding));
  section(
    out,
    'CHANGED',
    'same finding, judged at another line or with another message',
    comparison.changed.map(({ finding, entry }) => {
      const lines = [`${where(finding)} (judged at line ${entry.line}) ${entry.verdict}`];
      if (finding.message !== entry.message) lines.push(`    was: ${entry.message}`, `    now: ${finding.message}`);
      return lines.join('\n');
    }),
  );
  section(out, 'GONE', 'verdicts whose finding is no longer reported', comparison.gone.map(formatEntry));
  const still = (verdict: VerdictEntry['verdict']) => comparison.matched.filter((m) => m.entry.verdict === verdict).map((m) => formatEntry(m.entry));
  section(out, 'FALSE', 'false alarms still reported', still('FALSE'));
  section(out, 'UNTRIAGED', 'appended by --update, waiting for a verdict', still('UNTRIAGED'));
  if (comparison.unchecked.length > 0) out.push('', `${comparison.unchecked.length} verdicts belong to packages not audited in this run (left out with --package, or FAILED): not checked.`);
  const { recall } = report;
  section(out, 'LOST', 'known leaks a finding reported before, none now', recall.lost.map(formatLeak));
  section(out, 'NEWLY FOUND', "known leaks listed as missed that a finding reports now: set their status to 'found'", recall.newlyFound.map(formatLeak));
  section(
    out,
    'MISSED',
    'known leaks no finding reports',
    recall.missed.filter((leak) => leak.status === 'missed').map((leak) => `${formatLeak(leak)}${leak.missedBecause ? `\n    missed: ${leak.missedBecause}` : ''}`),
  );

  const counts = countVerdicts(comparison.matched);
  const precision = getPrecision(counts);
  const judged = counts.TRUE + counts.FALSE + counts.DEBATABLE;
  const audited = report.packages.filter((p) => p.failure === undefined);
  const findings = comparison.matched.length + comparison.new.length;
  out.push(
    '',
    `verdicts: TRUE ${counts.TRUE}, FALSE ${counts.FALSE}, DEBATABLE ${counts.DEBATABLE}, UNTRIAGED ${counts.UNTRIAGED}, no verdict ${comparison.new.length}`,
    `precision: ${precision === undefined ? 'n/a (no judged finding)' : `${(precision * 100).toFixed(1)}% (${counts.TRUE} TRUE of ${judged} judged)`}`,
    `recall: ${formatRecall(recall)}`,
    `total: ${audited.length} packages audited${failed.length > 0 ? `, ${failed.length} FAILED` : ''}, ` +
      `${sum(audited.map((p) => p.files))} files, ${sum(audited.map((p) => p.lines))} lines, ${findings} findings, ${(report.totalMs / 1000).toFixed(1)} s`,
  );
  if (report.updated) out.push(report.updated);
  return out.join('\n');
}

function section(out: string[], title: string, what: string, items: readonly string[]): void {
  if (items.length === 0) return;
  out.push('', `${title} (${items.length}): ${what}`, ...items.map((item) => `  ${item}`));
}

const where = (f: { package: string; file: string; line: number; rule: string }): string => `${f.package} ${f.file}:${f.line} ${f.rule}`;
const formatFinding = (f: PackageFinding): string => `${where(f)}\n    ${f.message}`;
const formatLeak = (leak: KnownLeak): string => `${leak.package} ${leak.file}:${leak.lines[0]}-${leak.lines[1]} ${leak.rule}\n    ${leak.what} ${leak.url}`;
const formatEntry = (e: VerdictEntry): string => `${where(e)} ${e.verdict}${e.kind ? ` (${e.kind})` : ''}\n    ${e.message}`;
const num = (n: number | undefined): string => (n === undefined ? '–' : String(n));
const sum = (values: readonly (number | undefined)[]): number => values.reduce<number>((a, b) => a + (b ?? 0), 0);

function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function formatRecall(recall: RecallComparison): string {
  const value = getRecall(recall);
  const checked = recall.found.length + recall.missed.length;
  const unchecked = recall.unchecked.length > 0 ? `; ${recall.unchecked.length} in packages not audited` : '';
  return value === undefined ? `n/a (no known leak checked${unchecked})` : `${(value * 100).toFixed(1)}% (${recall.found.length} of ${checked} known leaks found${unchecked})`;
}
