/**
 * Whole repositories in one run: solution-style tsconfigs followed transitively, npm/yarn/pnpm
 * workspaces, repeated --project, a file listed by several projects analysed and reported once,
 * one report with the number of projects, a baseline across the repository.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClosewaitError } from '../../src/cli/errors.js';
import { planAudit } from '../../src/cli/plan.js';
import { discoverProjects, getProjectLabel } from '../../src/cli/projects.js';
import { run } from '../../src/cli/run.js';
import { fixture, repoRoot, runCli } from './helpers.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures');
const monorepo = path.join(fixtures, 'monorepo');
const positions = (findings: readonly { file: string; line: number; column: number; ruleId: string }[]) => findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`);
const labels = (cwd: string, projects: readonly string[] = []) => discoverProjects(cwd, projects, []).map((source) => getProjectLabel(source, cwd));

const monorepoFindings = [
  'packages/api/src/client.ts:6:5 no-leaked-socket',
  'packages/api/src/status.ts:5:38 consume-response-body',
  'packages/shared/src/connect.ts:12:14 no-leaked-socket',
  'packages/worker/src/worker.ts:7:26 no-leaked-socket',
];

describe('a solution-style tsconfig', () => {
  it('is followed through its references, transitively, referenced projects first, as tsc -b does', () => {
    expect(labels(monorepo)).toEqual(['packages/shared/tsconfig.json', 'packages/api/tsconfig.json', 'packages/worker/tsconfig.json', 'tsconfig.json']);
  });

  it('reports the leaks of every package in one run, exit 1', () => {
    const cli = runCli([], { cwd: monorepo });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toContain('packages/worker/src/worker.ts\n  7:26  ');
    expect(cli.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 4 findings in 4 files (8 files analysed in 3 projects, 2 silenced by eslint-disable comments)');
  });

  it('analyses and reports a file listed by two projects once', () => {
    const result = run({ cwd: monorepo });
    expect(positions(result.findings)).toEqual(monorepoFindings);
    // shared/src/connect.ts is in packages/shared and in packages/worker's `include`.
    expect(result.filesAnalyzed).toBe(8);
    expect(result.projects).toEqual(['packages/api/tsconfig.json', 'packages/shared/tsconfig.json', 'packages/worker/tsconfig.json']);
    expect(result.tsconfig).toBe('packages/api/tsconfig.json');
  });

  it('from inside one package, audits that package: the packages it references only give it their types', () => {
    const api = path.join(monorepo, 'packages', 'api');
    expect(discoverProjects(api, [], []).map((source) => getProjectLabel(source, monorepo))).toEqual(['packages/api/tsconfig.json']);
    // From a folder of the package too (the nearest tsconfig is found upward).
    expect(discoverProjects(path.join(api, 'src'), [], []).map((source) => getProjectLabel(source, monorepo))).toEqual(['packages/api/tsconfig.json']);
    // Naming it with --project still follows its references, as `tsc -b -p` does.
    expect(labels(monorepo, ['packages/api'])).toEqual(['packages/shared/tsconfig.json', 'packages/api/tsconfig.json']);
  });

  it('reports paths relative to where the CLI runs', () => {
    expect(positions(run({ cwd: path.join(monorepo, 'packages'), projects: ['..'] }).findings)).toEqual(monorepoFindings.map((finding) => finding.replace('packages/', '')));
  });

  it('fails on a reference to a project that does not exist', () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-references-'));
    try {
      writeFileSync(path.join(scratch, 'tsconfig.json'), JSON.stringify({ files: [], references: [{ path: './packages/gone' }] }));
      expect(() => discoverProjects(scratch, [], [])).toThrow(new ClosewaitError('tsconfig.json references packages/gone, which has no tsconfig.json'));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('--project, repeated', () => {
  it('analyses every project named, with their references, each once', () => {
    expect(labels(monorepo, ['packages/worker'])).toEqual(['packages/shared/tsconfig.json', 'packages/worker/tsconfig.json']);
    expect(labels(monorepo, ['packages/api', 'packages/worker/tsconfig.json'])).toEqual(['packages/shared/tsconfig.json', 'packages/api/tsconfig.json', 'packages/worker/tsconfig.json']);
    const cli = runCli(['-p', 'packages/api', '-p', 'packages/worker', '-f', 'json'], { cwd: monorepo });
    expect(positions((JSON.parse(cli.stdout) as { findings: [] }).findings)).toEqual(monorepoFindings);
  });

  it('is narrowed by paths like a single project', () => {
    const plan = planAudit({ cwd: monorepo, paths: ['packages/shared'], projects: [] });
    expect(plan.projects.filter((project) => project.assigned.length > 0).map((project) => project.label)).toEqual(['packages/shared/tsconfig.json']);
    expect(positions(run({ cwd: monorepo, paths: ['packages/shared'] }).findings)).toEqual(['packages/shared/src/connect.ts:12:14 no-leaked-socket']);
  });
});

describe('workspaces with no tsconfig at the root', () => {
  it("finds pnpm workspaces' tsconfigs, honours negated patterns, and gives a workspace without one a default program", () => {
    const cwd = path.join(fixtures, 'workspaces-pnpm');
    expect(labels(cwd)).toEqual(['apps/cli', 'apps/web/tsconfig.json', 'libs/net/tsconfig.json']);
    const result = run({ cwd });
    expect(positions(result.findings)).toEqual(['apps/cli/bin/run.js:5:15 no-leaked-socket', 'apps/web/src/index.ts:5:20 no-leaked-socket', 'libs/net/src/pool.ts:5:19 no-leaked-socket']);
    expect(result.projects).toHaveLength(3);
  });

  it("reads yarn's `workspaces.packages` and npm's `workspaces` list", () => {
    expect(labels(path.join(fixtures, 'workspaces-yarn'))).toEqual(['packages/server/tsconfig.json']);
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-npm-workspaces-'));
    try {
      cpSync(path.join(fixtures, 'workspaces-yarn', 'packages'), path.join(scratch, 'pkgs'), { recursive: true });
      writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'npm-root', private: true, workspaces: ['./pkgs/*/'] }));
      expect(labels(scratch)).toEqual(['pkgs/server/tsconfig.json']);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('says what is wrong with a workspaces field that is not a list of patterns', () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-bad-workspaces-'));
    try {
      writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ workspaces: 'packages/*' }));
      expect(runCli([], { cwd: scratch })).toEqual({ code: 2, stdout: '', stderr: 'closewait: package.json "workspaces": must be a list of glob patterns\n' });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('one report for the whole repository', () => {
  it('is one SARIF run, with silenced findings marked as suppressed in source', () => {
    const log = JSON.parse(runCli(['-f', 'sarif'], { cwd: monorepo }).stdout) as Sarif.Log;
    expect(log.runs).toHaveLength(1);
    const run0 = log.runs[0]!;
    expect(run0.properties?.['closewait']).toEqual({ filesAnalyzed: 8, projects: ['packages/api/tsconfig.json', 'packages/shared/tsconfig.json', 'packages/worker/tsconfig.json'] });
    const suppressed = (run0.results ?? []).filter((result) => result.suppressions !== undefined);
    expect(suppressed.map((result) => [result.locations?.[0]?.physicalLocation?.artifactLocation?.uri, result.suppressions])).toEqual([
      ['packages/api/src/keep-alive.ts', [{ kind: 'inSource', justification: 'kept for the process lifetime' }]],
      ['packages/worker/src/legacy.ts', [{ kind: 'inSource', justification: 'legacy code, tracked in issue 12' }]],
    ]);
    expect((run0.results ?? []).length).toBe(monorepoFindings.length + 2);
  });

  it('counts the projects and the silenced findings in the JSON summary', () => {
    const report = JSON.parse(runCli(['-f', 'json'], { cwd: monorepo }).stdout) as { summary: object; projects: string[] };
    expect(report.summary).toEqual({ filesAnalyzed: 8, projects: 3, findings: 4, suppressed: 0, suppressedInSource: 2, staleBaselineEntries: 0, errors: 0, skipped: 0 });
  });
});

describe('a baseline for the whole repository', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-monorepo-baseline-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('records every package’s findings and then reports none of them', () => {
    const baseline = path.join(scratch, 'baseline.json');
    expect(runCli(['--baseline', baseline, '--update-baseline', '-q'], { cwd: monorepo }).code).toBe(0);
    expect(runCli(['--baseline', baseline], { cwd: monorepo })).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('the fixtures of other tests', () => {
  it('keep their single project', () => {
    expect(labels(fixture('leaks'))).toEqual(['tsconfig.json']);
    expect(labels(fixture('no-tsconfig'))).toEqual(['.']);
  });
});
