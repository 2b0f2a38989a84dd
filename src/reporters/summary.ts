/** Counting helpers shared by the human-readable reporters. */
import type { ReportedFinding } from '../cli/result.js';

/** "1 finding", "2 findings". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Findings grouped by `key`, groups in first-seen order (findings arrive sorted). */
export function groupBy<K extends string>(findings: readonly ReportedFinding[], key: (finding: ReportedFinding) => K): Map<K, ReportedFinding[]> {
  const groups = new Map<K, ReportedFinding[]>();
  for (const finding of findings) groups.set(key(finding), [...(groups.get(key(finding)) ?? []), finding]);
  return groups;
}

/** The directory of a report-relative file path ("." for the root). */
export function getDirectory(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '.' : file.slice(0, slash);
}
