/** `main()` in-process on fixture projects: every flag, every format, exit statuses and error paths. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRuleCatalog } from '../../src/cli/rule-catalog.js';
import { packageMeta } from '../../src/package-meta.js';
import { fixture, runCli } from './helpers.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-main-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const leaks = fixture('leaks');
const positions = (json: string) =>
  (JSON.parse(json) as { findings: { file: string; line: number; column: number; ruleId: string }[] }).findings.map(
    (finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`,
  );

describe('exit status', () => {
  it('is 0 on a clean project, with a one-line verdict', () => {
    const run = runCli([], { cwd: fixture('clean') });
    expect(run).toEqual({ code: 0, stdout: '✔ No socket lifecycle problems found (1 file analysed)\n', stderr: '' });
  });

  it('is 1 with findings', () => {
    const run = runCli([], { cwd: leaks });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('src/early-return.ts\n  5:10  ');
    expect(run.stdout).toContain('✖ 2 findings in 2 files (3 files analysed)');
  });

  it('is 2 for a syntax error, naming file:line:col on stderr, while still reporting the other files', () => {
    const run = runCli(['-f', 'json'], { cwd: fixture('syntax-error') });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("closewait: src/broken.ts:4:27: ')' expected. (TS1005)\n");
    expect(positions(run.stdout)).toEqual(['src/leak.ts:5:10 no-leaked-socket']);
  });

  it('is 2 for an unreadable file', () => {
    const run = runCli([], { cwd: fixture('unreadable') });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('closewait: src/folder.ts: cannot read file: is a directory, not a file\n');
  });

  it.each([
    ['a missing --project', ['-p', 'nope/tsconfig.json'], 'leaks', 'closewait: tsconfig not found: nope/tsconfig.json\n'],
    [
      'a source file as --project',
      ['-p', 'src/early-return.ts'],
      'leaks',
      'closewait: --project expects a tsconfig.json or a folder holding one, not a source file: src/early-return.ts (to analyse that file, run closewait src/early-return.ts)\n',
    ],
    ['a broken tsconfig', [], 'broken-tsconfig', "closewait: tsconfig.json:6:3: ',' expected. (TS1005)\n"],
    ['an empty project', [], 'empty-project', 'closewait: no JavaScript or TypeScript files to analyse in tsconfig.json\n'],
    ['a missing path', ['src/nope.ts'], 'leaks', 'closewait: no such file or directory: src/nope.ts\n'],
    ['an invalid config', [], 'invalid-config', /^closewait: closewait\.config\.json: invalid config: presets\[1\]: must be one of "clients"; /],
    ['an unknown rule', ['--rule', 'nope'], 'leaks', /^closewait: unknown rule 'nope' in --rule \(known rules: .*no-leaked-socket/],
    ['an unknown flag', ['--nope'], 'leaks', "closewait: unknown option '--nope' (see closewait --help)\n"],
    ['--update-baseline without --baseline', ['--update-baseline'], 'leaks', 'closewait: --update-baseline needs --baseline <file>\n'],
    ['a missing baseline', ['--baseline', 'nope.json'], 'leaks', 'closewait: baseline file not found: nope.json (create it with --update-baseline)\n'],
  ])('is 2 for %s, with one line and no stack trace', (_name, argv, name, message) => {
    const run = runCli(argv, { cwd: fixture(name) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    if (typeof message === 'string') expect(run.stderr).toBe(message);
    else expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('is 2 for an empty directory without a tsconfig', () => {
    const empty = mkdtempSync(path.join(scratch, 'empty-'));
    const run = runCli([empty], { cwd: fixture('no-tsconfig') });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`closewait: no JavaScript or TypeScript files to analyse in ${empty}\n`);
  });
});

describe('--max-findings', () => {
  it('tolerates up to n findings, still reports them, and says that the run passes', () => {
    const within = runCli(['--max-findings', '2'], { cwd: leaks });
    expect(within.code).toBe(0);
    expect(within.stdout).toContain('src/early-return.ts\n  5:10  ');
    expect(within.stdout).toContain('⚠ 2 findings in 2 files, within --max-findings 2: the run passes (3 files analysed)\n');
    expect(within.stdout).not.toContain('✖');
    const run = runCli(['--max-findings', '1'], { cwd: leaks });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✖ 2 findings in 2 files (3 files analysed)\n');
  });
});

describe('--format and --output', () => {
  it.each([
    ['json', (text: string) => expect(positions(text)).toEqual(['src/early-return.ts:5:10 no-leaked-socket', 'src/net/fall-off.ts:4:18 no-leaked-socket'])],
    ['sarif', (text: string) => expect(JSON.parse(text).runs[0].results).toHaveLength(2)],
    ['markdown', (text: string) => expect(text).toMatch(/^### closewait: 2 socket lifecycle findings\n/)],
    ['html', (text: string) => expect(text).toMatch(/^<!doctype html>[\s\S]*<article class="finding" id="finding-2">/)],
    ['stylish', (text: string) => expect(text).toContain('leaking path:')],
  ])('writes %s to stdout', (format, check) => {
    const run = runCli(['--format', format], { cwd: leaks });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    check(run.stdout);
  });

  it('writes the report to --output (creating directories), with a note on stderr', () => {
    const output = path.join(scratch, 'reports', 'closewait.sarif');
    const run = runCli(['-f', 'sarif', '-o', output], { cwd: leaks });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`closewait: wrote the sarif report to ${output} (2 findings)\n`);
    expect(JSON.parse(readFileSync(output, 'utf8')).version).toBe('2.1.0');
  });

  it('says when --output cannot be written', () => {
    const run = runCli(['-o', path.join(leaks, 'tsconfig.json', 'report.txt')], { cwd: leaks });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^closewait: cannot write .*report\.txt: /);
  });

  it('checks --output before the analysis, in one line', () => {
    // The project is broken too: the output is checked first, so its error is the one reported.
    const run = runCli(['-o', 'tsconfig.json/report.txt'], { cwd: fixture('broken-tsconfig') });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `closewait: cannot write tsconfig.json/report.txt: ${fixture('broken-tsconfig', 'tsconfig.json')} is not a folder\n` });
  });

  it('says in one line that --output is a directory', () => {
    const run = runCli(['-o', 'src'], { cwd: leaks });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'closewait: cannot write src: is a directory, not a file\n' });
  });

  it('writes the report with a singular count for one finding', () => {
    const output = path.join(scratch, 'one.json');
    const run = runCli(['-f', 'json', '-o', output, 'src/net'], { cwd: leaks });
    expect(run.stderr).toBe(`closewait: wrote the json report to ${output} (1 finding)\n`);
  });
});

describe('the HTML report', () => {
  const now = () => new Date('2026-03-04T05:06:07Z');

  it('names the project by its package name, and says when it was made', () => {
    const dir = mkdtempSync(path.join(scratch, 'folder-'));
    writeFileSync(path.join(dir, 'package.json'), '{"name": "my-service"}');
    writeFileSync(path.join(dir, 'index.js'), 'export const answer = 42;\n');
    const html = runCli(['-f', 'html'], { cwd: dir, now }).stdout;
    expect(html).toContain('<h1>closewait report: my-service</h1>');
    expect(html).toContain('<time datetime="2026-03-04T05:06:07.000Z">2026-03-04 05:06 UTC</time>');
  });

  it('names the project by its folder when there is no package name', () => {
    const dir = path.join(scratch, 'plain-folder');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'index.js'), 'export const answer = 42;\n');
    expect(runCli(['-f', 'html'], { cwd: dir, now }).stdout).toContain('<h1>closewait report: plain-folder</h1>');
  });
});

describe('--quiet', () => {
  it('drops notes and progress but keeps the report and errors', () => {
    const output = path.join(scratch, 'quiet.json');
    const run = runCli(['-q', '-f', 'json', '-o', output], { cwd: leaks, stderrIsTTY: true });
    expect(run).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(existsSync(output)).toBe(true);
    expect(runCli(['-q'], { cwd: fixture('syntax-error') }).stderr).toBe("closewait: src/broken.ts:4:27: ')' expected. (TS1005)\n");
  });
});

describe('progress', () => {
  it('never writes to stderr when it is not a terminal, or in CI', () => {
    expect(runCli([], { cwd: leaks, stderrIsTTY: false }).stderr).toBe('');
    expect(runCli([], { cwd: leaks, stderrIsTTY: true, env: { CI: 'true' } }).stderr).toBe('');
  });

  it('on a terminal, says it is loading the project, then only draws and erases its own line', () => {
    const { stderr } = runCli([], { cwd: leaks, stderrIsTTY: true });
    expect(stderr.startsWith('\r\u001b[Kclosewait: loading the project…')).toBe(true);
    expect(stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(
      stderr
        .replace(/\r\u001b\[Kclosewait: \d+\/3 files {2}\S+/g, '')
        .replace('\r\u001b[Kclosewait: loading the project…', '')
        .replace(/\r\u001b\[K/g, ''),
    ).toBe('');
  });
});

describe('colours', () => {
  const isColoured = (argv: string[], options: { stdoutIsTTY?: boolean; env?: Record<string, string> }) =>
    runCli(argv, { cwd: leaks, ...options }).stdout.includes('\u001b[');

  it('are on for a terminal and off when piped', () => {
    expect(isColoured([], { stdoutIsTTY: true })).toBe(true);
    expect(isColoured([], { stdoutIsTTY: false })).toBe(false);
  });

  it('follow --color / --no-color, then NO_COLOR / FORCE_COLOR', () => {
    expect(isColoured(['--no-color'], { stdoutIsTTY: true })).toBe(false);
    expect(isColoured(['--color'], { stdoutIsTTY: false })).toBe(true);
    expect(isColoured([], { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(isColoured([], { stdoutIsTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(isColoured([], { stdoutIsTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false);
  });
});

describe('rules and config', () => {
  it('--rule runs the named rules, --ignore-rule skips them', () => {
    expect(runCli(['--rule', 'no-leaked-socket'], { cwd: leaks }).code).toBe(1);
    const allIds = getRuleCatalog().map((rule) => rule.id).join(',');
    expect(runCli(['--ignore-rule', 'no-leaked-socket', '-f', 'json'], { cwd: leaks }).stdout).not.toContain('"ruleId": "no-leaked-socket"');
    expect(runCli(['--ignore-rule', allIds], { cwd: leaks }).stderr).toBe(
      'closewait: no rules left to run (check --rule, --ignore-rule and the config file)\n',
    );
  });

  it('reads resource types from closewait.config.json', () => {
    const run = runCli(['-f', 'json'], { cwd: fixture('config-file') });
    expect(positions(run.stdout)).toEqual(['src/pool.ts:11:3 no-leaked-socket']);
    expect(JSON.parse(run.stdout).config).toBe('closewait.config.json');
  });

  it('reads rule options from the closewait key of package.json', () => {
    const run = runCli(['-f', 'json'], { cwd: fixture('package-config') });
    expect(positions(run.stdout)).toEqual(['src/pool.ts:11:3 no-leaked-socket']);
    expect(JSON.parse(run.stdout).config).toBe('package.json');
  });

  it('takes --config from elsewhere', () => {
    const run = runCli(['-f', 'json', '--config', '../config-file/closewait.config.json', '--project', '../config-file'], { cwd: fixture('clean') });
    expect(positions(run.stdout)).toEqual(['../config-file/src/pool.ts:11:3 no-leaked-socket']);
  });
});

describe('--project and paths', () => {
  it('narrows the audit to the given paths', () => {
    expect(positions(runCli(['-f', 'json', 'src/net'], { cwd: leaks }).stdout)).toEqual(['src/net/fall-off.ts:4:18 no-leaked-socket']);
  });

  it('loads another directory with --project, reporting paths relative to the working directory', () => {
    const run = runCli(['-f', 'json', '-p', 'leaks'], { cwd: fixture() });
    expect(positions(run.stdout)).toEqual(['leaks/src/early-return.ts:5:10 no-leaked-socket', 'leaks/src/net/fall-off.ts:4:18 no-leaked-socket']);
    expect(JSON.parse(run.stdout).tsconfig).toBe('leaks/tsconfig.json');
  });
});

describe('--version and --help', () => {
  it('prints the package version', () => {
    expect(runCli(['--version'], { cwd: leaks })).toEqual({ code: 0, stdout: `${packageMeta.version}\n`, stderr: '' });
  });

  it('prints help with every rule id', () => {
    const run = runCli(['--help'], { cwd: leaks });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: closewait \[options\] \[paths\.\.\.\]/);
    expect(run.stdout).toContain('no-leaked-socket');
  });
});
