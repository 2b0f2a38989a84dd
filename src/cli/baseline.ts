/**
 * Baselines: a file of known findings, so a CI gate fails only on new ones. Entries match findings
 * by fingerprint (see fingerprint.ts), as a multiset: two identical findings need two entries.
 * Line and message are stored for people reading the file; matching only prefers the nearest line.
 */
import { ClosewaitError } from './errors.js';
import { readJsonFile } from './json-file.js';
import { writeOutputFile } from './output-file.js';
import type { ReportedFinding } from './result.js';
import { isPlainObject } from './rule-catalog.js';
import { compareStrings } from './compare.js';

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

export interface BaselineMatch {
  readonly findings: ReportedFinding[];
  readonly suppressed: ReportedFinding[];
  /** Entries no finding matched. */
  readonly stale: number;
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

/** The baseline that records exactly `findings`, sorted so that the file diffs well. */
export function createBaseline(findings: readonly ReportedFinding[]): BaselineFile {
  const entries = findings
    .map(({ fingerprint, ruleId, file, line, message }) => ({ fingerprint, ruleId, file, line, message }))
    .sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.ruleId, b.ruleId) || compareStrings(a.fingerprint, b.fingerprint));
  return { version: 1, tool: 'closewait', findings: entries };
}

/** Write the baseline of `findings` to `file` (creating its folder); throws a ClosewaitError naming `label` when it cannot. */
export function writeBaseline(file: string, findings: readonly ReportedFinding[], label: string = file): void {
  writeOutputFile(file, label, `${JSON.stringify(createBaseline(findings), null, 2)}\n`);
}

/** Split `findings` into new ones and ones the baseline knows. */
export function applyBaseline(findings: readonly ReportedFinding[], entries: readonly BaselineEntry[]): BaselineMatch {
  const byFingerprint = new Map<string, ReportedFinding[]>();
  for (const finding of findings) byFingerprint.set(finding.fingerprint, [...(byFingerprint.get(finding.fingerprint) ?? []), finding]);
  const suppressed = new Set<ReportedFinding>();
  let stale = 0;
  for (const entry of entries) {
    const candidates = (byFingerprint.get(entry.fingerprint) ?? []).filter((finding) => !suppressed.has(finding));
    const nearest = candidates.sort((a, b) => distance(a, entry) - distance(b, entry))[0];
    if (nearest) suppressed.add(nearest);
    else stale++;
  }
  return {
    findings: findings.filter((finding) => !suppressed.has(finding)),
    suppressed: findings.filter((finding) => suppressed.has(finding)),
    stale,
  };
}

const distance = (finding: ReportedFinding, entry: BaselineEntry) =>
  Math.abs(finding.line - (typeof entry.line === 'number' ? entry.line : finding.line));
