/**
 * Timing and peak memory of one child process. Wall time is taken here around the spawn; peak
 * memory (maximum resident set size) from GNU `/usr/bin/time -v` when it exists, otherwise from a
 * preload module that writes `process.resourceUsage().maxRSS` when the child exits. Every tool we
 * measure is a single Node process, so the two agree.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';

export interface Sample {
  /** Wall-clock milliseconds. */
  readonly ms: number;
  /** Peak resident set size in MiB. */
  readonly rssMiB: number;
  /** User + system CPU milliseconds: steadier than wall time on a machine that is busy with other work. */
  readonly cpuMs: number;
  readonly exitCode: number;
}

export interface Command {
  /** Arguments to `node` (flags first, then the script and its arguments). */
  readonly nodeArgs: readonly string[];
  readonly cwd: string;
  /** stdout goes to this file (stderr to `<file>.stderr`). */
  readonly stdoutFile: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Exit codes that count as a successful run (default: 0). */
  readonly okExitCodes?: readonly number[];
}

export function getMemorySource(): 'gnu-time' | 'resource-usage' {
  return hasGnuTime() ? 'gnu-time' : 'resource-usage';
}

let gnuTime: boolean | undefined;
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    gnuTime = false;
    if (existsSync(GNU_TIME)) {
      // BusyBox and BSD `time` do not take -v; GNU time prints "Maximum resident set size".
      const probe = spawnSyncText(GNU_TIME, ['-v', 'true']);
      gnuTime = probe.includes('Maximum resident set size');
    }
  }
  return gnuTime;
}

function spawnSyncText(file: string, args: readonly string[]): string {
  const result = spawnSync(file, args, { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

/** Run a Node command once and measure it. Throws when the exit code is not accepted. */
export async function measure(command: Command): Promise<Sample> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-bench-'));
  const rssFile = path.join(scratch, 'rss');
  const useTime = hasGnuTime();
  const nodeArgs = useTime ? [...command.nodeArgs] : ['--import', preloadUrl(), ...command.nodeArgs];
  const file = useTime ? GNU_TIME : process.execPath;
  const args = useTime ? ['-v', '-o', rssFile, process.execPath, ...nodeArgs] : nodeArgs;
  const env: NodeJS.ProcessEnv = { ...process.env, ...command.env, ...(useTime ? {} : { CLOSEWAIT_BENCH_RSS_FILE: rssFile }) };
  delete env.NODE_OPTIONS;
  const stdout = openSync(command.stdoutFile, 'w');
  const stderr = openSync(`${command.stdoutFile}.stderr`, 'w');
  try {
    const start = process.hrtime.bigint();
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(file, args, { cwd: command.cwd, env, stdio: ['ignore', stdout, stderr] });
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const ok = command.okExitCodes ?? [0];
    if (!ok.includes(exitCode)) {
      const errText = readFileSync(`${command.stdoutFile}.stderr`, 'utf8').slice(-2000);
      throw new Error(`exit code ${exitCode} from node ${command.nodeArgs.join(' ')} (in ${command.cwd})\n${errText}`);
    }
    return { ms, ...readUsage(rssFile, useTime), exitCode };
  } finally {
    closeSync(stdout);
    closeSync(stderr);
    rmSync(scratch, { recursive: true, force: true });
  }
}

function preloadUrl(): string {
  return new URL('./rss-preload.js', import.meta.url).href;
}

function readUsage(file: string, fromTime: boolean): { rssMiB: number; cpuMs: number } {
  if (!existsSync(file)) return { rssMiB: Number.NaN, cpuMs: Number.NaN };
  const text = readFileSync(file, 'utf8');
  if (fromTime) {
    const field = (label: string): number => {
      const match = new RegExp(`${label}: ([\\d.]+)`).exec(text);
      return match?.[1] === undefined ? Number.NaN : Number(match[1]);
    };
    return {
      rssMiB: field('Maximum resident set size \\(kbytes\\)') / 1024,
      cpuMs: (field('User time \\(seconds\\)') + field('System time \\(seconds\\)')) * 1000,
    };
  }
  // Written by rss-preload: maxRSS in kilobytes, CPU times in microseconds.
  const usage = JSON.parse(text) as { maxRSS: number; userCPUTime: number; systemCPUTime: number };
  return { rssMiB: usage.maxRSS / 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/** The p-quantile (0..1) of a non-empty list, by the nearest rank; NaN for an empty one. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export interface Summary {
  readonly ms: number;
  readonly rssMiB: number;
  readonly cpuMs: number;
  /** Every run, in order, for the JSON results. */
  readonly runs: readonly Sample[];
}

export function summarise(runs: readonly Sample[]): Summary {
  return { ms: median(runs.map((r) => r.ms)), rssMiB: median(runs.map((r) => r.rssMiB)), cpuMs: median(runs.map((r) => r.cpuMs)), runs };
}
