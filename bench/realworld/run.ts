/**
 * `npm run realworld`: the closewait CLI (recommended rules plus the `clients` preset) on published
 * packages, every finding compared with the committed verdict file. See docs/realworld.md.
 *
 *   npm run realworld -- [--package NAME]... [--update [--prune]] [--cache DIR] [--verdicts FILE]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getCacheDir, preparePackage } from '../lib/packages.js';
import { KNOWN_LEAKS } from './known-leaks.js';
import { compareFindings, getExitCode, getUpdatedEntries, type PackageFinding } from './match.js';
import { REALWORLD_PACKAGES, type RealworldPackage } from './packages.js';
import { compareKnownLeaks } from './recall.js';
import { formatReport, type PackageRun } from './report.js';
import { loadVerdictFile, saveVerdictFile } from './verdicts.js';

/** dist/bench/realworld/run.js → the repository root. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** What every package is audited with, besides the recommended rules. */
const CLOSEWAIT_CONFIG = { presets: ['clients'] };
/** A package whose audit takes longer than this is stopped and reported as failed. */
const CLI_TIMEOUT_MS = 10 * 60 * 1000;

interface Options {
  readonly packages: readonly RealworldPackage[];
  readonly update: boolean;
  readonly prune: boolean;
  readonly cacheDir: string;
  readonly verdictFile: string;
}

function getOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      package: { type: 'string', multiple: true },
      update: { type: 'boolean', default: false },
      prune: { type: 'boolean', default: false },
      cache: { type: 'string' },
      verdicts: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 6);
    process.stdout.write(`${header.map((line) => line.replace(/^ \*\s?/, '')).join('\n')}\n`);
    process.exit(0);
  }
  if (values.prune && !values.update) throw new Error('--prune goes with --update');
  const known = REALWORLD_PACKAGES.map((p) => p.name);
  const wanted = values.package ?? [];
  for (const name of wanted) if (!known.includes(name)) throw new Error(`unknown package ${name} (known: ${known.join(', ')})`);
  return {
    packages: wanted.length === 0 ? REALWORLD_PACKAGES : REALWORLD_PACKAGES.filter((p) => wanted.includes(p.name)),
    update: values.update,
    prune: values.prune,
    cacheDir: getCacheDir('closewait-realworld', values.cache, repoRoot),
    verdictFile: path.resolve(values.verdicts ?? path.join(repoRoot, 'bench', 'realworld', 'verdicts.json')),
  };
}

/** The parts of the CLI's JSON report that the harness reads. */
interface CliReport {
  readonly findings: readonly { ruleId: string; file: string; line: number; message: string; fingerprint: string }[];
  readonly errors: readonly { file: string; line?: number; message: string }[];
}

interface Audit {
  readonly run: PackageRun;
  readonly findings: readonly PackageFinding[];
}

function auditPackage(spec: RealworldPackage, options: Options, cliBin: string, typeRoots: string): Audit {
  const id = `${spec.name}@${spec.version}`;
  const failed = (failure: string, extra: Partial<PackageRun> = {}): Audit => ({ run: { id, role: spec.role, failure, warnings: [], ...extra }, findings: [] });
  let prepared;
  try {
    prepared = preparePackage(spec, options.cacheDir, typeRoots, log, { closewaitConfig: { ...CLOSEWAIT_CONFIG, ...(spec.rules ? { rules: spec.rules } : {}) } });
  } catch (error) {
    return failed(`could not be prepared: ${error instanceof Error ? error.message : String(error)}`);
  }
  const base = { files: prepared.files.length, lines: prepared.lines };
  const warnings: string[] = [];
  if (prepared.missingDependencies?.length) warnings.push(`dependencies not installed (their imports are untyped): ${prepared.missingDependencies.join(', ')}`);
  log(`${id}: closewait on ${prepared.files.length} files, ${prepared.lines} lines`);
  const started = Date.now();
  const child = spawnSync(
    process.execPath,
    [cliBin, '--project', prepared.tsconfig, '--config', path.join(prepared.dir, 'closewait.config.json'), '--format', 'json'],
    { cwd: prepared.dir, env: { ...process.env, CI: 'true' }, encoding: 'utf8', maxBuffer: 256 * 2 ** 20, timeout: CLI_TIMEOUT_MS },
  );
  const ms = Date.now() - started;
  const stderr = child.stderr.split('\n').filter((line) => line.trim() !== '');
  warnings.push(...stderr.map((line) => `stderr: ${line}`));
  if (child.error) return failed(`the CLI did not run: ${child.error.message}`, { ...base, ms, warnings });
  // Exit status 2 with a report: files the CLI could not (fully) analyse, listed in `errors` (types
  // missing, as in a package's compiled CommonJS output); the rest of the audit stands.
  const completed = child.status === 0 || child.status === 1 || (child.status === 2 && child.stdout.trimStart().startsWith('{'));
  if (!completed) {
    const why = child.signal ? `killed by ${child.signal}` : `exit status ${child.status ?? 'none'}`;
    return failed(`the CLI stopped (${why}): ${stderr[0] ?? 'no message'}`, { ...base, ms, warnings });
  }
  let report: CliReport;
  try {
    report = JSON.parse(child.stdout) as CliReport;
  } catch {
    return failed(`the CLI's output is not JSON: ${child.stdout.slice(0, 200)}`, { ...base, ms, warnings });
  }
  for (const error of report.errors) warnings.push(`not analysed: ${error.file}${error.line === undefined ? '' : `:${error.line}`}: ${error.message}`);
  const findings = report.findings.map((f) => ({ package: id, file: f.file, rule: f.ruleId, fingerprint: f.fingerprint, line: f.line, message: f.message }));
  return { run: { id, role: spec.role, ...base, findings: findings.length, ms, warnings }, findings };
}

function main(): void {
  const startedAt = Date.now();
  const options = getOptions(process.argv.slice(2));
  const cliBin = path.join(repoRoot, 'dist', 'src', 'cli', 'bin.js');
  if (!existsSync(cliBin)) throw new Error('dist/ is missing: run `npm run build` first (npm run realworld does)');
  // Load first: a broken verdict file should stop the run before minutes of auditing.
  const verdictFile = loadVerdictFile(options.verdictFile);
  const typeRoots = path.join(repoRoot, 'node_modules', '@types');
  log(`cache: ${options.cacheDir}; ${options.packages.length} packages`);

  const audits = options.packages.map((spec) => auditPackage(spec, options, cliBin, typeRoots));
  const checked = new Set(options.packages.filter((_, i) => audits[i]?.run.failure === undefined).map((p) => p.name));
  const findings = audits.flatMap((a) => a.findings);
  const comparison = compareFindings(findings, verdictFile.verdicts, checked);
  const recall = compareKnownLeaks(findings, KNOWN_LEAKS, checked);
  let updated: string | undefined;
  if (options.update) {
    saveVerdictFile(options.verdictFile, getUpdatedEntries(verdictFile.verdicts, comparison, options.prune));
    updated =
      `updated ${path.relative(process.cwd(), options.verdictFile)}: ${comparison.new.length} appended as UNTRIAGED, ` +
      `${comparison.changed.length} changed refreshed${options.prune ? `, ${comparison.gone.length} gone removed` : ''}`;
  }
  const failures = audits.filter((a) => a.run.failure !== undefined).length;
  process.stdout.write(`${formatReport({ packages: audits.map((a) => a.run), comparison, recall, totalMs: Date.now() - startedAt, ...(updated ? { updated } : {}) })}\n`);
  process.exitCode = getExitCode(comparison, failures, recall.lost.length);
}

function log(line: string): void {
  process.stderr.write(`realworld: ${line}\n`);
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`realworld: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
