/**
 * One audit, start to finish, as plain data: config, rule selection, project, engine, baseline.
 * This is the programmatic API; it never prints and never exits. Fatal problems throw a
 * ClosewaitError; files that cannot be analysed are listed in `errors`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { getCheckFindings } from '../engine/index.js';
import { applyBaseline, readBaseline, type BaselineEntry } from './baseline.js';
import { loadConfig, validateConfig, type ClosewaitConfig, type LoadedConfig } from './config.js';
import { ClosewaitError } from './errors.js';
import { toRelativePath, toReportedFinding } from './findings.js';
import { loadProject } from './project.js';
import type { ReportedFinding, RunResult } from './result.js';
import { getRuleCatalog, type RuleMeta } from './rule-catalog.js';
import { selectRules } from './rule-selection.js';
import { compareStrings } from './compare.js';

export interface Progress {
  readonly done: number;
  readonly total: number;
  /** The file just analysed, relative to the root. */
  readonly file: string;
}

export interface RunOptions {
  /** Directory that paths are resolved from and reported relative to (default: `process.cwd()`). */
  readonly cwd?: string;
  /** Files or directories to analyse (default: the whole project). */
  readonly paths?: readonly string[];
  /** A tsconfig.json, or a directory holding one (default: the nearest one upward). */
  readonly project?: string;
  /** A config file to use instead of searching for one. */
  readonly configFile?: string;
  /** A config object to use instead of any file (validated like a file). */
  readonly config?: ClosewaitConfig;
  /** Run only these rules. */
  readonly rules?: readonly string[];
  readonly ignoreRules?: readonly string[];
  /** A baseline file: findings it lists are returned in `suppressed`, not in `findings`. */
  readonly baseline?: string;
  /** Called after each file. */
  readonly onProgress?: (progress: Progress) => void;
}

/** Analyse a project and return every finding as plain data. */
export function run(options: RunOptions = {}): RunResult {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const catalog = getRuleCatalog();
  const config = getConfig(cwd, options, catalog);
  const selected = selectRules(catalog, config.config, { only: options.rules ?? [], ignore: options.ignoreRules ?? [] });
  const baseline = options.baseline === undefined ? undefined : getBaseline(cwd, options.baseline);
  const project = loadProject({ cwd, paths: options.paths ?? [], project: options.project });

  const findings: ReportedFinding[] = [];
  const total = project.sourceFiles.length;
  project.sourceFiles.forEach((sourceFile, index) => {
    for (const { rule, options: engineOptions } of selected) {
      for (const finding of getCheckFindings(rule.id, sourceFile, project.host, engineOptions)) {
        findings.push(toReportedFinding(finding, rule, cwd));
      }
    }
    options.onProgress?.({ done: index + 1, total, file: toRelativePath(cwd, sourceFile.fileName) });
  });
  findings.sort(compareFindings);

  const matched = baseline ? applyBaseline(findings, baseline) : { findings, suppressed: [], stale: 0 };
  return {
    root: cwd,
    tsconfig: project.tsconfig === undefined ? undefined : toRelativePath(cwd, project.tsconfig),
    config: config.file === undefined ? undefined : toRelativePath(cwd, config.file),
    filesAnalyzed: total,
    rules: selected.map(({ rule }) => ({ id: rule.id, description: rule.description, helpUri: rule.helpUri, recommended: rule.recommended })),
    findings: matched.findings,
    suppressed: matched.suppressed,
    staleBaselineEntries: matched.stale,
    errors: project.errors,
    skipped: project.skipped,
  };
}

function getConfig(cwd: string, options: RunOptions, catalog: readonly RuleMeta[]): LoadedConfig {
  if (options.config !== undefined) return { file: undefined, config: validateConfig(options.config, 'config', catalog) };
  return loadConfig(cwd, options.configFile, catalog);
}

function getBaseline(cwd: string, file: string): BaselineEntry[] {
  const resolved = path.resolve(cwd, file);
  if (!existsSync(resolved)) throw new ClosewaitError(`baseline file not found: ${file} (create it with --update-baseline)`);
  return readBaseline(resolved, file);
}

/** By file, position, then rule and message, so every report lists findings in the same order. */
export function compareFindings(a: ReportedFinding, b: ReportedFinding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}
