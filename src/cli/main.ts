/**
 * The command: flags → run() → reporter → output → exit status. Only this file and the reporters'
 * output reach the user. Returns the exit status instead of exiting, so tests run it in-process.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageMeta } from '../package-meta.js';
import { formatNames, getReporter } from '../reporters/index.js';
import { plural } from '../reporters/summary.js';
import { parseArgs, type CliArgs } from './args.js';
import { getUncoveredEntries, readBaseline, toBaselineFinding, writeBaseline, type BaselineEntry, type BaselineScope } from './baseline.js';
import { shouldUseColor } from './color.js';
import { formatFileError } from './diagnostics.js';
import { ClosewaitError, ExitCode } from './errors.js';
import { getProcessIo, type CliIo } from './io.js';
import { prepareOutputFile, writeOutputFile } from './output-file.js';
import { getProjectName } from './project-name.js';
import { createProgressDisplay, isProgressEnabled } from './progress.js';
import type { RunResult } from './result.js';
import { getRuleCatalog } from './rule-catalog.js';
import { mergeMain } from './merge-command.js';
import { runAudit } from './run.js';
import { parseShard } from './shard.js';

/** Run the `closewait` command with `argv` (no `node`, no script path); resolves to the exit status. */
export function main(argv: readonly string[], io: CliIo = getProcessIo()): ExitCode {
  const debug = argv.includes('--debug');
  try {
    if (argv[0] === 'merge') return mergeMain(argv.slice(1), io);
    const parsed = parseArgs(argv, {
      version: packageMeta.version,
      formats: formatNames,
      ruleIds: getRuleCatalog().map((rule) => rule.id),
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      helpWidth: io.stdout.columns ?? 80,
    });
    if (parsed.kind === 'exit') return parsed.exitCode;
    return withDebugEnv(parsed.args.debug, () => runCommand(parsed.args, io));
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function runCommand(args: CliArgs, io: CliIo): ExitCode {
  if (args.updateBaseline && args.baseline === undefined) throw new ClosewaitError('--update-baseline needs --baseline <file>');
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  if (args.updateBaseline && shard) throw new ClosewaitError('--update-baseline needs the whole audit: run it without --shard');
  // Before the analysis: a path that cannot be written fails now, not after a long run.
  if (args.output !== undefined) prepareOutputFile(path.resolve(io.cwd, args.output), args.output);
  if (args.updateBaseline && args.baseline !== undefined) prepareOutputFile(path.resolve(io.cwd, args.baseline), args.baseline);
  const progress = createProgressDisplay(io, isProgressEnabled(io, args.quiet));
  let result: RunResult;
  let scope: BaselineScope;
  try {
    progress.loading();
    ({ result, scope } = runAudit({
      cwd: io.cwd,
      paths: args.paths,
      projects: args.projects,
      configFile: args.config,
      rules: args.rules,
      ignoreRules: args.ignoreRules,
      baseline: args.updateBaseline ? undefined : args.baseline,
      reportUnusedDisableDirectives: args.reportUnusedDisableDirectives,
      ...(shard ? { shard } : {}),
      onProgress: progress.update,
    }));
  } finally {
    progress.finish();
  }
  const notes: string[] = [];
  if (args.updateBaseline && args.baseline !== undefined) {
    const file = path.resolve(io.cwd, args.baseline);
    const dir = path.dirname(file);
    // Entries of files this run did not cover (other packages of a monorepo) stay as they are.
    const kept = getUncoveredEntries(readPreviousBaseline(file, args.baseline), dir, scope);
    writeBaseline(file, result.findings.map((finding) => toBaselineFinding(finding, result.root, dir)), args.baseline, kept);
    notes.push(`wrote ${plural(result.findings.length, 'finding')} to the baseline ${args.baseline}${kept.length > 0 ? ` (kept ${kept.length} entr${kept.length === 1 ? 'y' : 'ies'} of files this run did not analyse)` : ''}`);
    result = { ...result, findings: [], suppressed: result.findings, staleBaselineEntries: 0 };
  }
  if (result.staleBaselineEntries > 0) {
    notes.push(`${result.staleBaselineEntries} baseline entr${result.staleBaselineEntries === 1 ? 'y matches' : 'ies match'} no finding any more; refresh the baseline with --update-baseline`);
  }

  for (const error of result.errors) io.stderr.write(`closewait: ${formatFileError(error)}\n`);
  // Not notes: the run analysed less than asked, so this shows even with --quiet.
  for (const skipped of result.skipped) io.stderr.write(`closewait: ${formatFileError(skipped)}\n`);
  writeReport(args, result, io, notes);
  if (!args.quiet) for (const note of notes) io.stderr.write(`closewait: ${note}\n`);
  return getExitCode(result, args.maxFindings);
}

function writeReport(args: CliArgs, result: RunResult, io: CliIo, notes: string[]): void {
  const reporter = getReporter(args.format);
  if (!reporter) throw new ClosewaitError(`unknown format '${args.format}' (formats: ${formatNames.join(', ')})`);
  const color = shouldUseColor(args.color, args.output === undefined ? io.stdout : undefined, io.env);
  const report = reporter(result, {
    color,
    version: packageMeta.version,
    maxFindings: args.maxFindings,
    projectName: getProjectName(result.tsconfig === undefined ? result.root : path.dirname(path.resolve(result.root, result.tsconfig))),
    generatedAt: io.now?.() ?? new Date(),
  });
  if (args.output === undefined) {
    io.stdout.write(report);
    return;
  }
  writeOutputFile(path.resolve(io.cwd, args.output), args.output, report);
  notes.push(`wrote the ${args.format} report to ${args.output} (${plural(result.findings.length, 'finding')})`);
}

/** The entries of the baseline --update-baseline replaces: none when there is none yet, or it is not a baseline. */
function readPreviousBaseline(file: string, label: string): BaselineEntry[] {
  if (!existsSync(file)) return [];
  try {
    return readBaseline(file, label);
  } catch (error) {
    if (error instanceof ClosewaitError) return [];
    throw error;
  }
}

/** 2 when a file could not be analysed, 1 when there are more findings than allowed, else 0. */
export function getExitCode(result: RunResult, maxFindings: number): ExitCode {
  if (result.errors.length > 0) return ExitCode.error;
  return result.findings.length > maxFindings ? ExitCode.findings : ExitCode.clean;
}

function reportError(error: unknown, io: CliIo, debug: boolean): ExitCode {
  if (error instanceof ClosewaitError) {
    for (const line of error.message.split('\n')) io.stderr.write(`closewait: ${line}\n`);
    if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
    return ExitCode.error;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`closewait: internal error: ${message.split('\n')[0]}${debug ? '' : ' (run with --debug for the stack trace)'}\n`);
  if (debug) io.stderr.write(`${error instanceof Error && error.stack ? error.stack : String(error)}\n`);
  return ExitCode.error;
}

/** `--debug` also makes the engine print analysis failures (it reads CLOSEWAIT_DEBUG); restored afterwards. */
function withDebugEnv<T>(debug: boolean, action: () => T): T {
  if (!debug) return action();
  const previous = process.env['CLOSEWAIT_DEBUG'];
  process.env['CLOSEWAIT_DEBUG'] = '1';
  try {
    return action();
  } finally {
    if (previous === undefined) delete process.env['CLOSEWAIT_DEBUG'];
    else process.env['CLOSEWAIT_DEBUG'] = previous;
  }
}
