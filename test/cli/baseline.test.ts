import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBaseline, createBaseline, readBaseline } from '../../src/cli/baseline.js';
import { ClosewaitError } from '../../src/cli/errors.js';
import { getFingerprint, getResourceName } from '../../src/cli/fingerprint.js';
import type { ReportedFinding } from '../../src/cli/result.js';
import { fixture, repoRoot, runCli } from './helpers.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-baseline-'));
  // Copies of fixtures see the repository's @types/node, as the fixtures themselves do.
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
});

/** A copy of test/fixtures/<name> in the scratch directory, to change or write baselines into. */
function copyFixture(name: string, as: string): string {
  const copy = path.join(scratch, as);
  cpSync(path.join(repoRoot, 'test', 'fixtures', name), copy, { recursive: true });
  return copy;
}
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const data = { resource: 'The net.Socket `s` created on line 4' };

describe('fingerprints', () => {
  const base = { ruleId: 'no-leaked-socket', file: 'src/a.ts', source: '  if (x) return;', data };

  it('ignore indentation, spacing and the line the resource was created on', () => {
    const fingerprint = getFingerprint(base);
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(getFingerprint({ ...base, source: 'if (x)    return;' })).toBe(fingerprint);
    expect(getFingerprint({ ...base, data: { resource: 'The net.Socket `s` created on line 40' } })).toBe(fingerprint);
  });

  it('change with the rule, the file, the code and the resource', () => {
    const fingerprint = getFingerprint(base);
    expect(getFingerprint({ ...base, ruleId: 'other' })).not.toBe(fingerprint);
    expect(getFingerprint({ ...base, file: 'src/b.ts' })).not.toBe(fingerprint);
    expect(getFingerprint({ ...base, source: 'if (y) return;' })).not.toBe(fingerprint);
    expect(getFingerprint({ ...base, data: { resource: 'The net.Socket `t` created on line 4' } })).not.toBe(fingerprint);
  });

  it('name the resource by data.name, its code spans, or its text without numbers', () => {
    expect(getResourceName({ name: 'pool', resource: 'x' })).toBe('pool');
    expect(getResourceName(data)).toBe('`s`');
    expect(getResourceName({ resource: 'a socket created on line 12' })).toBe('a socket created on line #');
    expect(getResourceName({})).toBe('');
  });
});

describe('matching', () => {
  const finding = (line: number, fingerprint: string): ReportedFinding =>
    ({ fingerprint, line, file: 'a.ts', ruleId: 'r', message: `m${line}` }) as unknown as ReportedFinding;

  it('treats entries as a multiset, preferring the nearest line', () => {
    const findings = [finding(10, 'a'), finding(50, 'a'), finding(60, 'b')];
    const entries = createBaseline([finding(48, 'a')]).findings;
    const matched = applyBaseline(findings, entries);
    expect(matched.suppressed.map((f) => f.line)).toEqual([50]);
    expect(matched.findings.map((f) => f.line)).toEqual([10, 60]);
    expect(matched.stale).toBe(0);
  });

  it('counts entries that match nothing as stale', () => {
    const entries = createBaseline([finding(1, 'a'), finding(2, 'a')]).findings;
    expect(applyBaseline([], entries)).toEqual({ findings: [], suppressed: [], stale: 2, unmatched: entries });
  });

  it('sorts the baseline file so that it diffs well', () => {
    const entries = createBaseline([{ ...finding(9, 'z'), file: 'b.ts' }, finding(2, 'y'), finding(1, 'x')]).findings;
    expect(entries.map((entry) => `${entry.file}:${entry.line}`)).toEqual(['a.ts:1', 'a.ts:2', 'b.ts:9']);
  });

  it('rejects a file that is not a baseline', () => {
    const file = path.join(scratch, 'not-a-baseline.json');
    writeFileSync(file, '{"findings": []}');
    expect(() => readBaseline(file, 'x.json')).toThrow(ClosewaitError);
    expect(() => readBaseline(file, 'x.json')).toThrow('x.json: not a closewait baseline');
    writeFileSync(file, '{"version": 1, "findings": [{"line": 3}]}');
    expect(() => readBaseline(file, 'x.json')).toThrow('x.json: findings[0] has no "fingerprint"');
  });
});

describe('--baseline and --update-baseline', () => {
  it('records the findings, then reports only new ones, even after the code moved', () => {
    const project = copyFixture('cli/baseline', 'moved');
    const baseline = path.join(project, 'baseline.json');

    const update = runCli(['--baseline', baseline, '--update-baseline'], { cwd: project });
    expect(update.code).toBe(0);
    expect(update.stdout).toBe('✔ No socket lifecycle problems found (1 file analysed, 1 in the baseline)\n');
    expect(update.stderr).toBe(`closewait: wrote 1 finding to the baseline ${baseline}\n`);
    const written = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(written).toMatchObject({ version: 1, tool: 'closewait', findings: [{ ruleId: 'no-leaked-socket', file: 'src/client.ts', line: 5 }] });

    expect(runCli(['--baseline', baseline], { cwd: project })).toMatchObject({ code: 0, stderr: '' });

    // Same file path, the known leak moved from line 5 to 12 and re-spaced, plus one new leak.
    cpSync(fixture('baseline-moved', 'src'), path.join(project, 'src'), { recursive: true });
    const moved = runCli(['--baseline', baseline, '-f', 'json'], { cwd: project });
    expect(moved.code).toBe(1);
    const report = JSON.parse(moved.stdout);
    expect(report.summary).toMatchObject({ findings: 1, suppressed: 1, staleBaselineEntries: 0 });
    expect(report.findings.map((f: { line: number }) => f.line)).toEqual([18]);
  });

  it('notes baseline entries that no longer match, unless --quiet', () => {
    const project = copyFixture('cli/baseline', 'stale');
    const baseline = path.join(project, 'stale.json');
    runCli(['--baseline', baseline, '--update-baseline'], { cwd: project });
    writeFileSync(path.join(project, 'src', 'client.ts'), 'export const fixed = true;\n');
    const run = runCli(['--baseline', baseline], { cwd: project });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('closewait: 1 baseline entry matches no finding any more; refresh the baseline with --update-baseline\n');
    expect(runCli(['--baseline', baseline, '-q'], { cwd: project }).stderr).toBe('');
  });

  it('stores paths relative to the baseline file, so one baseline serves the root of a monorepo and each package', () => {
    const repo = copyFixture('monorepo', 'monorepo');
    const api = path.join(repo, 'packages', 'api');
    const baseline = path.join(repo, '.closewait-baseline.json');
    expect(runCli(['--baseline', '.closewait-baseline.json', '--update-baseline', '-q'], { cwd: repo }).code).toBe(0);
    const fromRoot = readFileSync(baseline, 'utf8');
    const entries = (JSON.parse(fromRoot) as { findings: { file: string }[] }).findings;
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.some((entry) => entry.file.startsWith('packages/api/'))).toBe(true);
    expect(entries.some((entry) => !entry.file.startsWith('packages/api/'))).toBe(true);

    // From the package (its reference to shared gives types, shared is not audited from here): its
    // findings match the root's entries; the entries of files it does not analyse are not stale.
    const packageFiles = (JSON.parse(runCli(['-f', 'json'], { cwd: api }).stdout) as { findings: { file: string }[] }).findings.map((finding) =>
      path.relative(repo, path.join(api, finding.file)),
    );
    expect(packageFiles.length).toBeGreaterThan(0);
    expect(packageFiles.every((file) => file.startsWith('packages/api/'))).toBe(true);
    const inPackage = runCli(['--baseline', '../../.closewait-baseline.json', '-f', 'json'], { cwd: api });
    expect(inPackage.code).toBe(0);
    const summary = (JSON.parse(inPackage.stdout) as { summary: { findings: number; suppressed: number; staleBaselineEntries: number } }).summary;
    expect(summary).toEqual(expect.objectContaining({ findings: 0, staleBaselineEntries: 0 }));
    expect(summary.suppressed).toBe(packageFiles.length);
    expect(inPackage.stderr).toBe('');

    // Updating it from the package keeps the other entries: the file is the one the root wrote.
    const others = entries.filter((entry) => !packageFiles.includes(entry.file)).length;
    expect(others).toBeGreaterThan(0);
    const update = runCli(['--baseline', '../../.closewait-baseline.json', '--update-baseline'], { cwd: api });
    expect(update.stderr).toBe(
      `closewait: wrote ${summary.suppressed} finding${summary.suppressed === 1 ? '' : 's'} to the baseline ../../.closewait-baseline.json (kept ${others} entr${others === 1 ? 'y' : 'ies'} of files this run did not analyse)\n`,
    );
    expect(readFileSync(baseline, 'utf8')).toBe(fromRoot);
    expect(runCli(['--baseline', '.closewait-baseline.json'], { cwd: repo })).toMatchObject({ code: 0, stderr: '' });
  });

  it('says in one line, naming the file, when the baseline cannot be written', () => {
    const cwd = fixture('baseline');
    // A folder in the path is a file: before the analysis, one line, exit status 2.
    expect(runCli(['--baseline', 'tsconfig.json/baseline.json', '--update-baseline'], { cwd })).toEqual({
      code: 2,
      stdout: '',
      stderr: `closewait: cannot write tsconfig.json/baseline.json: ${path.join(cwd, 'tsconfig.json')} is not a folder\n`,
    });
    expect(runCli(['--baseline', 'src', '--update-baseline'], { cwd })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'closewait: cannot write src: is a directory, not a file\n',
    });
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('says "permission denied" for a folder it cannot write', () => {
    const locked = mkdtempSync(path.join(scratch, 'locked-'));
    chmodSync(locked, 0o555);
    try {
      const baseline = path.join(locked, 'baseline.json');
      expect(runCli(['--baseline', baseline, '--update-baseline'], { cwd: fixture('baseline') })).toEqual({
        code: 2,
        stdout: '',
        stderr: `closewait: cannot write ${baseline}: permission denied\n`,
      });
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});
