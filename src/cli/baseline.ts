/**
 * Baselines: a file of known findings, so a CI gate fails only on new ones. Entries match findings
 * by fingerprint (see fingerprint.ts), as a multiset: two identical findings need two entries.
 * Line and message are stored for people reading the file; matching only prefers the nearest line.
 * An entry's file, and the path its fingerprint hashes, are relative to the baseline file's folder,
 * so one baseline serves runs from any working directory (the repository root or one package of a
 * monorepo). A run judges only the entries of files it covers: the others are neither stale nor
 * dropped by --update-baseline.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ClosewaitError } from './errors.js';
import { getFingerprint } from './fingerprint.js';
import { toRelativePath } from './findings.js';
import { readJsonFile } from './json-file.js';
import { writeOutputFile } from './output-file.js';
import type { ReportedFinding } from './result.js';
import { isPlainObject } from './rule-catalog.js';
import { compareStrings } from './compare.js';
import { isWithinDirectory } from './source-files.js';

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface BaselineFile {
  readonly version: 1;
  readonly tool: 'closewait';
  readonly findings: readonly BaselineEntry[];
}

export interface BaselineMatch<T extends ReportedFinding = ReportedFinding> {
  readonly findings: T[];
  readonly suppressed: T[];
  /** How many entries no finding matched. */
  readonly stale: number;
  /** The entries no finding matched. */
  readonly unmatched: BaselineEntry[];
}

/** What a run covered, to tell which baseline entries it can judge. */
export interface BaselineScope {
  /** Absolute paths of the files the run analysed. */
  readonly files: ReadonlySet<string>;
  /** Where the run looked (absolute): the paths it was given, or its working directory. */
  readonly roots: readonly string[];
  /** For a shard: whether a file no run analyses any more (deleted) belongs to it. */
  readonly ownsDeletedFile?: (file: string) => boolean;
}

/** The entries of baseline `file`; throws a ClosewaitError when it is missing or not a baseline. */
export function readBaseline(file: string, label: string): BaselineEntry[] {
  const json = readJsonFile(file, label);
  if (!isPlainObject(json) || json['version'] !== 1 || !Array.isArray(json['findings'])) {
    throw new ClosewaitError(`${label}: not a closewait baseline (expected {"version": 1, "findings": [...]}; write one with --update-baseline)`);
  }
  const entries = json['findings'] as unknown[];
  const bad = entries.findIndex((entry) => !isPlainObject(entry) || typeof entry['fingerprint'] !== 'string');
  if (bad !== -1) throw new ClosewaitError(`${label}: findings[${bad}] has no "fingerprint"`);
  return entries as BaselineEntry[];
}

/**
 * `finding` as a baseline in `baselineDir` records it: its file relative to that folder instead of
 * the run's `root`, and its fingerprint computed over that path (the same as the report's when the
 * baseline is in the working directory).
 */
export function toBaselineFinding<T extends ReportedFinding>(finding: T, root: string, baselineDir: string): T {
  const file = toRelativePath(baselineDir, path.resolve(root, finding.file));
  if (file === finding.file) return finding;
  return { ...finding, file, fingerprint: getFingerprint({ ruleId: finding.ruleId, file, source: finding.source, data: finding.data }) };
}

/**
 * Whether a run that covered `scope` can judge the baseline entry for `file` (absolute): it analysed
 * the file, or the file is gone and lay where the run looked (its entries are stale for good).
 */
export function isCoveredBy(scope: BaselineScope, file: string): boolean {
  if (scope.files.has(file)) return true;
  if (existsSync(file) || !scope.roots.some((root) => isWithinDirectory(file, root))) return false;
  return scope.ownsDeletedFile?.(file) ?? true;
}

/** The entries of `entries` in `baselineDir` that a run over `scope` cannot judge (kept as they are by --update-baseline). */
export function getUncoveredEntries(entries: readonly BaselineEntry[], baselineDir: string, scope: BaselineScope): BaselineEntry[] {
  return entries.filter((entry) => typeof entry.file === 'string' && !isCoveredBy(scope, path.resolve(baselineDir, entry.file)));
}

/** The baseline that records exactly `findings` (as toBaselineFinding gives them) and the `kept` entries, sorted so that the file diffs well. */
export function createBaseline(findings: readonly ReportedFinding[], kept: readonly BaselineEntry[] = []): BaselineFile {
  const entries = [...findings.map(({ fingerprint, ruleId, file, line, message }) => ({ fingerprint, ruleId, file, line, message })), ...kept]
    .sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.ruleId, b.ruleId) || compareStrings(a.fingerprint, b.fingerprint));
  return { version: 1, tool: 'closewait', findings: entries };
}

/**
 * Write the baseline of `findings` (as toBaselineFinding gives them) and the `kept` entries to
 * `file` (creating its folder); throws a ClosewaitError naming `label` when it cannot.
 */
export function writeBaseline(file: string, findings: readonly ReportedFinding[], label: string = file, kept: readonly BaselineEntry[] = []): void {
  writeOutputFile(file, label, `${JSON.stringify(createBaseline(findings, kept), null, 2)}\n`);
}

/** Split `findings` into new ones and ones the baseline knows. */
export function applyBaseline<T extends ReportedFinding>(findings: readonly T[], entries: readonly BaselineEntry[]): BaselineMatch<T> {
  const byFingerprint = new Map<string, T[]>();
  for (const finding of findings) byFingerprint.set(finding.fingerprint, [...(byFingerprint.get(finding.fingerprint) ?? []), finding]);
  const suppressed = new Set<T>();
  const unmatched: BaselineEntry[] = [];
  for (const entry of entries) {
    const candidates = (byFingerprint.get(entry.fingerprint) ?? []).filter((finding) => !suppressed.has(finding));
    const nearest = candidates.sort((a, b) => distance(a, entry) - distance(b, entry))[0];
    if (nearest) suppressed.add(nearest);
    else unmatched.push(entry);
  }
  return {
    findings: findings.filter((finding) => !suppressed.has(finding)),
    suppressed: findings.filter((finding) => suppressed.has(finding)),
    stale: unmatched.length,
    unmatched,
  };
}

const distance = (finding: ReportedFinding, entry: BaselineEntry) =>
  Math.abs(finding.line - (typeof entry.line === 'number' ? entry.line : finding.line));
