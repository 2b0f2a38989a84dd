/** Locale-independent ordering, so reports and baselines sort the same on every machine. */
import type { FileError, ReportedFinding } from './result.js';

/** Compare by UTF-16 code units (what `Array.prototype.sort` does by default). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By file, position, then rule and message, so every report lists findings in the same order. */
export function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message) ||
    compareStrings(a.fingerprint, b.fingerprint)
  );
}

/** By file, position, then message: errors from several projects and shards come out in one order. */
export function compareErrors(a: FileError, b: FileError): number {
  return compareStrings(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compareStrings(a.message, b.message);
}
