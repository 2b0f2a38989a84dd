/**
 * `closewait merge <reports...>`: read the shards' JSON reports or SARIF logs, write the merged
 * one (to stdout or `--output`), and exit as one run would have: 2 when the audit had errors, 1
 * with more findings than `--max-findings`, else 0.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ClosewaitError, ExitCode } from './errors.js';
import type { CliIo } from './io.js';
import { describeFsError } from './json-file.js';
import { mergeReports } from './merge.js';

interface MergeArgs {
  readonly reports: readonly string[];
  readonly output: string | undefined;
  readonly maxFindings: number;
  readonly quiet: boolean;
}

/** Run `closewait merge` with `argv` (after `merge`); throws a ClosewaitError for bad input. */
export function mergeMain(argv: readonly string[], io: CliIo): ExitCode {
  const args = parseMergeArgs(argv, io);
  if (typeof args === 'number') return args;
  const inputs = args.reports.map((report) => ({ label: report, text: readReport(path.resolve(io.cwd, report), report) }));
  const merged = mergeReports(inputs);
  const text = `${JSON.stringify(merged.format === 'json' ? merged.report : merged.log, null, 2)}\n`;
  if (args.output === undefined) {
    io.stdout.write(text);
  } else {
    const file = path.resolve(io.cwd, args.output);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    } catch (error) {
      throw new ClosewaitError(`cannot write ${args.output}: ${describeFsError(error)}`);
    }
    if (!args.quiet) io.stderr.write(`closewait: merged ${inputs.length} report(s) into ${args.output}\n`);
  }
  const { errors, findings } =
    merged.format === 'json'
      ? { errors: merged.report.errors.length, findings: merged.report.findings.length }
      : {
          errors: merged.log.runs[0]?.invocations?.[0]?.toolExecutionNotifications?.length ?? 0,
          findings: (merged.log.runs[0]?.results ?? []).filter((result) => (result.suppressions ?? []).length === 0).length,
        };
  if (errors > 0) return ExitCode.error;
  return findings > args.maxFindings ? ExitCode.findings : ExitCode.clean;
}

function readReport(file: string, label: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ClosewaitError(`cannot read ${label}: ${describeFsError(error)}`);
  }
}

function parseMergeArgs(argv: readonly string[], io: CliIo): MergeArgs | ExitCode {
  const command = new Command('closewait merge')
    .description('Merge the JSON reports (or the SARIF logs) of the shards of one audit (--shard i/n) into the report of one run.')
    .argument('<reports...>', 'the shards\' reports, all JSON or all SARIF')
    .option('-o, --output <file>', 'write the merged report to this file instead of stdout')
    .option('--max-findings <n>', 'exit with status 1 only when more than n findings are reported', parseCount, 0)
    .option('-q, --quiet', 'no notes on stderr')
    .helpOption('-h, --help', 'explain every flag')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`closewait: ${text.replace(/^error: /, '').trimEnd()} (see closewait merge --help)\n`),
    });
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.clean : ExitCode.error;
    throw error;
  }
  const options = command.opts<{ output?: string; maxFindings: number; quiet?: boolean }>();
  return { reports: command.args, output: options.output, maxFindings: options.maxFindings, quiet: options.quiet === true };
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return Number(value);
}
