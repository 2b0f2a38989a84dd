/**
 * The plan of an audit, before any program is built: the projects (projects.ts), the files each
 * one analyses, and the shard's share of them. A file that several projects list is analysed by
 * the first (in `tsc -b` order) and reported once; the others are kept as fall-backs, for when the
 * first cannot see the types it needs. Paths narrow every project; a named file no project lists,
 * or the files of a named directory no project lists any file of, join the first project's program.
 */
import path from 'node:path';
import { ClosewaitError } from './errors.js';
import { getProjectInputs, type ProjectInputs } from './project.js';
import { discoverProjects, getProjectLabel } from './projects.js';
import type { ShardInfo } from './result.js';
import { assignShards } from './shard.js';
import { collectSourceFiles, isAnalysableFile, isWithinDirectory, resolvePaths, type PathKind } from './source-files.js';

export interface PlanOptions {
  readonly cwd: string;
  /** Files or directories that narrow the audit. */
  readonly paths: readonly string[];
  /** `--project`, repeatable. */
  readonly projects: readonly string[];
  readonly shard?: ShardInfo | undefined;
}

export interface PlannedProject {
  readonly inputs: ProjectInputs;
  /** How reports name it. */
  readonly label: string;
  /** Named files that no project lists, added to this program. */
  readonly extraRoots: readonly string[];
  /** The files this project analyses (absolute, sorted). */
  readonly assigned: readonly string[];
}

export interface AuditPlan {
  readonly projects: readonly PlannedProject[];
  /** Files to analyse in this run (the shard's, when sharded). */
  readonly fileCount: number;
  /** For each file to analyse, the indexes of the later projects that also list it. */
  readonly fallbacks: ReadonlyMap<string, readonly number[]>;
  /** Shard of every file of the whole audit (when sharded), for baseline entries. */
  readonly shardOf?: ReadonlyMap<string, number>;
}

/** Discover the projects and share the files out. Throws a ClosewaitError when there is nothing to analyse. */
export function planAudit(options: PlanOptions): AuditPlan {
  const { cwd } = options;
  const given = resolvePaths(cwd, options.paths);
  assertAnalysable(given, cwd);
  const inputs = discoverProjects(cwd, options.projects, given).map(getProjectInputs);

  const named = given.filter((entry) => entry.kind === 'file').map((entry) => entry.path);
  const directories = given.filter((entry) => entry.kind === 'directory').map((entry) => entry.path);
  const isListed = (file: string) => inputs.some((project) => project.files.includes(file));
  // A named directory no project lists a file of (`closewait scripts` beside a tsconfig whose
  // include is src/) is audited as its files would be if named one by one. A directory with some
  // listed files keeps the projects' choice (their exclude, build output left out).
  const unlistedDirectories = directories.filter((directory) => !inputs.some((project) => project.files.some((file) => isWithinDirectory(file, directory))));
  const orphans = [...new Set([...named, ...collectSourceFiles(unlistedDirectories.map((directory) => ({ path: directory, kind: 'directory' as const })))])].filter(
    (file) => !isListed(file),
  );
  const selections = inputs.map((project, index) => {
    if (given.length === 0 || (project.source.kind === 'default' && project.source.paths)) return project.files;
    const inDirectories = project.files.filter((file) => directories.some((directory) => isWithinDirectory(file, directory)));
    const namedHere = [...named.filter((file) => project.files.includes(file)), ...(index === 0 ? orphans : [])];
    return [...new Set([...inDirectories, ...namedHere])];
  });

  const owner = new Map<string, number>();
  const fallbacks = new Map<string, number[]>();
  selections.forEach((files, index) => {
    for (const file of files) {
      if (!owner.has(file)) owner.set(file, index);
      else fallbacks.set(file, [...(fallbacks.get(file) ?? []), index]);
    }
  });
  if (owner.size === 0) throw new ClosewaitError(`no JavaScript or TypeScript files to analyse in ${describeWhere(options, inputs, cwd)}`);

  const shardOf = options.shard ? assignShards([...owner.keys()], cwd, options.shard.count) : undefined;
  const inShard = (file: string) => !options.shard || shardOf?.get(file) === options.shard.index;
  const projects = inputs.map((project, index) => ({
    inputs: project,
    label: getProjectLabel(project.source, cwd),
    extraRoots: index === 0 ? orphans : [],
    assigned: [...owner].filter(([file, projectIndex]) => projectIndex === index && inShard(file)).map(([file]) => file).sort(),
  }));
  const fileCount = projects.reduce((sum, project) => sum + project.assigned.length, 0);
  return { projects, fileCount, fallbacks: new Map([...fallbacks].filter(([file]) => inShard(file))), ...(shardOf ? { shardOf } : {}) };
}

function describeWhere(options: PlanOptions, inputs: readonly ProjectInputs[], cwd: string): string {
  if (options.paths.length > 0) return options.paths.join(', ');
  return inputs.map((project) => (project.source.kind === 'tsconfig' ? path.relative(cwd, project.source.tsconfig) : project.source.directory)).join(', ');
}

function assertAnalysable(given: readonly PathKind[], cwd: string): void {
  const bad = given.find((entry) => entry.kind === 'file' && !isAnalysableFile(entry.path));
  if (bad) throw new ClosewaitError(`not a JavaScript or TypeScript source file: ${path.relative(cwd, bad.path)}`);
}
