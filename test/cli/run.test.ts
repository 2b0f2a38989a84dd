/**
 * `run()`, the programmatic API, on fixture projects with the real engine: the findings the design
 * promises (a `return` that leaks reports on the return; falling off the end reports on the creation).
 */
import { describe, expect, it } from 'vitest';
import { ClosewaitError } from '../../src/cli/errors.js';
import { run, type Progress } from '../../src/cli/run.js';
import type { RunResult } from '../../src/cli/result.js';
import { fixture } from './helpers.js';

const summarize = (result: RunResult) => result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}/${f.messageId}`);

describe('run()', () => {
  it('reports an early return on the return, and a function that falls off its end on the creating call', () => {
    const result = run({ cwd: fixture('leaks') });
    expect(summarize(result)).toEqual(['src/early-return.ts:5:10 no-leaked-socket/leakAtExit', 'src/net/fall-off.ts:4:18 no-leaked-socket/leakAtEnd']);
    expect(result).toMatchObject({ filesAnalyzed: 3, tsconfig: 'tsconfig.json', config: undefined, errors: [], suppressed: [], staleBaselineEntries: 0 });
    expect(result.rules.map((rule) => rule.id)).toContain('no-leaked-socket');
  });

  it('gives each finding its leaking path: acquire, branch, exit', () => {
    const [early] = run({ cwd: fixture('leaks'), paths: ['src/early-return.ts'] }).findings;
    expect(early?.path.map((step) => `${step.role}@${step.line}:${step.column}`)).toEqual(['acquire@4:13', 'branch@5:7', 'exit@5:10']);
    expect(early?.source).toBe('  if (x) return;');
    expect(early?.message).not.toMatch(/\{\{/);
  });

  it('analyses JavaScript through allowJs', () => {
    expect(summarize(run({ cwd: fixture('js-project') }))).toEqual(['lib/client.js:5:14 no-leaked-socket/leakAtExit']);
  });

  it('builds a default program when there is no tsconfig', () => {
    expect(summarize(run({ cwd: fixture('no-tsconfig') }))).toEqual(['lib/client.js:5:14 no-leaked-socket/leakAtExit', 'src/server.ts:4:18 no-leaked-socket/leakAtEnd']);
  });

  it('finds nothing in a clean project', () => {
    expect(run({ cwd: fixture('clean') }).findings).toEqual([]);
  });

  it('takes custom resources from the config file, or from an inline config', () => {
    expect(summarize(run({ cwd: fixture('config-file') }))).toEqual(['src/pool.ts:11:3 no-leaked-socket/leakAtExit']);
    expect(run({ cwd: fixture('config-file'), config: {} }).findings).toEqual([]);
  });

  it('validates an inline config like a file', () => {
    expect(() => run({ cwd: fixture('clean'), config: { presets: ['nope'] } as never })).toThrow(new ClosewaitError('config: invalid config: presets[0]: must be one of "clients"'));
  });

  it('reports progress after every file', () => {
    const seen: Progress[] = [];
    run({ cwd: fixture('leaks'), onProgress: (progress) => seen.push(progress) });
    expect(seen).toEqual([
      { done: 1, total: 3, file: 'src/clean.ts' },
      { done: 2, total: 3, file: 'src/early-return.ts' },
      { done: 3, total: 3, file: 'src/net/fall-off.ts' },
    ]);
  });

  it('returns plain data that survives JSON', () => {
    const result = run({ cwd: fixture('leaks') });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
