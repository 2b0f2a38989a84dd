/**
 * `node dist/bench/monorepo.js [--packages N] [--mode M]`: peak memory and CPU time of one audit of
 * a generated monorepo (N copies of test/fixtures/monorepo's packages behind one solution
 * tsconfig), in three ways of loading its projects (see docs/performance.md, "Monorepos"):
 *
 * - `sequential` (what the CLI does): one program after another, each dropped once its files are
 *   analysed, declaration files parsed once and shared;
 * - `sequential-unshared`: the same, each program parsing its own declaration files;
 * - `all-at-once`: every program built first and kept, then every file analysed.
 *
 * Without --mode, each mode runs in its own process and the figures are printed as a table.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyseFile } from '../src/cli/analyse.js';
import { planAudit } from '../src/cli/plan.js';
import { createDeclarationCache, loadProgram, type LoadedProgram } from '../src/cli/project.js';
import { getRuleCatalog } from '../src/cli/rule-catalog.js';
import { run } from '../src/cli/run.js';

const MODES = ['sequential', 'sequential-unshared', 'all-at-once'] as const;
type Mode = (typeof MODES)[number];
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const { values } = parseArgs({ options: { packages: { type: 'string', default: '12' }, mode: { type: 'string' }, dir: { type: 'string' } } });
const packages = Number(values.packages);

if (values.mode !== undefined) {
  measureMode(values.mode as Mode, values.dir!);
} else {
  const dir = createMonorepo(packages);
  try {
    console.log(`${packages * 3} projects (${packages} copies of the example monorepo's three packages)`);
    console.log('mode                  peak RSS   CPU time');
    for (const mode of MODES) {
      const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--mode', mode, '--dir', dir], { encoding: 'utf8' });
      const { rssMB, cpuMs } = JSON.parse(output) as { rssMB: number; cpuMs: number };
      console.log(`${mode.padEnd(20)}  ${String(rssMB).padStart(5)} MB  ${(cpuMs / 1000).toFixed(1).padStart(6)} s`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A monorepo inside the repository (so @types/node resolves): `count` copies of the fixture's packages, referenced by one solution tsconfig. */
function createMonorepo(count: number): string {
  const fixture = path.join(repoRoot, 'test', 'fixtures', 'monorepo');
  const dir = mkdtempSync(path.join(repoRoot, 'test', 'fixtures', '.bench-monorepo-'));
  cpSync(path.join(fixture, 'tsconfig.base.json'), path.join(dir, 'tsconfig.base.json'));
  const references: { path: string }[] = [];
  for (let copy = 1; copy <= count; copy++) {
    cpSync(path.join(fixture, 'packages'), path.join(dir, `copy-${copy}`, 'packages'), { recursive: true });
    writeFileSync(path.join(dir, `copy-${copy}`, 'tsconfig.base.json'), JSON.stringify({ extends: '../tsconfig.base.json' }));
    references.push({ path: `./copy-${copy}/packages/api` }, { path: `./copy-${copy}/packages/worker` });
  }
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ files: [], references }));
  return dir;
}

function measureMode(mode: Mode, dir: string): void {
  if (mode === 'sequential') {
    run({ cwd: dir });
  } else {
    const plan = planAudit({ cwd: dir, paths: [], projects: [] });
    const rules = getRuleCatalog().map((rule) => ({ rule, options: rule.defaultOptions }));
    const settings = { root: dir, rules, typesCheck: undefined, reportUnusedDirectives: false };
    const load = (project: (typeof plan.projects)[number]): LoadedProgram => loadProgram(project.inputs, project.extraRoots, project.assigned, dir, createDeclarationCache());
    if (mode === 'sequential-unshared') {
      for (const project of plan.projects) {
        const program = load(project);
        for (const sourceFile of program.sourceFiles) analyseFile(sourceFile, program.host, settings);
      }
    } else {
      const programs = plan.projects.map(load);
      for (const program of programs) for (const sourceFile of program.sourceFiles) analyseFile(sourceFile, program.host, settings);
    }
  }
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ rssMB: Math.round(process.resourceUsage().maxRSS / 1024), cpuMs: Math.round((cpu.user + cpu.system) / 1000) }));
}
