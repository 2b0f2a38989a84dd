/**
 * `npm run findings`: record every finding closewait produces, then check that a change left them
 * all as they were, byte for byte. For changes that must not change what is found (speed work).
 *
 *   npm run findings -- record  [--sets tests,realworld,bench,eslint,facts] [--package NAME]... [--cache DIR]
 *   npm run findings -- compare [--sets tests,realworld,bench,eslint,facts] [--package NAME]... [--cache DIR]
 *
 * Sets: `tests`, every engine call of the test suite (bench/findings/record-setup.ts); `realworld`
 * and `bench`, the CLI's JSON report on `npm run realworld`'s and `npm run bench`'s projects;
 * `eslint`, ESLint with the recommended config on the bench projects; `facts`, what the engine
 * sees in the realworld projects (bench/findings/facts.ts), finding or not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getEslintArgs, getEslintPaths, writeEslintConfig } from '../lib/eslint.js';
import { PACKAGES, getCacheDir, getProgramFiles, preparePackage, type PreparedProject } from '../lib/packages.js';
import { getSyntheticProject } from '../lib/synthetic.js';
import { REALWORLD_PACKAGES } from '../realworld/packages.js';

/** dist/bench/findings/run.js → the repository root. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SETS = ['tests', 'realworld', 'bench', 'eslint', 'facts'] as const;
type FindingSet = (typeof SETS)[number];
/** The synthetic projects measured by `npm run bench` by default. */
const SYNTHETIC_SIZES = ['10k', '100k'];
/** ESLint runs are slower: the smaller synthetic project only. */
const ESLINT_SYNTHETIC_SIZES = ['10k'];

interface Options {
  readonly command: 'record' | 'compare';
  readonly sets: readonly FindingSet[];
  readonly packages: readonly string[] | undefined;
  /** Holds the baseline, the current run, and the packages and projects they are taken on. */
  readonly dir: string;
}

function getOptions(argv: readonly string[]): Options {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      sets: { type: 'string', default: SETS.join(',') },
      package: { type: 'string', multiple: true },
      cache: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  const command = positionals[0];
  if (values.help || (command !== 'record' && command !== 'compare') || positionals.length > 1) {
    const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 6);
    process.stdout.write(`${header.map((line) => line.replace(/^ \*\s?/, '')).join('\n')}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const sets = values.sets.split(',').map((set) => {
    if (!(SETS as readonly string[]).includes(set.trim())) throw new Error(`unknown set ${set} (known: ${SETS.join(', ')})`);
    return set.trim() as FindingSet;
  });
  return { command, sets, packages: values.package, dir: getCacheDir('closewait-findings', values.cache, repoRoot) };
}

function log(line: string): void {
  process.stderr.write(`findings: ${line}\n`);
}

function main(): void {
  const options = getOptions(process.argv.slice(2));
  const cliBin = path.join(repoRoot, 'dist', 'src', 'cli', 'bin.js');
  if (!existsSync(cliBin)) throw new Error('dist/ is missing: run `npm run build` first (npm run findings does)');
  const target = path.join(options.dir, options.command === 'record' ? 'baseline' : 'current');
  if (options.command === 'compare' && !existsSync(path.join(options.dir, 'baseline'))) {
    throw new Error(`no baseline in ${options.dir}: run \`npm run findings -- record\` first (before the change)`);
  }
  for (const set of options.sets) {
    // A partial run (--package) keeps the other packages' files of the set.
    if (!options.packages) rmSync(path.join(target, set), { recursive: true, force: true });
    mkdirSync(path.join(target, set), { recursive: true });
    const started = Date.now();
    collect(set, path.join(target, set), options, cliBin);
    log(`${set}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  if (options.command === 'record') {
    log(`recorded in ${target}`);
    return;
  }
  let differences = 0;
  for (const set of options.sets) differences += compareSet(set, path.join(options.dir, 'baseline', set), path.join(target, set), options.packages);
  if (differences === 0) log(`the same findings as the baseline in every set (${options.sets.join(', ')})`);
  else log(`${differences} file(s) differ from the baseline`);
  process.exitCode = differences === 0 ? 0 : 1;
}

function collect(set: FindingSet, out: string, options: Options, cliBin: string): void {
  const typeRoots = path.join(repoRoot, 'node_modules', '@types');
  const wanted = (name: string): boolean => !options.packages || options.packages.some((p) => name === p || name.startsWith(`${p}@`));
  switch (set) {
    case 'tests':
      if (!options.packages) recordTests(out);
      return;
    case 'realworld': {
      // Packages of their own: the harnesses' caches are shared by every checkout of the repository.
      const cacheDir = path.join(options.dir, 'packages-realworld');
      for (const spec of REALWORLD_PACKAGES.filter((p) => wanted(p.name))) {
        const project = preparePackage(spec, cacheDir, typeRoots, log, { closewaitConfig: { presets: ['clients'] } });
        runCli(project, cliBin, path.join(out, `${fileName(project.name)}.json`), ['--config', path.join(project.dir, 'closewait.config.json')]);
      }
      return;
    }
    case 'bench':
      for (const project of getBenchProjects(options.dir, SYNTHETIC_SIZES, typeRoots, wanted)) runCli(project, cliBin, path.join(out, `${fileName(project.name)}.json`), []);
      return;
    case 'facts': {
      const cacheDir = path.join(options.dir, 'packages-realworld');
      const facts = path.join(repoRoot, 'dist', 'bench', 'findings', 'facts.js');
      const projects = REALWORLD_PACKAGES.filter((p) => wanted(p.name)).map((spec) => preparePackage(spec, cacheDir, typeRoots, log, { closewaitConfig: { presets: ['clients'] } }));
      projects.push(...getBenchProjects(options.dir, ESLINT_SYNTHETIC_SIZES, typeRoots, (name) => name.startsWith('synthetic') && wanted(name)));
      for (const project of projects) runFacts(project, facts, path.join(out, `${fileName(project.name)}.json`));
      return;
    }
    case 'eslint': {
      const paths = getEslintPaths(repoRoot, repoRoot);
      for (const project of getBenchProjects(options.dir, ESLINT_SYNTHETIC_SIZES, typeRoots, wanted)) runEslint(project, paths, path.join(out, `${fileName(project.name)}.json`));
      return;
    }
  }
}

function getBenchProjects(dir: string, sizes: readonly string[], typeRoots: string, wanted: (name: string) => boolean): PreparedProject[] {
  const cacheDir = path.join(dir, 'packages-bench');
  const projects = PACKAGES.filter((p) => wanted(p.name)).map((spec) => preparePackage(spec, cacheDir, typeRoots, log));
  for (const size of sizes) {
    const synthetic = getSyntheticProject(cacheDir, size, typeRoots);
    if (!wanted(synthetic.name)) continue;
    const files = getProgramFiles(synthetic.tsconfig);
    projects.push({ name: synthetic.name, kind: 'synthetic', language: 'ts', dir: synthetic.dir, tsconfig: synthetic.tsconfig, files, lines: synthetic.lines });
  }
  return projects;
}

const fileName = (name: string): string => name.replace('/', '__');

/** The CLI's JSON report of one project, as it printed it. */
function runCli(project: PreparedProject, cliBin: string, outFile: string, extraArgs: readonly string[]): void {
  log(`closewait on ${project.name}`);
  const child = spawnSync(process.execPath, [cliBin, '--project', project.tsconfig, '--format', 'json', ...extraArgs], {
    cwd: project.dir,
    env: { ...process.env, CI: 'true' },
    encoding: 'utf8',
    maxBuffer: 512 * 2 ** 20,
  });
  // Status 2 with a report is a run with files it could not analyse (missing types): still a report.
  if (![0, 1, 2].includes(child.status ?? -1) || !child.stdout.startsWith('{')) {
    throw new Error(`closewait on ${project.name} stopped (status ${child.status ?? child.signal}): ${child.stderr.split('\n')[0] ?? ''}`);
  }
  writeFileSync(outFile, child.stdout);
}

/** The engine's facts about one project (bench/findings/facts.ts). */
function runFacts(project: PreparedProject, script: string, outFile: string): void {
  log(`facts of ${project.name}`);
  const child = spawnSync(process.execPath, [script, '--project', project.tsconfig], { cwd: project.dir, encoding: 'utf8', maxBuffer: 512 * 2 ** 20 });
  if (child.status !== 0) throw new Error(`facts of ${project.name} failed (status ${child.status ?? child.signal}): ${child.stderr.split('\n')[0] ?? ''}`);
  writeFileSync(outFile, child.stdout);
}

/** ESLint with closewait's recommended config: each file's messages, paths relative to the project. */
function runEslint(project: PreparedProject, paths: ReturnType<typeof getEslintPaths>, outFile: string): void {
  log(`eslint on ${project.name}`);
  const config = writeEslintConfig(project.dir, 'closewait', paths);
  const raw = `${outFile}.raw`;
  const child = spawnSync(process.execPath, getEslintArgs(paths, config, raw, project.files), { cwd: project.dir, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (child.status !== 0 && child.status !== 1) throw new Error(`eslint on ${project.name} stopped (status ${child.status ?? child.signal}): ${child.stderr.split('\n')[0] ?? ''}`);
  const results = JSON.parse(readFileSync(raw, 'utf8')) as { filePath: string; messages: object[] }[];
  rmSync(raw);
  const files = results
    .filter((result) => result.messages.length > 0)
    .map((result) => ({ file: path.relative(project.dir, result.filePath), messages: result.messages }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  writeFileSync(outFile, `${JSON.stringify(files, null, 2)}\n`);
}

/** The whole test suite with the recorder; its lines sorted and deduplicated into tests.jsonl. */
function recordTests(out: string): void {
  const scratch = path.join(out, 'workers');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  log('the test suite, recording findings (a couple of minutes)');
  const vitest = path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
  const child = spawnSync(process.execPath, [vitest, 'run', '--config', 'bench/findings/vitest.config.ts', '--reporter', 'dot'], {
    cwd: repoRoot,
    // The property tests draw random programs: a fixed seed draws the same ones every time.
    env: { ...process.env, CLOSEWAIT_FINDINGS_DIR: scratch, CLOSEWAIT_FC_SEED: '42' },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (child.status !== 0) log(`warning: the test suite failed (status ${child.status ?? child.signal}); its findings are recorded anyway`);
  const lines = new Set<string>();
  for (const file of readdirSync(scratch)) {
    for (const line of readFileSync(path.join(scratch, file), 'utf8').split('\n')) if (line !== '') lines.add(line);
  }
  rmSync(scratch, { recursive: true, force: true });
  writeFileSync(path.join(out, 'tests.jsonl'), `${[...lines].sort().join('\n')}\n`);
  log(`${lines.size} distinct engine calls recorded`);
}

/** The number of files of the set that differ; prints what differs in each. */
function compareSet(set: FindingSet, baseline: string, current: string, packages: readonly string[] | undefined): number {
  if (!existsSync(baseline)) {
    log(`${set}: not in the baseline`);
    return 1;
  }
  let differences = 0;
  const names = new Set([...readdirSync(baseline), ...readdirSync(current)]);
  for (const name of [...names].sort()) {
    if (packages && !packages.some((p) => name.startsWith(`${fileName(p)}@`) || name.startsWith(`${fileName(p)}.`) || name === 'tests.jsonl')) continue;
    const before = readIfExists(path.join(baseline, name));
    const after = readIfExists(path.join(current, name));
    if (before === after) continue;
    differences += 1;
    log(`${set}/${name}: DIFFERS`);
    if (before === undefined || after === undefined) {
      log(`  only in the ${before === undefined ? 'current run' : 'baseline'}`);
      continue;
    }
    printLineDifferences(before, after);
  }
  return differences;
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The lines only one side has (at most 20 of each): enough to see what changed. */
function printLineDifferences(before: string, after: string): void {
  const count = (text: string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const line of text.split('\n')) counts.set(line, (counts.get(line) ?? 0) + 1);
    return counts;
  };
  const a = count(before);
  const b = count(after);
  const only = (x: Map<string, number>, y: Map<string, number>): string[] => [...x].filter(([line, n]) => (y.get(line) ?? 0) < n).map(([line]) => line);
  for (const line of only(a, b).slice(0, 20)) log(`  - ${line.slice(0, 300)}`);
  for (const line of only(b, a).slice(0, 20)) log(`  + ${line.slice(0, 300)}`);
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`findings: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
