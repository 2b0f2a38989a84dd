/**
 * The CLI's side of no-missing-types: the engine reports each module or global a file uses without
 * its types; the CLI says so once per module, naming the first file and the fix, as an error (exit
 * status 2): an audit that could not see the types checked nothing there, and must not pass. A
 * file analysed in several projects counts as typed when one of them could see the types.
 */
import type { Finding } from '../engine/index.js';
import { compareStrings } from './compare.js';
import { getLocation } from './findings.js';
import type { FileError } from './result.js';

export const MISSING_TYPES_RULE = 'no-missing-types';

/** One file that uses a module or global without its types. */
export interface MissingTypesRecord {
  /** `node:net` and `net` are one module. */
  readonly key: string;
  /** As the file writes it. */
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly fix: string;
}

/** The record of one no-missing-types finding, its file relative to `root`. */
export function toMissingTypesRecord(finding: Finding, root: string): MissingTypesRecord {
  const name = finding.data['name'] ?? '';
  const { file, line, column } = getLocation(finding.node, root);
  return { key: `${finding.messageId}:${name.replace(/^node:/, '')}`, name, file, line, column, fix: finding.data['fix'] ?? '' };
}

/**
 * One error per module or global, on its first file (by path), counting the others; `typedFiles`
 * holds `key` + file pairs that some project analysed with the types, which drop out.
 */
export function getMissingTypesErrors(records: readonly MissingTypesRecord[], typedFiles: ReadonlySet<string> = new Set()): FileError[] {
  const byKey = new Map<string, MissingTypesRecord[]>();
  for (const record of records) {
    if (typedFiles.has(`${record.key}\n${record.file}`)) continue;
    byKey.set(record.key, [...(byKey.get(record.key) ?? []), record]);
  }
  const errors: FileError[] = [];
  for (const group of byKey.values()) {
    const files = [...new Map(group.map((record) => [record.file, record])).values()].sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line);
    const first = files[0]!;
    const others = files.length - 1;
    const also = others === 0 ? '' : ` (and in ${others} other file${others === 1 ? '' : 's'})`;
    errors.push({ file: first.file, line: first.line, column: first.column, message: `cannot see the types of \`${first.name}\`${also}: ${first.fix}` });
  }
  return errors.sort((a, b) => compareStrings(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compareStrings(a.message, b.message));
}
