/** `--shard i/n`: a deterministic, size-balanced partition whose shards together are one full run. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClosewaitError } from '../../src/cli/errors.js';
import { planAudit } from '../../src/cli/plan.js';
import { assignShards, parseShard } from '../../src/cli/shard.js';
import { run } from '../../src/cli/run.js';
import { repoRoot, runCli } from './helpers.js';

const monorepo = path.join(repoRoot, 'test', 'fixtures', 'monorepo');

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
  });

  it.each(['0/3', '4/3', '1/0', 'a/b', '3', '1/2/3', ''])('rejects %j with a one-line error', (text) => {
    expect(() => parseShard(text)).toThrow(new ClosewaitError(`--shard must be <i>/<n> with 1 <= i <= n, e.g. --shard 1/4 (got '${text}')`));
  });

  it('is a usage error on the command line', () => {
    expect(runCli(['--shard', '4/3'], { cwd: monorepo })).toEqual({ code: 2, stdout: '', stderr: "closewait: --shard must be <i>/<n> with 1 <= i <= n, e.g. --shard 1/4 (got '4/3')\n" });
    expect(runCli(['--shard', '1/2', '--baseline', 'b.json', '--update-baseline'], { cwd: monorepo }).stderr).toBe('closewait: --update-baseline needs the whole audit: run it without --shard\n');
  });
});

describe('assignShards', () => {
  const files = [...new Set(planAudit({ cwd: monorepo, paths: [], projects: [] }).projects.flatMap((project) => project.assigned))];

  it('puts every file in exactly one shard, the same way every time', () => {
    const shards = assignShards(files, monorepo, 3);
    expect([...shards.keys()].sort()).toEqual([...files].sort());
    expect(assignShards([...files].reverse(), monorepo, 3)).toEqual(shards);
    expect(new Set(shards.values())).toEqual(new Set([1, 2, 3]));
  });

  it('balances the shards by size: none is more than one file above another', () => {
    const sizes = new Map(files.map((file) => [file, statSync(file).size]));
    for (const count of [2, 3, 4]) {
      const loads = new Array<number>(count).fill(0);
      for (const [file, shard] of assignShards(files, monorepo, count)) loads[shard - 1]! += sizes.get(file)!;
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(Math.max(...sizes.values()));
    }
  });
});

describe('the shards of the example monorepo', () => {
  it('together give exactly the findings, silenced findings and counts of one full run', () => {
    const full = run({ cwd: monorepo });
    const shards = [1, 2, 3].map((index) => run({ cwd: monorepo, shard: { index, count: 3 } }));
    expect(shards.map((shard) => shard.filesAnalyzed).reduce((a, b) => a + b)).toBe(full.filesAnalyzed);
    expect(shards.every((shard) => shard.filesAnalyzed > 0)).toBe(true);
    const union = <T>(pick: (result: typeof full) => readonly T[]) => shards.flatMap(pick);
    expect(sortBy(union((result) => result.findings))).toEqual(sortBy(full.findings));
    expect(sortBy(union((result) => result.suppressedInSource))).toEqual(sortBy(full.suppressedInSource));
    expect(new Set(union((result) => result.projects))).toEqual(new Set(full.projects));
    expect(shards.map((shard) => shard.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
  });

  it('with more shards than files, leaves some empty without failing', () => {
    expect(runCli(['--shard', '9/9', '-q'], { cwd: path.join(repoRoot, 'test', 'fixtures', 'cli', 'leaks') })).toMatchObject({ code: 0, stderr: '' });
  });
});

function sortBy<T extends { file: string; line: number; column: number; ruleId: string }>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : 1)));
}
