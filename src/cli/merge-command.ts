/**
 * `closewait merge <reports...>`: read the shards' JSON reports or SARIF logs, write the merged
 * one (to stdout or `--output`) in the inputs' format or the `--format` asked for, and exit as one
 * run would have: 2 when the audit had errors, 1 with more findings than `--max-findings`, else 0.
 * JSON reports hold what every format but SARIF needs (see CountedRun); a SARIF log is made only
 * from SARIF logs, which alone list the findings eslint-disable silenced and the run's directory.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { countedReporters, formatNames, type FormatName } from '../reporters/index.js';
import { fromJsonReport } from '../reporters/json.js';
import { plural } from '../reporters/summary.js';
import { shouldUseColor } from './color.js';
import { ClosewaitError, ExitCode, formatUsageError } from './errors.js';
import type { CliIo } from './io.js';
import { describeFsError } from './json-file.js';
import { mergeReports, type MergedReport } from './merge.js';
import { prepareOutputFile, writeOutputFile } from './output-file.js';
import { getProjectName } from './project-name.js';

interface MergeArgs {
  readonly reports: readonly string[];
  /** Undefined: the inputs' format. */
  readonly format: FormatName | undefined;
  readonly output: string | undefined;
  readonly maxFindings: number;
  readonly color: boolean | undefined;
  readonly quiet: boolean;
}

/** Run `closewait merge` with `argv` (after `merge`); throws a ClosewaitError for bad input. */
export function mergeMain(argv: readonly string[], io: CliIo): ExitCode {
  const args = parseMergeArgs(argv, io);
  if (typeof args === 'number') return args;
  if (args.output !== undefined) prepareOutputFile(path.resolve(io.cwd, args.output), args.output);
  const inputs = args.reports.map((report) => ({ label: report, text: readReport(path.resolve(io.cwd, report), report) }));
  const merged = mergeReports(inputs);
  const format = args.format ?? merged.format;
  const text = formatMerged(merged, format, args, io);
  const { errors, findings } =
    merged.format === 'json'
      ? { errors: merged.report.errors.length, findings: merged.report.findings.length }
      : {
          // Warnings (code left out, too deeply nested) are notes, as in one run; errors fail it.
          errors: (merged.log.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? []).filter((notification) => notification.level !== 'warning').length,
          findings: (merged.log.runs[0]?.results ?? []).filter((result) => (result.suppressions ?? []).length === 0).length,
        };
  if (args.output === undefined) {
    io.stdout.write(text);
  } else {
    writeOutputFile(path.resolve(io.cwd, args.output), args.output, text);
    if (!args.quiet) io.stderr.write(`closewait: merged ${plural(inputs.length, 'report')} into the ${format} report ${args.output} (${plural(findings, 'finding')})\n`);
  }
  if (errors > 0) return ExitCode.error;
  return findings > args.maxFindings ? ExitCode.findings : ExitCode.clean;
}

/** The merged report as `format`; throws a ClosewaitError for a format the inputs cannot give. */
function formatMerged(merged: MergedReport, format: FormatName, args: MergeArgs, io: CliIo): string {
  if (merged.format === 'sarif') {
    if (format !== 'sarif') throw new ClosewaitError(`SARIF logs merge into SARIF only: for --format ${format}, give the shards --format json and merge their JSON reports`);
    return `${JSON.stringify(merged.log, null, 2)}\n`;
  }
  if (format === 'json') return `${JSON.stringify(merged.report, null, 2)}\n`;
  if (format === 'sarif') {
    throw new ClosewaitError('a SARIF log is merged from SARIF logs (JSON reports do not list the findings eslint-disable silenced): give the shards --format sarif');
  }
  return countedReporters[format](fromJsonReport(merged.report), {
    color: shouldUseColor(args.color, args.output === undefined ? io.stdout : undefined, io.env),
    version: merged.report.tool.version,
    maxFindings: args.maxFindings,
    // As one run names it (main.ts); the report's paths are relative to the directory merge runs in.
    projectName: getProjectName(merged.report.tsconfig === null ? io.cwd : path.dirname(path.resolve(io.cwd, merged.report.tsconfig))),
    generatedAt: io.now?.() ?? new Date(),
  });
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
    .addOption(new Option('-f, --format <name>', 'report format (JSON reports give every format but sarif; SARIF logs give sarif)').choices([...formatNames]).default(undefined, "the reports' format"))
    .option('-o, --output <file>', 'write the merged report to this file instead of stdout')
    .option('--max-findings <n>', 'exit with status 1 only when more than n findings are reported', parseCount, 0)
    .option('--color', 'force colours in the stylish report')
    .option('--no-color', 'no colours (default: colours only when writing to a terminal; NO_COLOR and FORCE_COLOR are honoured)')
    .option('-q, --quiet', 'no notes on stderr')
    .helpOption('-h, --help', 'explain every flag')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(formatUsageError(text, 'closewait merge --help')),
    });
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.clean : ExitCode.error;
    throw error;
  }
  const options = command.opts<{ format?: FormatName; output?: string; maxFindings: number; color?: boolean; quiet?: boolean }>();
  return { reports: command.args, format: options.format, output: options.output, maxFindings: options.maxFindings, color: options.color, quiet: options.quiet === true };
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return Number(value);
}
