/** Locale-independent ordering, so reports and baselines sort the same on every machine. */

/** Compare by UTF-16 code units (what `Array.prototype.sort` does by default). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
