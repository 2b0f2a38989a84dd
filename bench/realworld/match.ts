/**
 * Findings against verdicts. A finding and a verdict entry match when their key (package@version,
 * file, rule, fingerprint) is equal; keys match as a multiset (two identical findings need two
 * entries), each entry taking the unmatched finding nearest its line, as the CLI's baselines do.
 * A matched pair whose line or message differs is CHANGED; a finding with no entry is NEW; an entry
 * of a package that was run with no finding left is GONE.
 */
import type { Verdict, VerdictEntry } from './verdicts.js';

/** The fields of a CLI finding that matching and the verdict file need, with its package. */
export interface PackageFinding {
  /** `name@version`. */
  readonly package: string;
  readonly file: string;
  readonly rule: string;
  readonly fingerprint: string;
  readonly line: number;
  readonly message: string;
}

export interface MatchedFinding {
  readonly finding: PackageFinding;
  readonly entry: VerdictEntry;
}

export interface Comparison {
  /** Every finding with its verdict entry (CHANGED ones included). */
  readonly matched: readonly MatchedFinding[];
  /** Matched, but the line or the message is not the one judged. */
  readonly changed: readonly MatchedFinding[];
  /** Findings without a verdict entry. */
  readonly new: readonly PackageFinding[];
  /** Entries of packages that were run, matching no finding (the finding went, or its key changed). */
  readonly gone: readonly VerdictEntry[];
  /** Entries of packages that were not run (left out with --package, or failed to prepare or run). */
  readonly unchecked: readonly VerdictEntry[];
}

/**
 * Compare the findings of the packages named in `checked` (names without versions) with the
 * verdict entries. An entry whose package name was checked at another version is GONE.
 */
export function compareFindings(findings: readonly PackageFinding[], entries: readonly VerdictEntry[], checked: ReadonlySet<string>): Comparison {
  const byKey = new Map<string, PackageFinding[]>();
  for (const finding of findings) {
    const key = getKey(finding.package, finding.file, finding.rule, finding.fingerprint);
    byKey.set(key, [...(byKey.get(key) ?? []), finding]);
  }
  const matched: MatchedFinding[] = [];
  const taken = new Set<PackageFinding>();
  const gone: VerdictEntry[] = [];
  const unchecked: VerdictEntry[] = [];
  for (const entry of entries) {
    if (!checked.has(getPackageName(entry.package))) {
      unchecked.push(entry);
      continue;
    }
    const candidates = (byKey.get(getKey(entry.package, entry.file, entry.rule, entry.fingerprint)) ?? []).filter((f) => !taken.has(f));
    const nearest = candidates.sort((a, b) => Math.abs(a.line - entry.line) - Math.abs(b.line - entry.line))[0];
    if (nearest) {
      taken.add(nearest);
      matched.push({ finding: nearest, entry });
    } else {
      gone.push(entry);
    }
  }
  return {
    matched,
    changed: matched.filter(({ finding, entry }) => finding.line !== entry.line || finding.message !== entry.message),
    new: findings.filter((finding) => !taken.has(finding)),
    gone,
    unchecked,
  };
}

/** `@node-red/nodes@5.0.7` → `@node-red/nodes`. */
export function getPackageName(id: string): string {
  const at = id.lastIndexOf('@');
  return at > 0 ? id.slice(0, at) : id;
}

export type VerdictCounts = Record<Verdict, number>;

/** How many current findings carry each verdict. */
export function countVerdicts(matched: readonly MatchedFinding[]): VerdictCounts {
  const counts: VerdictCounts = { TRUE: 0, FALSE: 0, DEBATABLE: 0, UNTRIAGED: 0 };
  for (const { entry } of matched) counts[entry.verdict]++;
  return counts;
}

/**
 * TRUE / (TRUE + FALSE + DEBATABLE), between 0 and 1: a DEBATABLE finding counts against the engine,
 * since a user would not act on it. Undefined when no finding is judged.
 */
export function getPrecision(counts: VerdictCounts): number | undefined {
  const judged = counts.TRUE + counts.FALSE + counts.DEBATABLE;
  return judged === 0 ? undefined : counts.TRUE / judged;
}

/**
 * The harness's exit status: 2 when a package could not be prepared or audited (its findings are
 * unknown), else 1 when a finding has no verdict, is UNTRIAGED or is FALSE, or a known leak that was
 * found is LOST (recall.ts), else 0.
 */
export function getExitCode(comparison: Comparison, failedPackages: number, lostKnownLeaks = 0): 0 | 1 | 2 {
  if (failedPackages > 0) return 2;
  const counts = countVerdicts(comparison.matched);
  return comparison.new.length > 0 || counts.UNTRIAGED > 0 || counts.FALSE > 0 || lostKnownLeaks > 0 ? 1 : 0;
}

/**
 * The verdict entries after `--update`: NEW findings appended as UNTRIAGED, CHANGED entries given the
 * current line and message (their verdict is kept: the key says it is the same finding), and with
 * `prune`, GONE entries dropped.
 */
export function getUpdatedEntries(entries: readonly VerdictEntry[], comparison: Comparison, prune = false): VerdictEntry[] {
  const current = new Map<VerdictEntry, PackageFinding>(comparison.changed.map(({ finding, entry }) => [entry, finding]));
  const gone = new Set(prune ? comparison.gone : []);
  const updated = entries.filter((entry) => !gone.has(entry)).map((entry) => {
    const finding = current.get(entry);
    return finding ? { ...entry, line: finding.line, message: finding.message } : entry;
  });
  for (const finding of comparison.new) {
    updated.push({
      package: finding.package,
      file: finding.file,
      rule: finding.rule,
      fingerprint: finding.fingerprint,
      line: finding.line,
      message: finding.message,
      verdict: 'UNTRIAGED',
      why: '',
    });
  }
  return updated;
}

const getKey = (pkg: string, file: string, rule: string, fingerprint: string): string => [pkg, file, rule, fingerprint].join('\0');
