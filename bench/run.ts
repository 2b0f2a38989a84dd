/**
 * `npm run bench`: closewait's cost against the type checker's own, on real packages from npm and
 * on generated projects. See docs/performance.md for what is measured and how to read it.
 *
 *   npm run bench -- [--runs N] [--sizes 10k,100k[,1m]] [--packages ws,pg] [--sections tsc,eslint,startup,relint,profile]
 *                    [--cache DIR] [--heap MB] [--save | --no-save] [--from RESULTS.json] [--build CHECKOUT]
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { getEslintArgs, getEslintPaths, readEslintOutcome, writeEslintConfig, ESLINT_VARIANTS, FLOOR_PLUGIN, type EslintPaths, type EslintVariant } from './lib/eslint.js';
import { getMemorySource, measure, percentile, summarise, type Command, type Sample } from './lib/measure.js';
import { PACKAGES, getCacheDir, preparePackage, getProgramFiles, type PreparedProject } from './lib/packages.js';
import { summariseProfile, type ProfileSummary } from './lib/profile.js';
import {
  DOCS_END,
  DOCS_START,
  formatDocsBlock,
  formatTerminal,
  getTargets,
  type Machine,
  type ProjectResult,
  type RelintResult,
  type RelintSummary,
  type Results,
  type ScalingRow,
  type ToolRun,
} from './lib/report.js';
import { getSyntheticProject, parseSize } from './lib/synthetic.js';

/** dist/bench/run.js → the repository root. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SECTIONS = ['tsc', 'eslint', 'startup', 'relint', 'profile'] as const;
type Section = (typeof SECTIONS)[number];
/** ESLint runs three variants per project: beyond this size a synthetic project is left out of them. */
const ESLINT_MAX_LINES = 150_000;
/** The project whose CLI time is the fixed cost subtracted in the "net" scaling figures. */
const FIXED_COST_SIZE = '200';
/** Start-up: at least this many runs of each (a start-up is short, and its spread is large). */
const STARTUP_MIN_RUNS = 7;
/** Warm re-lint: the largest files of each package, each re-linted after this many edits. */
const RELINT_FILES = 5;
const RELINT_EDITS = 5;

interface Options {
  readonly runs: number;
  readonly sizes: readonly string[];
  readonly packages: readonly string[];
  readonly sections: readonly Section[];
  readonly cacheDir: string;
  readonly nodeFlags: readonly string[];
  readonly save: boolean;
  /** Re-render a results file (tables, targets, docs) instead of measuring. */
  readonly from: string | undefined;
  /** The checkout whose built dist/ is measured (another worktree's, for a before/after); this one by default. */
  readonly build: string;
}

function getOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string', default: '3' },
      sizes: { type: 'string', default: '10k,100k' },
      packages: { type: 'string' },
      sections: { type: 'string', default: 'tsc,eslint,startup,relint' },
      cache: { type: 'string' },
      heap: { type: 'string' },
      save: { type: 'boolean' },
      from: { type: 'string' },
      build: { type: 'string' },
      'no-save': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 6);
    process.stdout.write(`${header.map((line) => line.replace(/^ \*\s?/, '')).join('\n')}\n`);
    process.exit(0);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not ${values.runs}`);
  const sizes = splitList(values.sizes);
  for (const size of sizes) parseSize(size);
  const known = PACKAGES.map((p) => p.name);
  const packages = values.packages === undefined ? known : splitList(values.packages);
  for (const name of packages) if (!known.includes(name)) throw new Error(`unknown package ${name} (known: ${known.join(', ')})`);
  const sections = splitList(values.sections).map((section) => {
    if (!(SECTIONS as readonly string[]).includes(section)) throw new Error(`unknown section ${section} (known: ${SECTIONS.join(', ')})`);
    return section as Section;
  });
  const cacheDir = getCacheDir('closewait-bench', values.cache, repoRoot);
  const nodeFlags = values.heap === undefined ? [] : [`--max-old-space-size=${Number(values.heap)}`];
  // A run over everything (the default sets or more) updates the committed figures; a partial
  // run only writes to the cache, unless --save says otherwise.
  const complete =
    values.from === undefined && values.packages === undefined && ['tsc', 'eslint', 'startup', 'relint'].every((section) => sections.includes(section as Section)) && sizes.length >= 2;
  const build = path.resolve(values.build ?? repoRoot);
  // Another checkout's figures are a comparison, not this checkout's: never saved unless asked.
  const save = values['no-save'] ? false : (values.save ?? (complete && build === repoRoot));
  return { runs, sizes, packages, sections, cacheDir, nodeFlags, save, from: values.from, build };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

const startedAt = Date.now();
function log(line: string): void {
  const elapsed = ((Date.now() - startedAt) / 1000).toFixed(0).padStart(5);
  process.stderr.write(`[${elapsed}s] ${line}\n`);
}

async function main(): Promise<void> {
  const options = getOptions(process.argv.slice(2));
  if (options.from !== undefined) {
    rerender(options);
    return;
  }
  if (!existsSync(path.join(options.build, 'dist', 'src', 'cli', 'bin.js'))) throw new Error(`${options.build}/dist/ is missing: run \`npm run build\` there first (npm run bench does it here)`);
  // Measure a copy of the build: a rebuild of dist/ in the checkout during the run (a test run
  // elsewhere) must not change the code under measurement halfway.
  const build = snapshotBuild(options.cacheDir, options.build);
  const cliBin = path.join(build.root, 'dist', 'src', 'cli', 'bin.js');
  const floorBin = path.join(build.root, 'dist', 'bench', 'floor.js');
  const typeRoots = path.join(repoRoot, 'node_modules', '@types');
  const tscBin = path.join(repoRoot, 'node_modules', 'typescript', 'lib', 'tsc.js');
  const outDir = path.join(options.cacheDir, 'out');
  mkdirSync(outDir, { recursive: true });
  const loadAverageAtStart = os.loadavg();
  log(`cache: ${options.cacheDir}; runs: ${options.runs}; sizes: ${options.sizes.join(', ')}; sections: ${options.sections.join(', ')}`);

  // 1. Projects: real packages, then the synthetic sizes (smallest first).
  const projects: PreparedProject[] = [];
  for (const spec of PACKAGES.filter((p) => options.packages.includes(p.name))) {
    projects.push(preparePackage(spec, options.cacheDir, typeRoots, log));
  }
  const sizes = [...options.sizes].sort((a, b) => parseSize(a) - parseSize(b));
  const synthetic = sizes.map((size) => toPrepared(getSyntheticProject(options.cacheDir, size, typeRoots)));
  projects.push(...synthetic);
  for (const p of projects) log(`${p.name}: ${p.files.length} files, ${p.lines} lines`);

  const results: ProjectResult[] = projects.map((p) => ({
    name: p.name,
    kind: p.kind,
    language: p.language,
    files: p.files.length,
    lines: p.lines,
    ...(p.missingDependencies?.length ? { missingDependencies: p.missingDependencies } : {}),
  }));
  const tscCommand = (p: PreparedProject, out: string) => ({
    nodeArgs: [...options.nodeFlags, tscBin, '--noEmit', '-p', p.tsconfig],
    cwd: p.dir,
    stdoutFile: out,
    okExitCodes: [0, 1, 2],
  });
  const cliCommand = (p: PreparedProject, out: string, extraNodeFlags: readonly string[] = []) => ({
    nodeArgs: [...options.nodeFlags, ...extraNodeFlags, cliBin, '--project', p.tsconfig, '--format', 'json', '--quiet'],
    cwd: p.dir,
    stdoutFile: out,
    env: { CI: 'true' },
    okExitCodes: [0, 1, 2],
  });
  const floorCommand = (p: PreparedProject, out: string) => ({
    nodeArgs: [...options.nodeFlags, floorBin, '--project', p.tsconfig],
    cwd: p.dir,
    stdoutFile: out,
  });

  // 2. CLI vs tsc, and the CLI's floor (bench/floor.ts), interleaved run by run so that background
  // load falls on all three alike.
  let fixedCost: Results['fixedCost'];
  if (options.sections.includes('tsc')) {
    for (const [index, p] of projects.entries()) {
      const result = results[index];
      if (!result) continue;
      const tscRuns: Sample[] = [];
      const cliRuns: Sample[] = [];
      const floorRuns: Sample[] = [];
      const tscOut = path.join(outDir, `${p.name}.tsc.txt`);
      const cliOut = path.join(outDir, `${p.name}.cli.json`);
      const floorOut = path.join(outDir, `${p.name}.floor.json`);
      for (let run = 1; run <= options.runs; run++) {
        tscRuns.push(await measure(tscCommand(p, tscOut)));
        cliRuns.push(await measure(cliCommand(p, cliOut)));
        floorRuns.push(await measure(floorCommand(p, floorOut)));
        const [t, c, f] = [tscRuns.at(-1), cliRuns.at(-1), floorRuns.at(-1)];
        log(
          `${p.name} run ${run}/${options.runs}: tsc ${sec(t?.ms)} s (cpu ${sec(t?.cpuMs)}) ${mib(t?.rssMiB)} MiB, ` +
            `cli ${sec(c?.ms)} s (cpu ${sec(c?.cpuMs)}) ${mib(c?.rssMiB)} MiB, floor ${sec(f?.ms)} s (cpu ${sec(f?.cpuMs)}) ${mib(f?.rssMiB)} MiB`,
        );
      }
      const configErrors = getTscConfigErrors(tscOut);
      if (configErrors.length > 0) log(`warning: tsc stopped on tsconfig errors in ${p.name} (its figures are not a type check): ${configErrors[0] ?? ''}`);
      result.tsc = {
        ...summarise(tscRuns),
        reported: countTscErrors(tscOut),
        ...(configErrors.length > 0 ? { note: `tsconfig errors: ${configErrors.join('; ')}` } : {}),
      };
      result.cli = { ...summarise(cliRuns), ...readCliOutcome(cliOut) };
      result.floor = summarise(floorRuns);
    }
    if (synthetic.length > 0) {
      const tiny = toPrepared(getSyntheticProject(options.cacheDir, FIXED_COST_SIZE, typeRoots));
      const tscRuns: Sample[] = [];
      const cliRuns: Sample[] = [];
      for (let run = 1; run <= options.runs; run++) {
        tscRuns.push(await measure(tscCommand(tiny, path.join(outDir, `${tiny.name}.tsc.txt`))));
        cliRuns.push(await measure(cliCommand(tiny, path.join(outDir, `${tiny.name}.cli.json`))));
      }
      fixedCost = { project: tiny.name, lines: tiny.lines, cliMs: summarise(cliRuns).ms, tscMs: summarise(tscRuns).ms };
      log(`fixed cost (${tiny.lines} lines): cli ${sec(fixedCost.cliMs)} s, tsc ${sec(fixedCost.tscMs)} s`);
    }
  }

  // 3. Type-aware ESLint: no rules, closewait's recommended rules, no-floating-promises alone, the checker floor.
  if (options.sections.includes('eslint')) {
    const eslintPaths = getEslintPaths(repoRoot, build.root);
    const variants = ESLINT_VARIANTS.filter((v) => v !== 'no-floating-promises' || eslintPaths.tsPluginUrl !== undefined);
    if (variants.length < ESLINT_VARIANTS.length) log('@typescript-eslint/eslint-plugin is not installed: no-floating-promises is left out');
    for (const [index, p] of projects.entries()) {
      const result = results[index];
      if (!result || p.lines > ESLINT_MAX_LINES) continue;
      result.eslint = await measureEslint(p, variants, eslintPaths, options, outDir);
    }
  }

  // 4. Start-up: the CLI and tsc on an empty project, interleaved.
  let startup: Results['startup'];
  if (options.sections.includes('startup')) startup = await measureStartup(options, outDir, tscCommand, cliCommand);

  // 5. The editor: re-linting one file in a warm program, our rules, no-floating-promises and the checker floor.
  const relint: RelintResult[] = [];
  if (options.sections.includes('relint')) {
    const eslintPaths = getEslintPaths(repoRoot, build.root);
    for (const p of projects.filter((project) => project.kind === 'package')) relint.push(measureRelint(p, eslintPaths, outDir));
  }

  // 6. Profiles of the CLI on the largest real package and the largest synthetic project up to 100k.
  const profiles: ProfileSummary[] = [];
  if (options.sections.includes('profile')) {
    const profileDir = path.join(options.cacheDir, 'profiles');
    mkdirSync(profileDir, { recursive: true });
    const largestPackage = projects.filter((p) => p.kind === 'package').sort((a, b) => b.lines - a.lines)[0];
    const syntheticTarget = synthetic.filter((p) => p.lines <= 150_000).at(-1);
    for (const p of [largestPackage, syntheticTarget]) {
      if (!p) continue;
      const name = `${p.name}.cpuprofile`;
      rmSync(path.join(profileDir, name), { force: true });
      log(`profiling the CLI on ${p.name}`);
      await measure(cliCommand(p, path.join(outDir, `${p.name}.profile.json`), ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', name]));
      profiles.push(summariseProfile(path.join(profileDir, name), repoRoot));
    }
  }

  // 7. Results.
  const scaling = getScaling(results, fixedCost);
  const all: Results = {
    version: 1,
    date: new Date().toISOString(),
    machine: getMachine(loadAverageAtStart),
    tools: { ...getToolVersions(), 'closewait build': build.builtAt, ...(options.build === repoRoot ? {} : { 'closewait build from': options.build }) },
    options: { runs: options.runs, sizes, sections: options.sections, memory: getMemorySource(), nodeFlags: options.nodeFlags },
    wallMs: Date.now() - startedAt,
    projects: results,
    fixedCost,
    scaling,
    startup,
    relint,
    targets: getTargets({ projects: results, scaling, startup, relint }),
    profiles,
  };
  const json = `${JSON.stringify(all, null, 2)}\n`;
  const resultsDir = path.join(options.cacheDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamped = path.join(resultsDir, `${all.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(stamped, json);
  writeFileSync(path.join(resultsDir, 'latest.json'), json);
  process.stdout.write(`${formatTerminal(all)}\n\n`);
  log(`results: ${stamped}`);
  if (options.save) {
    saveResults(all);
  } else {
    log('partial run: bench/results/latest.json and docs/performance.md left as they are (pass --save to update them)');
  }
}

/** Judge and print a saved results file again (after a change to the report), saving it with --save. */
function rerender(options: Options): void {
  const saved = JSON.parse(readFileSync(path.resolve(options.from ?? ''), 'utf8')) as Results;
  const results: Results = { ...saved, targets: getTargets(saved) };
  process.stdout.write(`${formatTerminal(results)}\n`);
  if (options.save) saveResults(results);
}

function saveResults(results: Results): void {
  const committed = path.join(repoRoot, 'bench', 'results', 'latest.json');
  mkdirSync(path.dirname(committed), { recursive: true });
  writeFileSync(committed, `${JSON.stringify(results, null, 2)}\n`);
  updateDocs(path.join(repoRoot, 'docs', 'performance.md'), formatDocsBlock(results));
  log(`updated bench/results/latest.json and docs/performance.md`);
}

/**
 * Copy a checkout's dist/src, dist/rules and package.json into the cache, node_modules linked to
 * this repository's, with this bench's floor.js beside them, so that the floor loads that build.
 */
function snapshotBuild(cacheDir: string, checkout: string): { root: string; builtAt: string } {
  const root = path.join(cacheDir, 'build');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'dist', 'bench'), { recursive: true });
  for (const dir of ['src', 'rules']) cpSync(path.join(checkout, 'dist', dir), path.join(root, 'dist', dir), { recursive: true });
  cpSync(fileURLToPath(new URL('./floor.js', import.meta.url)), path.join(root, 'dist', 'bench', 'floor.js'));
  cpSync(path.join(checkout, 'package.json'), path.join(root, 'package.json'));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  let newest = 0;
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else newest = Math.max(newest, statSync(file).mtimeMs);
    }
  };
  visit(path.join(root, 'dist'));
  return { root, builtAt: new Date(newest).toISOString() };
}

function toPrepared(p: ReturnType<typeof getSyntheticProject>): PreparedProject {
  const files = getProgramFiles(p.tsconfig);
  return { name: p.name, kind: 'synthetic', language: 'ts', dir: p.dir, tsconfig: p.tsconfig, files, lines: p.lines };
}

async function measureEslint(
  p: PreparedProject,
  variants: readonly EslintVariant[],
  eslintPaths: EslintPaths,
  options: Options,
  outDir: string,
): Promise<NonNullable<ProjectResult['eslint']>> {
  const configs = new Map(variants.map((v) => [v, writeEslintConfig(p.dir, v, eslintPaths)]));
  const samples = new Map<string, Sample[]>(variants.map((v) => [v, []]));
  for (let run = 1; run <= options.runs; run++) {
    const line: string[] = [];
    for (const variant of variants) {
      const out = path.join(outDir, `${p.name}.eslint-${variant}.json`);
      const config = configs.get(variant) ?? '';
      const sample = await measure({
        nodeArgs: [...options.nodeFlags, ...getEslintArgs(eslintPaths, config, out, p.files)],
        cwd: p.dir,
        stdoutFile: `${out}.stdout`,
        okExitCodes: [0, 1],
      });
      samples.get(variant)?.push(sample);
      line.push(`${variant} ${sec(sample.ms)} s (cpu ${sec(sample.cpuMs)})`);
    }
    log(`${p.name} eslint run ${run}/${options.runs}: ${line.join(', ')}`);
  }
  const eslint: NonNullable<ProjectResult['eslint']> = {};
  for (const variant of variants) {
    const outcome = readEslintOutcome(path.join(outDir, `${p.name}.eslint-${variant}.json`));
    if (outcome.fatal > 0) log(`warning: ${p.name} eslint ${variant}: ${outcome.fatal} fatal messages, e.g. ${outcome.firstFatal ?? ''}`);
    const run: ToolRun = {
      ...summarise(samples.get(variant) ?? []),
      reported: outcome.problems,
      ...(outcome.fatal > 0 ? { note: `${outcome.fatal} fatal` } : {}),
    };
    eslint[variant] = run;
  }
  return eslint;
}

/**
 * An empty project (one empty module, lib ES2023 as the bench packages have it, skipLibCheck, no
 * @types): what remains is each tool's start-up, reading and binding the lib files included. At least STARTUP_MIN_RUNS runs of each, alternated.
 */
async function measureStartup(
  options: Options,
  outDir: string,
  tscCommand: (p: PreparedProject, out: string) => Command,
  cliCommand: (p: PreparedProject, out: string) => Command,
): Promise<NonNullable<Results['startup']>> {
  const dir = path.join(options.cacheDir, 'startup-empty');
  mkdirSync(dir, { recursive: true });
  const tsconfig = path.join(dir, 'tsconfig.json');
  writeFileSync(path.join(dir, 'empty.ts'), 'export {};\n');
  writeFileSync(
    tsconfig,
    `${JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: [] }, files: ['empty.ts'] }, null, 2)}\n`,
  );
  const project: PreparedProject = { name: 'startup-empty', kind: 'synthetic', language: 'ts', dir, tsconfig, files: [path.join(dir, 'empty.ts')], lines: 1 };
  const tscRuns: Sample[] = [];
  const cliRuns: Sample[] = [];
  const runs = Math.max(options.runs, STARTUP_MIN_RUNS);
  for (let run = 1; run <= runs; run++) {
    tscRuns.push(await measure(tscCommand(project, path.join(outDir, 'startup.tsc.txt'))));
    cliRuns.push(await measure(cliCommand(project, path.join(outDir, 'startup.cli.json'))));
  }
  const startup = { runs, tsc: summarise(tscRuns), cli: summarise(cliRuns) };
  log(`start-up on an empty project: tsc ${sec(startup.tsc.ms)} s (cpu ${sec(startup.tsc.cpuMs)}), cli ${sec(startup.cli.ms)} s (cpu ${sec(startup.cli.cpuMs)})`);
  return startup;
}

/**
 * The editor's case on one package (bench/relint.ts): its largest files, each linted once in a
 * warm program and then after RELINT_EDITS one-line edits, with our recommended rules and, for
 * comparison, with no-floating-promises alone and with the checker floor's rule (one type asked of
 * the new checker). Per edit, the time the rules took (ESLint's stats).
 */
function measureRelint(p: PreparedProject, eslintPaths: EslintPaths, outDir: string): RelintResult {
  const sizes = p.files.map((file) => path.resolve(p.dir, file)).map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length }));
  const largest = sizes.sort((a, b) => b.lines - a.lines).slice(0, RELINT_FILES).map((entry) => path.relative(p.dir, entry.file));
  const script = path.join(repoRoot, 'dist', 'bench', 'relint.js');
  const run = (variant: Exclude<EslintVariant, 'none'>, prefix: string): { file: string; lines: number; ms: number[] }[] => {
    const config = writeEslintConfig(p.dir, variant, eslintPaths);
    const child = spawnSync(process.execPath, [script, '--config', config, '--edits', String(RELINT_EDITS), '--rules', prefix, ...largest], {
      cwd: p.dir,
      encoding: 'utf8',
      maxBuffer: 16 * 2 ** 20,
    });
    writeFileSync(path.join(outDir, `${p.name}.relint-${variant}.json`), child.stdout);
    if (child.status !== 0) throw new Error(`relint (${variant}) on ${p.name} failed: ${child.stderr.split('\n')[0] ?? ''}`);
    return (JSON.parse(child.stdout) as { files: { file: string; lines: number; ms: number[] }[] }).files;
  };
  const summary = (files: { ms: number[] }[]) => {
    const all = files.flatMap((file) => file.ms);
    return { p50: percentile(all, 0.5), p95: percentile(all, 0.95), max: Math.max(...all) };
  };
  const closewait = run('closewait', 'closewait/');
  const nfp = eslintPaths.tsPluginUrl === undefined ? undefined : run('no-floating-promises', '@typescript-eslint/');
  const floor = run('checker-floor', `${FLOOR_PLUGIN}/`);
  const floorSummary = summary(floor);
  const msOf = (files: readonly { file: string; ms: number[] }[] | undefined, file: string): number[] => files?.find((other) => other.file === file)?.ms ?? [];
  const result: RelintResult = {
    project: p.name,
    files: closewait.map((file) => ({ file: file.file, lines: file.lines, ms: file.ms, nfpMs: msOf(nfp, file.file), floorMs: msOf(floor, file.file) })),
    closewait: summary(closewait),
    ...(nfp ? { noFloatingPromises: summary(nfp) } : {}),
    floor: floorSummary,
  };
  // Whole ms, but the floor's fractions of a ms as they are.
  const ms = (v: number): string => v.toFixed(v < 1 ? 2 : 0);
  const p50p95 = (name: string, figures: RelintSummary): string => `${name} p50 ${ms(figures.p50)} ms, p95 ${ms(figures.p95)} ms`;
  log(
    `${p.name} re-lint (${largest.length} largest files × ${RELINT_EDITS} edits): ${p50p95('closewait', result.closewait)}` +
      (result.noFloatingPromises ? `; ${p50p95('no-floating-promises', result.noFloatingPromises)}` : '') +
      `; ${p50p95('floor', floorSummary)}`,
  );
  return result;
}

function getScaling(results: readonly ProjectResult[], fixedCost: Results['fixedCost']): ScalingRow[] {
  return results
    .filter((r) => r.kind === 'synthetic' && r.cli && r.tsc)
    .map((r) => {
      const cliMs = r.cli?.ms ?? Number.NaN;
      const kLines = r.lines / 1000;
      const cliCpuMs = r.cli?.cpuMs ?? Number.NaN;
      return {
        project: r.name,
        lines: r.lines,
        cliMs,
        cliCpuMs,
        msPer1k: cliMs / kLines,
        cpuMsPer1k: cliCpuMs / kLines,
        netMsPer1k: (cliMs - (fixedCost?.cliMs ?? 0)) / kLines,
        tscMsPer1k: (r.tsc?.ms ?? Number.NaN) / kLines,
      };
    });
}

function countTscErrors(file: string): number {
  const text = readFileSync(file, 'utf8');
  return (text.match(/error TS\d+/g) ?? []).length;
}

/** Option and tsconfig errors (TS5xxx, or placed in tsconfig.json): tsc reports them and checks nothing. */
function getTscConfigErrors(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /error TS5\d{3}:/.test(line) || line.startsWith('tsconfig.json'));
}

function readCliOutcome(file: string): { reported: number; note?: string } {
  const report = JSON.parse(readFileSync(file, 'utf8')) as { summary: { findings: number; errors: number } };
  return report.summary.errors > 0
    ? { reported: report.summary.findings, note: `${report.summary.errors} files not analysed` }
    : { reported: report.summary.findings };
}

function getMachine(loadAverageAtStart: readonly number[]): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: loadAverageAtStart.map(round2),
    loadAverageAtEnd: os.loadavg().map(round2),
  };
}

function getToolVersions(): Record<string, string> {
  const version = (pkg: string): string => {
    const candidates = [path.join(repoRoot, 'node_modules', pkg, 'package.json')];
    for (const file of candidates) {
      if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    }
    return 'not installed';
  };
  const own = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return {
    closewait: own.version,
    typescript: version('typescript'),
    'ts-morph': version('ts-morph'),
    'typescript in ts-morph': getTsMorphTypescriptVersion(),
    eslint: version('eslint'),
    '@typescript-eslint/parser': version('@typescript-eslint/parser'),
    '@typescript-eslint/eslint-plugin': version('@typescript-eslint/eslint-plugin'),
  };
}

function getTsMorphTypescriptVersion(): string {
  try {
    const require = createRequire(path.join(repoRoot, 'package.json'));
    return (require('ts-morph') as { ts: { version: string } }).ts.version;
  } catch {
    return 'unknown';
  }
}

/** Replace the generated block of the performance doc (or append one). */
function updateDocs(file: string, block: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const start = text.indexOf(DOCS_START);
  const end = text.indexOf(DOCS_END);
  const next = start >= 0 && end > start ? `${text.slice(0, start)}${block}${text.slice(end + DOCS_END.length)}` : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
const sec = (ms: number | undefined): string => (ms === undefined ? '–' : (ms / 1000).toFixed(2));
const mib = (v: number | undefined): string => (v === undefined ? '–' : v.toFixed(0));

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
