/** Search a directory and its parents, stopping at the package root (a directory with package.json or .git). */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The first non-undefined `probe(dir)` from `start` upward; the package root is the last directory probed. */
export function findUp<T>(start: string, probe: (dir: string) => T | undefined): T | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const found = probe(dir);
    if (found !== undefined) return found;
    if (isPackageRoot(dir)) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isPackageRoot(dir: string): boolean {
  return existsSync(path.join(dir, 'package.json')) || existsSync(path.join(dir, '.git'));
}
