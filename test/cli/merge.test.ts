/**
 * `closewait merge`: the shards' reports (JSON or SARIF) merge into exactly the report of one full
 * run: same findings, suppressed results, errors (missing-types lines recounted across shards),
 * summary, byte for byte. An incomplete set of shards is an error, never a smaller clean report.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, repoRoot, runCli } from './helpers.js';

const monorepo = path.join(repoRoot, 'test', 'fixtures', 'monorepo');

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-merge-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the n shards of an audit of `cwd` into `<name>-<i>.<ext>` files of the scratch directory; returns their paths. */
function runShards(cwd: string, name: string, count: number, format: 'json' | 'sarif', extra: readonly string[] = []): string[] {
  return Array.from({ length: count }, (_, index) => {
    const output = path.join(scratch, `${name}-${index + 1}.${format}`);
    const shard = runCli(['--shard', `${index + 1}/${count}`, '-f', format, '-o', output, '-q', ...extra], { cwd });
    expect(shard.stderr).not.toMatch(/internal error/);
    return output;
  });
}

/** The example monorepo's full reports and shard files, made once for the tests below. */
const audit: Record<'json' | 'sarif', { full: ReturnType<typeof runCli>; shards: string[] }> = {} as never;
beforeAll(() => {
  for (const format of ['json', 'sarif'] as const) {
    audit[format] = { full: runCli(['-f', format], { cwd: monorepo }), shards: runShards(monorepo, `monorepo-${format}`, 3, format) };
  }
});

describe.each(['json', 'sarif'] as const)('merging %s reports', (format) => {
  it('gives the report of one full run of the example monorepo, and its exit status', () => {
    const { full, shards } = audit[format];
    const merged = runCli(['merge', ...shards], { cwd: monorepo });
    expect(merged.stdout).toBe(full.stdout);
    expect(merged.code).toBe(full.code);
    expect(merged.code).toBe(1);
  });

  it('recounts a module whose types are missing in several shards as one line', () => {
    const cwd = fixture('ts6-no-types');
    const full = runCli(['-f', format], { cwd });
    const merged = runCli(['merge', ...runShards(cwd, `types-${format}`, 3, format)], { cwd });
    expect(merged.stdout).toBe(full.stdout);
    expect(merged.stdout).toContain('cannot see the types of `node:net` (and in 1 other file)');
    expect(merged.code).toBe(2);
  });
});

describe('merging shards of a project with code left out', () => {
  it.each(['json', 'sarif'] as const)('%s: the note about too deeply nested code fails nothing, as in one run', (format) => {
    const cwd = path.join(scratch, `nested-${format}`);
    mkdirSync(path.join(cwd, 'src'), { recursive: true });
    const compilerOptions = { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: ['node'], typeRoots: [path.join(repoRoot, 'node_modules', '@types')] };
    writeFileSync(path.join(cwd, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
    const ifs = (n: number) => `${'if (x > 0) {\n'.repeat(n)}return 1;\n${'}\n'.repeat(n)}`;
    writeFileSync(path.join(cwd, 'src', 'deep.ts'), `export function deep(x: number): number {\n${ifs(400)}  return 0;\n}\n`);
    writeFileSync(path.join(cwd, 'src', 'leak.ts'), "import net from 'node:net';\nexport function send(port: number, skip: boolean): void {\n  const socket = net.connect(port);\n  if (skip) return;\n  socket.end();\n}\n");
    const full = runCli(['-f', format], { cwd });
    expect(full.code).toBe(1);
    const merged = runCli(['merge', ...runShards(cwd, `nested-${format}`, 2, format)], { cwd });
    expect(merged.stdout).toBe(full.stdout);
    expect(merged.stdout).toContain('nested more than');
    expect(merged.code).toBe(full.code);
  });
});

describe('merging shards with a baseline', () => {
  it('adds up the stale baseline entries to those of one run', () => {
    const baseline = path.join(scratch, 'baseline.json');
    expect(runCli(['--baseline', baseline, '--update-baseline', '-q'], { cwd: monorepo }).code).toBe(0);
    const entries = JSON.parse(readFileSync(baseline, 'utf8')) as { findings: object[] };
    entries.findings.push({ fingerprint: '0'.repeat(32), ruleId: 'no-leaked-socket', file: path.relative(scratch, path.join(monorepo, 'packages/api/src/deleted.ts')), line: 1, message: 'fixed since' });
    writeFileSync(baseline, JSON.stringify(entries));
    const full = runCli(['-f', 'json', '--baseline', baseline], { cwd: monorepo });
    const merged = runCli(['merge', ...runShards(monorepo, 'baseline', 2, 'json', ['--baseline', baseline])], { cwd: monorepo });
    expect(merged.stdout).toBe(full.stdout);
    expect((JSON.parse(merged.stdout) as { summary: { staleBaselineEntries: number; suppressed: number } }).summary).toMatchObject({ staleBaselineEntries: 1, suppressed: 4 });
    expect(merged.code).toBe(0);
  });
});

describe('merge refuses', () => {
  it('an incomplete or repeated set of shards', () => {
    const [first, second] = audit.json.shards;
    expect(runCli(['merge', first!, second!], { cwd: monorepo })).toEqual({ code: 2, stdout: '', stderr: 'closewait: shard 3/3 missing: merge every shard of the audit\n' });
    expect(runCli(['merge', first!, first!, second!], { cwd: monorepo }).stderr).toBe(`closewait: shard 1/3 is given twice: ${first} and ${first}\n`);
  });

  it('a mix of formats, or a file that is no closewait report', () => {
    const [json] = audit.json.shards;
    const [sarif] = audit.sarif.shards;
    expect(runCli(['merge', json!, sarif!], { cwd: monorepo }).stderr).toBe('closewait: merge takes JSON reports or SARIF logs, not both\n');
    const other = path.join(scratch, 'other.json');
    writeFileSync(other, '{"hello": 1}');
    expect(runCli(['merge', other], { cwd: monorepo })).toEqual({ code: 2, stdout: '', stderr: `closewait: ${other}: not a closewait JSON report or SARIF log\n` });
    expect(runCli(['merge', path.join(scratch, 'nope.json')], { cwd: monorepo }).stderr).toMatch(/^closewait: cannot read .*nope\.json: /);
  });

  it('to run without reports', () => {
    expect(runCli(['merge'], { cwd: monorepo })).toEqual({ code: 2, stdout: '', stderr: "closewait: missing required argument 'reports' (see closewait merge --help)\n" });
  });
});

describe('merge --output', () => {
  it('writes the merged report to a file and says so', () => {
    const output = path.join(scratch, 'merged', 'closewait.sarif');
    const merged = runCli(['merge', ...audit.sarif.shards, '-o', output], { cwd: monorepo });
    expect(merged.stderr).toBe(`closewait: merged 3 reports into the sarif report ${output} (4 findings)\n`);
    expect(readFileSync(output, 'utf8')).toBe(audit.sarif.full.stdout);
  });
});

describe('merge --format', () => {
  const now = () => new Date('2026-11-29T12:00:00Z');

  it.each(['stylish', 'markdown', 'html', 'json'] as const)('makes the %s report of one full run from the shards\' JSON reports', (format) => {
    const full = runCli(['-f', format], { cwd: monorepo, now });
    const merged = runCli(['merge', ...audit.json.shards, '--format', format], { cwd: monorepo, now });
    expect(merged).toEqual({ code: full.code, stdout: full.stdout, stderr: '' });
    expect(merged.stdout).not.toBe('');
  });

  it('writes the stylish report in colour only on a terminal, or with --color', () => {
    const plain = runCli(['merge', ...audit.json.shards, '-f', 'stylish'], { cwd: monorepo });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(runCli(['merge', ...audit.json.shards, '-f', 'stylish'], { cwd: monorepo, stdoutIsTTY: true }).stdout).toContain('\u001b[');
    expect(runCli(['merge', ...audit.json.shards, '-f', 'stylish', '--color'], { cwd: monorepo }).stdout).toBe(
      runCli(['-f', 'stylish', '--color'], { cwd: monorepo }).stdout,
    );
  });

  it('writes the chosen format to --output and says so', () => {
    const output = path.join(scratch, 'merged', 'closewait.md');
    const merged = runCli(['merge', ...audit.json.shards, '-f', 'markdown', '-o', output], { cwd: monorepo });
    expect(merged).toEqual({ code: 1, stdout: '', stderr: `closewait: merged 3 reports into the markdown report ${output} (4 findings)\n` });
    expect(readFileSync(output, 'utf8')).toBe(runCli(['-f', 'markdown'], { cwd: monorepo }).stdout);
  });

  it('says which inputs a format needs when the reports cannot give it', () => {
    expect(runCli(['merge', ...audit.json.shards, '-f', 'sarif'], { cwd: monorepo })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'closewait: a SARIF log is merged from SARIF logs (JSON reports do not list the findings eslint-disable silenced): give the shards --format sarif\n',
    });
    expect(runCli(['merge', ...audit.sarif.shards, '-f', 'stylish'], { cwd: monorepo })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'closewait: SARIF logs merge into SARIF only: for --format stylish, give the shards --format json and merge their JSON reports\n',
    });
    expect(runCli(['merge', ...audit.json.shards, '-f', 'xml'], { cwd: monorepo }).stderr).toBe(
      "closewait: option '-f, --format <name>' argument 'xml' is invalid. Allowed choices are stylish, json, sarif, markdown, html. (see closewait merge --help)\n",
    );
    expect(runCli(['merge', ...audit.json.shards, '--outptu', 'x.json'], { cwd: monorepo }).stderr).toBe(
      "closewait: unknown option '--outptu' (Did you mean --output?) (see closewait merge --help)\n",
    );
  });
});
