import { describe, expect, it } from 'vitest';
import { parseArgs, type ArgsContext, type CliArgs } from '../../src/cli/args.js';

function parse(argv: string[]) {
  let out = '';
  let err = '';
  const context: ArgsContext = {
    version: '1.2.3',
    formats: ['stylish', 'json', 'sarif', 'markdown', 'html'],
    ruleIds: ['no-leaked-socket', 'consume-response-body'],
    writeOut: (text) => (out += text),
    writeErr: (text) => (err += text),
    helpWidth: 80,
  };
  const result = parseArgs(argv, context);
  return { result, out, err };
}

function parseRun(argv: string[]): CliArgs {
  const { result } = parse(argv);
  if (result.kind !== 'run') throw new Error(`expected flags, got exit ${result.exitCode}`);
  return result.args;
}

describe('parseArgs', () => {
  it('has defaults for every flag', () => {
    expect(parseRun([])).toEqual({
      paths: [],
      projects: [],
      config: undefined,
      rules: [],
      ignoreRules: [],
      format: 'stylish',
      output: undefined,
      baseline: undefined,
      updateBaseline: false,
      maxFindings: 0,
      color: undefined,
      quiet: false,
      debug: false,
      reportUnusedDisableDirectives: false,
      shard: undefined,
    });
  });

  it('reads every flag, short and long', () => {
    expect(
      parseRun([
        'src',
        'lib/a.ts',
        '-p',
        'tsconfig.app.json',
        '--project',
        'packages/api',
        '-c',
        'cw.json',
        '--rule',
        'no-leaked-socket',
        '--ignore-rule',
        'consume-response-body',
        '-f',
        'sarif',
        '-o',
        'out.sarif',
        '--baseline',
        'base.json',
        '--update-baseline',
        '--max-findings',
        '3',
        '--no-color',
        '-q',
        '--debug',
        '--report-unused-disable-directives',
        '--shard',
        '2/3',
      ]),
    ).toEqual({
      paths: ['src', 'lib/a.ts'],
      projects: ['tsconfig.app.json', 'packages/api'],
      config: 'cw.json',
      rules: ['no-leaked-socket'],
      ignoreRules: ['consume-response-body'],
      format: 'sarif',
      output: 'out.sarif',
      baseline: 'base.json',
      updateBaseline: true,
      maxFindings: 3,
      color: false,
      quiet: true,
      debug: true,
      reportUnusedDisableDirectives: true,
      shard: '2/3',
    });
    expect(parseRun(['--project', 'x', '--config', 'y', '--format', 'json', '--output', 'z', '--quiet', '--color'])).toMatchObject({
      projects: ['x'],
      config: 'y',
      format: 'json',
      output: 'z',
      quiet: true,
      color: true,
    });
  });

  it('collects repeated and comma-separated rule ids, without eating paths', () => {
    const args = parseRun(['--rule', 'a,b', '--rule', 'c', 'src', '--ignore-rule', 'd, e']);
    expect(args.rules).toEqual(['a', 'b', 'c']);
    expect(args.ignoreRules).toEqual(['d', 'e']);
    expect(args.paths).toEqual(['src']);
  });

  it('prints the version with -v and --version', () => {
    for (const flag of ['-v', '--version']) {
      const { result, out } = parse([flag]);
      expect(result).toEqual({ kind: 'exit', exitCode: 0 });
      expect(out).toBe('1.2.3\n');
    }
  });

  it('explains every flag in --help, with the exit statuses and the rules', () => {
    const { result, out } = parse(['--help']);
    expect(result).toEqual({ kind: 'exit', exitCode: 0 });
    for (const flag of ['--project', '--config', '--rule', '--ignore-rule', '--format', '--output', '--baseline', '--update-baseline', '--max-findings', '--color', '--no-color', '--quiet', '--debug', '--report-unused-disable-directives', '--shard', '--version', '--help']) {
      expect(out).toContain(flag);
    }
    expect(out).toContain('Exit status:');
    expect(out.replace(/\s+/g, ' ')).toContain('no-leaked-socket, consume-response-body');
    expect(out.replace(/\s+/g, ' ')).toContain('choices: "stylish", "json", "sarif", "markdown", "html"');
  });

  it('gives each default once, lists the merge command and shows a config that is current', () => {
    const help = parse(['--help']).out.replace(/\s+/g, ' ');
    expect(help.match(/default: the nearest tsconfig\.json/g)).toHaveLength(1);
    expect(help).toContain('Commands: closewait merge <reports...>');
    expect(help).toContain('{ "extends": "strict", "rules": {');
    expect(help).not.toContain('presets');
  });

  it.each([
    [['--bogus'], "closewait: unknown option '--bogus' (see closewait --help)\n"],
    [['--formt', 'json'], "closewait: unknown option '--formt' (Did you mean --format?) (see closewait --help)\n"],
    [['-f', 'xml'], "closewait: option '-f, --format <name>' argument 'xml' is invalid. Allowed choices are stylish, json, sarif, markdown, html. (see closewait --help)\n"],
    [['--max-findings', '-1'], "closewait: option '--max-findings <n>' argument '-1' is invalid. expected a whole number, 0 or more (see closewait --help)\n"],
    [['--max-findings', 'many'], "closewait: option '--max-findings <n>' argument 'many' is invalid. expected a whole number, 0 or more (see closewait --help)\n"],
    [['--rule', ','], "closewait: option '--rule <ids>' argument ',' is invalid. expected one or more rule ids (see closewait --help)\n"],
    [['--output'], "closewait: option '-o, --output <file>' argument missing (see closewait --help)\n"],
  ])('rejects %j with one line and exit status 2', (argv, message) => {
    const { result, err, out } = parse(argv);
    expect(result).toEqual({ kind: 'exit', exitCode: 2 });
    expect(err).toBe(message);
    expect(out).toBe('');
  });
});
