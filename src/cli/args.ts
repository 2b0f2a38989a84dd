/**
 * Command-line flags, parsed by commander. Parsing is pure: it returns the flags or says what to
 * print, and never exits the process, so `main()` runs in-process in tests.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { formatUsageError } from './errors.js';

export interface CliArgs {
  readonly paths: readonly string[];
  /** `--project`, repeatable. */
  readonly projects: readonly string[];
  readonly config: string | undefined;
  readonly rules: readonly string[];
  readonly ignoreRules: readonly string[];
  readonly format: string;
  readonly output: string | undefined;
  readonly baseline: string | undefined;
  readonly updateBaseline: boolean;
  readonly maxFindings: number;
  /** `true`/`false` from `--color`/`--no-color`; `undefined`: decide from the stream and environment. */
  readonly color: boolean | undefined;
  readonly quiet: boolean;
  readonly debug: boolean;
  readonly reportUnusedDisableDirectives: boolean;
  /** `--shard i/n`, as given (checked by shard.ts). */
  readonly shard: string | undefined;
}

/** What parsing decided: run with these flags, or stop (help, version or a usage error was already written). */
export type ParseResult =
  | { readonly kind: 'run'; readonly args: CliArgs }
  | { readonly kind: 'exit'; readonly exitCode: 0 | 2 };

export interface ArgsContext {
  readonly version: string;
  readonly formats: readonly string[];
  readonly ruleIds: readonly string[];
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
  /** Columns to wrap --help at (commander's default is the terminal's width, or 80). */
  readonly helpWidth?: number;
}

/** Parse `argv` (without `node` and the script path). */
export function parseArgs(argv: readonly string[], context: ArgsContext): ParseResult {
  const command = createCommand(context);
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { kind: 'exit', exitCode: error.exitCode === 0 ? 0 : 2 };
    throw error;
  }
  return { kind: 'run', args: toCliArgs(command) };
}

function toCliArgs(command: Command): CliArgs {
  const options = command.opts<{
    project: string[];
    config?: string;
    rule: string[];
    ignoreRule: string[];
    format: string;
    output?: string;
    baseline?: string;
    updateBaseline?: boolean;
    maxFindings: number;
    color?: boolean;
    quiet?: boolean;
    debug?: boolean;
    reportUnusedDisableDirectives?: boolean;
    shard?: string;
  }>();
  return {
    paths: command.args,
    projects: options.project,
    config: options.config,
    rules: options.rule,
    ignoreRules: options.ignoreRule,
    format: options.format,
    output: options.output,
    baseline: options.baseline,
    updateBaseline: options.updateBaseline === true,
    maxFindings: options.maxFindings,
    color: options.color,
    quiet: options.quiet === true,
    debug: options.debug === true,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives === true,
    shard: options.shard,
  };
}

/** `--project a --project b` → ['a', 'b']. */
function collectValues(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--rule a,b --rule c` → ['a', 'b', 'c']. */
function collectList(value: string, previous: string[]): string[] {
  const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (items.length === 0) throw new InvalidArgumentError('expected one or more rule ids');
  return [...previous, ...items];
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return Number(value);
}

function createCommand(context: ArgsContext): Command {
  const ruleList = context.ruleIds.join(', ');
  return new Command('closewait')
    .description('Find socket lifecycle bugs (CLOSE_WAIT leaks, undrained responses, stalled accept loops) in a TypeScript or JavaScript project.')
    .argument('[paths...]', 'files or directories to analyse (default: every file of the project)')
    .addOption(
      new Option('-p, --project <path>', 'tsconfig.json to load, or a directory holding one; repeat for several, references are followed')
        .argParser(collectValues)
        .default(
          [],
          'the nearest tsconfig.json from the current directory up to the package root; without one, the tsconfig.json of each npm/yarn/pnpm workspace, or a default JavaScript/TypeScript program over the paths',
        ),
    )
    .option('-c, --config <file>', 'closewait config file (default: closewait.config.json, or the "closewait" key of package.json, from the current directory up to the package root)')
    .addOption(new Option('--rule <ids>', `run only these rules; repeat or separate with commas (rules: ${ruleList})`).argParser(collectList).default([], 'the recommended rules, as changed by the config file'))
    .addOption(new Option('--ignore-rule <ids>', 'skip these rules; repeat or separate with commas').argParser(collectList).default([], 'none'))
    .addOption(new Option('-f, --format <name>', 'report format').choices([...context.formats]).default('stylish'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('--baseline <file>', 'report only findings that are not in this baseline file (made with --update-baseline)')
    .option('--update-baseline', 'write every current finding to the --baseline file, then report none of them')
    .option('--max-findings <n>', 'exit with status 1 only when more than n findings are reported', parseCount, 0)
    .option('--report-unused-disable-directives', 'also report eslint-disable directives for closewait rules that silence nothing, as findings (ESLint warns about them by default)')
    .option('--shard <i/n>', 'analyse only the i-th of n shards of the files (for a CI matrix; merge the reports with `closewait merge`)')
    .option('--color', 'force colours in the stylish report')
    .option('--no-color', 'no colours (default: colours only when writing to a terminal; NO_COLOR and FORCE_COLOR are honoured)')
    .option('-q, --quiet', 'no progress and no notes on stderr; only the report and errors')
    .option('--debug', 'print stack traces of internal errors and analysis failures')
    .version(context.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'explain every flag')
    .addHelpText('after', helpEpilogue)
    .exitOverride()
    .configureOutput({
      writeOut: context.writeOut,
      writeErr: context.writeErr,
      ...(context.helpWidth === undefined ? {} : { getOutHelpWidth: () => context.helpWidth ?? 80, getErrHelpWidth: () => context.helpWidth ?? 80 }),
      outputError: (text, write) => write(formatUsageError(text, 'closewait --help')),
    });
}

const helpEpilogue = `
Commands:
  closewait merge <reports...>           merge the JSON reports or SARIF logs of the shards of one
                                         audit into one report (see closewait merge --help)

Exit status:
  0  no findings (or no more than --max-findings)
  1  findings were reported
  2  usage, configuration or project error (broken tsconfig, syntax error, unreadable file)

Examples:
  closewait                              audit the project (or every project of a monorepo) here
  closewait src --format sarif -o closewait.sarif
  closewait --baseline .closewait-baseline.json --update-baseline
  closewait --baseline .closewait-baseline.json   fail only on new findings
  closewait --shard 2/4 -f json -o shard-2.json  one job of a CI matrix
  closewait merge shard-*.json -o closewait.json  merge the shards' reports (JSON or SARIF)

Config file (closewait.config.json):
  { "extends": "strict", "rules": { "no-leaked-socket": { "resources": [...] } } }
  ("extends": "strict" runs the rules and options of the ESLint plugin's configs.strict)

Documentation: https://github.com/closewait/eslint-plugin-closewait/blob/main/docs/cli.md
`;
