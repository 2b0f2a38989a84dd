/**
 * `--shard i/n`: a deterministic 1/n of the files, so that n CI jobs on the same commit cover every
 * file exactly once. Every job computes the same partition from the same inputs — the files'
 * paths relative to the working directory and their sizes — with no coordination: files are taken
 * largest first (ties in the order of a SHA-256 hash of the path, so no directory clusters in one
 * shard), and each goes to the shard with the fewest bytes so far (ties: the lowest shard). Sizes
 * stand in for analysis time; no shard ends up more than one file's size above another.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { ClosewaitError } from './errors.js';
import { toRelativePath } from './findings.js';
import type { ShardInfo } from './result.js';

/** `"2/5"` → `{ index: 2, count: 5 }`; throws a ClosewaitError for anything else. */
export function parseShard(text: string): ShardInfo {
  const match = /^(\d+)\/(\d+)$/u.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new ClosewaitError(`--shard must be <i>/<n> with 1 <= i <= n, e.g. --shard 1/4 (got '${text}')`);
  }
  return { index, count };
}

/** The shard (1-based) of every file, by its path relative to `root` and its size on disk. */
export function assignShards(files: readonly string[], root: string, count: number): Map<string, number> {
  const entries = files.map((file) => {
    const relative = toRelativePath(root, file);
    return { file, relative, size: getSize(file), hash: createHash('sha256').update(relative).digest('hex') };
  });
  entries.sort((a, b) => b.size - a.size || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0) || (a.relative < b.relative ? -1 : 1));
  const loads = new Array<number>(count).fill(0);
  const shards = new Map<string, number>();
  for (const entry of entries) {
    let lightest = 0;
    for (let shard = 1; shard < count; shard++) if (loads[shard]! < loads[lightest]!) lightest = shard;
    loads[lightest] = loads[lightest]! + entry.size;
    shards.set(entry.file, lightest + 1);
  }
  return shards;
}

/** The shard of a path that no run analyses (a baseline entry for a deleted file): by its hash alone. */
export function getPathShard(relative: string, count: number): number {
  return (Number.parseInt(createHash('sha256').update(relative).digest('hex').slice(0, 8), 16) % count) + 1;
}

function getSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
