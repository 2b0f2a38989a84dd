/**
 * The CLI's side of no-missing-types: the engine reports each module or global a file uses without
 * its types; the CLI says so once per module and fix, naming the first file, as an error (exit
 * status 2): an audit that could not see the types checked nothing there, and must not pass.
 */
import type { Finding } from '../engine/index.js';
import { compareStrings } from './compare.js';
import { getLocation } from './findings.js';
import type { FileError, MissingTypesRecord } from './result.js';

export const MISSING_TYPES_RULE = 'no-missing-types';

/** The record of one no-missing-types finding, its file relative to `root`. */
export function toMissingTypesRecord(finding: Finding, root: string): MissingTypesRecord {
  const name = finding.data['name'] ?? '';
  const { file, line, column } = getLocation(finding.node, root);
  return { key: `${finding.messageId}:${name.replace(/^node:/, '')}`, name, file, line, column, fix: finding.data['fix'] ?? '' };
}

/** Records by file and position: the order every report lists them in. */
export function compareMissingTypes(a: MissingTypesRecord, b: MissingTypesRecord): number {
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.key, b.key);
}

/**
 * One error per module or global and fix, on its first file (by path), counting the other files:
 * `fetch` missing from the lib in one file and typed `any` by a local declaration in another are
 * two problems with two fixes.
 */
export function getMissingTypesErrors(records: readonly MissingTypesRecord[]): FileError[] {
  const byKey = new Map<string, MissingTypesRecord[]>();
  for (const record of [...records].sort(compareMissingTypes)) {
    const key = `${record.key}\0${record.fix}`;
    byKey.set(key, [...(byKey.get(key) ?? []), record]);
  }
  return [...byKey.values()].map((group) => {
    const first = group[0]!;
    const others = new Set(group.map((record) => record.file)).size - 1;
    const also = others === 0 ? '' : ` (and in ${others} other file${others === 1 ? '' : 's'})`;
    return { file: first.file, line: first.line, column: first.column, message: `cannot see the types of \`${first.name}\`${also}: ${first.fix}`, kind: 'missing-types' };
  });
}
