/**
 * Known leaks against findings: a known leak is found when a finding of its rule in its file lies
 * within its lines. The recall is found / checked known leaks; a leak whose package was not audited
 * in this run is not checked. A known leak listed as found that no finding reports any more is LOST
 * (a regression: the run fails); one listed as missed that a finding now reports is NEWLY FOUND.
 */
import type { KnownLeak } from './known-leaks.js';
import { getPackageName, type PackageFinding } from './match.js';

export interface RecallComparison {
  /** Checked known leaks that a finding reports, with the first such finding. */
  readonly found: readonly { readonly leak: KnownLeak; readonly finding: PackageFinding }[];
  /** Checked known leaks that no finding reports. */
  readonly missed: readonly KnownLeak[];
  /** Found before (status 'found'), missed now. */
  readonly lost: readonly KnownLeak[];
  /** Missed before (status 'missed'), found now. */
  readonly newlyFound: readonly KnownLeak[];
  /** Known leaks of packages not audited in this run. */
  readonly unchecked: readonly KnownLeak[];
}

/** Compare the known leaks of the packages named in `checked` (names without versions) with the findings. */
export function compareKnownLeaks(findings: readonly PackageFinding[], leaks: readonly KnownLeak[], checked: ReadonlySet<string>): RecallComparison {
  const found: { leak: KnownLeak; finding: PackageFinding }[] = [];
  const missed: KnownLeak[] = [];
  const unchecked: KnownLeak[] = [];
  for (const leak of leaks) {
    if (!checked.has(getPackageName(leak.package))) {
      unchecked.push(leak);
      continue;
    }
    const finding = findings.find((f) => reportsLeak(f, leak));
    if (finding) found.push({ leak, finding });
    else missed.push(leak);
  }
  return {
    found,
    missed,
    lost: missed.filter((leak) => leak.status === 'found'),
    newlyFound: found.filter(({ leak }) => leak.status === 'missed').map(({ leak }) => leak),
    unchecked,
  };
}

/** Whether the finding is the known leak's: same package@version, file and rule, within its lines. */
export function reportsLeak(finding: PackageFinding, leak: KnownLeak): boolean {
  const [first, last] = leak.lines;
  return finding.package === leak.package && finding.file === leak.file && finding.rule === leak.rule && finding.line >= first && finding.line <= last;
}

/** found / checked, between 0 and 1; undefined when no known leak was checked. */
export function getRecall(comparison: RecallComparison): number | undefined {
  const checked = comparison.found.length + comparison.missed.length;
  return checked === 0 ? undefined : comparison.found.length / checked;
}
