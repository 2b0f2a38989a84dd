/**
 * One audit, start to finish, as plain data: config, rule selection, the projects, the engine on
 * every file, inline directives, baseline. This is the programmatic API; it never prints and never
 * exits. Fatal problems throw a ClosewaitError; files that cannot be analysed are listed in `errors`.
 *
 * Projects are loaded one after another and dropped once their files are analysed: only plain
 * data outlives a program, so memory peaks at the largest project, not at their sum.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { analyseFile, UNUSED_DIRECTIVE_RULE, type AnalysisSettings, type FileAnalysis } from './analyse.js';
import { applyBaseline, isCoveredBy, readBaseline, toBaselineFinding, type BaselineEntry, type BaselineScope } from './baseline.js';
import { compareErrors, compareFindings, compareStrings } from './compare.js';
import { loadConfig, validateConfig, type ClosewaitConfig, type LoadedConfig } from './config.js';
import { ClosewaitError } from './errors.js';
import { toRelativePath } from './findings.js';
import { compareMissingTypes, getMissingTypesErrors, MISSING_TYPES_RULE } from './missing-types.js';
import { planAudit, type AuditPlan } from './plan.js';
import { createDeclarationCache, loadProgram } from './project.js';
import type { FileError, ReportedFinding, ReportedRule, RunResult, ShardInfo } from './result.js';
import { getRuleCatalog, type RuleMeta } from './rule-catalog.js';
import { getRuleOptions, selectRules, type SelectedRule } from './rule-selection.js';
import { getPathShard } from './shard.js';

export interface Progress {
  readonly done: number;
  readonly total: number;
  /** The file just analysed, relative to the root. */
  readonly file: string;
}

export interface RunOptions {
  /** Directory that paths are resolved from and reported relative to (default: `process.cwd()`). */
  readonly cwd?: string;
  /** Files or directories to analyse (default: every file of every project). */
  readonly paths?: readonly string[];
  /** A tsconfig.json, or a directory holding one (default: the nearest one upward, or the workspaces' tsconfigs). */
  readonly project?: string;
  /** Several of them: every one is analysed (with its references). */
  readonly projects?: readonly string[];
  /** A config file to use instead of searching for one. */
  readonly configFile?: string;
  /** A config object to use instead of any file (validated like a file). */
  readonly config?: ClosewaitConfig;
  /** Run only these rules. */
  readonly rules?: readonly string[];
  readonly ignoreRules?: readonly string[];
  /** A baseline file: findings it lists are returned in `suppressed`, not in `findings`. */
  readonly baseline?: string;
  /** Also report `eslint-disable` directives that silence none of closewait's findings. */
  readonly reportUnusedDisableDirectives?: boolean;
  /** Analyse only this shard of the files (`--shard i/n`). */
  readonly shard?: ShardInfo;
  /** Called after each file. */
  readonly onProgress?: (progress: Progress) => void;
}

const unusedDirectiveRule: ReportedRule = {
  id: UNUSED_DIRECTIVE_RULE,
  description: 'Report eslint-disable directives that silence no closewait finding (--report-unused-disable-directives)',
  helpUri: 'https://eslint.org/docs/latest/use/command-line-interface#--report-unused-disable-directives',
  recommended: false,
};

/** Analyse the projects and return every finding as plain data. */
export function run(options: RunOptions = {}): RunResult {
  return runAudit(options).result;
}

/** A run's result, and what it covered (for --update-baseline, which keeps the entries of files it did not cover). */
export interface Audit {
  readonly result: RunResult;
  readonly scope: BaselineScope;
}

/** run(), also saying what the run covered. */
export function runAudit(options: RunOptions = {}): Audit {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const catalog = getRuleCatalog();
  const config = getConfig(cwd, options, catalog);
  const ruleSelection = selectRules(catalog, config.config, { only: options.rules ?? [], ignore: options.ignoreRules ?? [] });
  const selected = ruleSelection.filter(({ rule }) => rule.id !== MISSING_TYPES_RULE);
  const typesCheck = getTypesCheck(catalog, config.config, options.ignoreRules ?? []);
  const baseline = options.baseline === undefined ? undefined : getBaseline(cwd, options.baseline);
  const plan = planAudit({ cwd, paths: options.paths ?? [], projects: [...(options.project === undefined ? [] : [options.project]), ...(options.projects ?? [])], shard: options.shard });
  const settings = { root: cwd, rules: selected, typesCheck, reportUnusedDirectives: options.reportUnusedDisableDirectives === true };

  const { analyses, errors, skipped, projects } = analyseProjects(plan, settings, options.onProgress);
  const findings = [...analyses.values()].flatMap((analysis) => analysis.findings).sort(compareFindings);
  const missingTypes = [...analyses.values()].flatMap((analysis) => analysis.missingTypes).sort(compareMissingTypes);
  const scope = getScope(plan, analyses, cwd, options);
  const matched = baseline ? matchBaseline(findings, baseline, scope, cwd) : { findings, suppressed: [], stale: 0 };
  const rules = selected.map(({ rule }): ReportedRule => ({ id: rule.id, description: rule.description, helpUri: rule.helpUri, recommended: rule.recommended }));
  const result: RunResult = {
    root: cwd,
    tsconfig: projects.find((project) => project.endsWith('.json')),
    projects,
    config: config.file === undefined ? undefined : toRelativePath(cwd, config.file),
    filesAnalyzed: analyses.size,
    rules: settings.reportUnusedDirectives ? [...rules, unusedDirectiveRule] : rules,
    findings: matched.findings,
    suppressed: matched.suppressed,
    suppressedInSource: [...analyses.values()].flatMap((analysis) => analysis.suppressedInSource).sort(compareFindings),
    staleBaselineEntries: matched.stale,
    errors: [...errors, ...getMissingTypesErrors(missingTypes)].sort(compareErrors),
    missingTypes,
    ...(options.shard ? { shard: options.shard } : {}),
    skipped: skipped.sort(compareErrors),
  };
  return { result, scope };
}

/**
 * Every project in turn: load its program, analyse its files, keep the plain data, drop the
 * program. A file whose types the first project cannot see is analysed again by the next project
 * that lists it, and the analysis that sees more wins: a file is reported as untyped only when no
 * project could type it.
 */
function analyseProjects(plan: AuditPlan, settings: AnalysisSettings, onProgress: RunOptions['onProgress']) {
  const analyses = new Map<string, FileAnalysis>();
  const errors: FileError[] = [];
  const skipped = new Map<string, FileError>();
  const analysedBy = new Set<string>();
  const retries = plan.projects.map((): string[] => []);
  const declarations = createDeclarationCache();
  let done = 0;
  plan.projects.forEach((project, index) => {
    const files = [...project.assigned, ...retries[index]!];
    if (files.length === 0) return;
    const program = loadProgram(project.inputs, project.extraRoots, files, settings.root, declarations);
    analysedBy.add(project.label);
    const assigned = new Set(project.assigned);
    // A file analysed again (retried) had its errors reported by its own project already.
    const retried = new Set(retries[index]!.map((file) => toRelativePath(settings.root, file)));
    for (const error of program.errors) if (!retried.has(error.file)) errors.push(error);
    // A file several programs load (an import shared by two projects) is listed once.
    for (const note of program.skipped) if (!skipped.has(note.file)) skipped.set(note.file, note);
    for (const sourceFile of program.sourceFiles) {
      const file = path.resolve(sourceFile.fileName);
      const analysis = analyseFile(sourceFile, program.host, settings);
      const previous = analyses.get(file);
      if (!previous || analysis.missingTypes.length < previous.missingTypes.length) analyses.set(file, analysis);
      if (assigned.has(file)) {
        onProgress?.({ done: ++done, total: plan.fileCount, file: toRelativePath(settings.root, file) });
      }
      const best = analyses.get(file)!;
      const next = (plan.fallbacks.get(file) ?? []).find((candidate) => candidate > index);
      if (best.missingTypes.length > 0 && next !== undefined && !retries[next]!.includes(file)) retries[next]!.push(file);
    }
  });
  return { analyses, errors, skipped: [...skipped.values()], projects: [...analysedBy].sort(compareStrings) };
}

function getConfig(cwd: string, options: RunOptions, catalog: readonly RuleMeta[]): LoadedConfig {
  if (options.config !== undefined) return { file: undefined, config: validateConfig(options.config, 'config', catalog) };
  return loadConfig(cwd, options.configFile, catalog);
}

/**
 * no-missing-types runs whatever `--rule` selects (every rule needs the types it checks), unless
 * `--ignore-rule` or the config turns it off; its findings are errors, not findings.
 */
function getTypesCheck(catalog: readonly RuleMeta[], config: ClosewaitConfig, ignoreRules: readonly string[]): SelectedRule | undefined {
  const rule = catalog.find((candidate) => candidate.id === MISSING_TYPES_RULE);
  if (!rule || ignoreRules.includes(rule.id) || config.rules?.[rule.id] === 'off') return undefined;
  return { rule, options: getRuleOptions(rule, config) };
}

interface Baseline {
  readonly entries: readonly BaselineEntry[];
  /** Absolute folder of the baseline file: its paths are relative to it. */
  readonly dir: string;
}

function getBaseline(cwd: string, file: string): Baseline {
  const resolved = path.resolve(cwd, file);
  if (!existsSync(resolved)) throw new ClosewaitError(`baseline file not found: ${file} (create it with --update-baseline)`);
  return { entries: readBaseline(resolved, file), dir: path.dirname(resolved) };
}

/**
 * The files analysed and where the run looked. A shard covers only its own files, and of deleted
 * files those the partition gives it, so the shards' stale counts add up to a full run's.
 */
function getScope(plan: AuditPlan, analyses: ReadonlyMap<string, FileAnalysis>, cwd: string, options: RunOptions): BaselineScope {
  const roots = (options.paths ?? []).length > 0 ? options.paths!.map((given) => path.resolve(cwd, given)) : [cwd];
  const { shard } = options;
  const { shardOf } = plan;
  if (!shard || !shardOf) return { files: new Set(analyses.keys()), roots };
  const files = new Set([...analyses.keys()].filter((file) => (shardOf.get(file) ?? shard.index) === shard.index));
  return { files, roots, ownsDeletedFile: (file) => (shardOf.get(file) ?? getPathShard(toRelativePath(cwd, file), shard.count)) === shard.index };
}

/** Findings matched with the baseline's entries by the baseline's own paths; only entries of covered files can be stale. */
function matchBaseline(findings: readonly ReportedFinding[], baseline: Baseline, scope: BaselineScope, cwd: string) {
  const rebased = new Map(findings.map((finding) => [toBaselineFinding(finding, cwd, baseline.dir), finding]));
  const matched = applyBaseline([...rebased.keys()], baseline.entries);
  const unmatched = matched.unmatched.filter((entry) => typeof entry.file !== 'string' || isCoveredBy(scope, path.resolve(baseline.dir, entry.file)));
  return {
    findings: matched.findings.map((finding) => rebased.get(finding)!),
    suppressed: matched.suppressed.map((finding) => rebased.get(finding)!),
    stale: unmatched.length,
  };
}

export { compareErrors, compareFindings } from './compare.js';
