/**
 * Which projects a run covers. `--project` (repeatable) names tsconfigs; otherwise the nearest
 * tsconfig.json upward; otherwise, at the root of npm/yarn/pnpm workspaces, each workspace's
 * tsconfig.json (or a default program over a workspace that has none); otherwise a default program
 * over the working directory. A tsconfig's `references` are followed transitively, as `tsc -b`
 * does (from the nearest tsconfig, only those under the working directory): referenced projects come before the project that references them, and a solution-style
 * tsconfig (`files: []`) contributes no files of its own. Each project is listed once.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ts } from './typescript.js';
import { ClosewaitError } from './errors.js';
import { isWithinDirectory, type PathKind } from './source-files.js';
import { findTsconfig, parseTsconfig } from './tsconfig.js';
import { findWorkspaceDirectories } from './workspaces.js';

/** A tsconfig.json (parsed), or a default program over a directory (narrowed to `paths` when given). */
export type ProjectSource =
  | { readonly kind: 'tsconfig'; readonly tsconfig: string; readonly parsed: ts.ParsedCommandLine }
  | { readonly kind: 'default'; readonly directory: string; readonly paths?: readonly PathKind[] };

/** The projects to analyse, in `tsc -b` order. Throws a ClosewaitError for a missing or broken tsconfig. */
export function discoverProjects(cwd: string, projectArgs: readonly string[], given: readonly PathKind[]): ProjectSource[] {
  const found = new Map<string, ProjectSource>();
  const addTsconfig = (tsconfig: string) => addWithReferences(tsconfig, cwd, found, []);
  if (projectArgs.length > 0) {
    for (const project of projectArgs) addTsconfig(findTsconfig(cwd, project)!);
    return [...found.values()];
  }
  const tsconfig = findTsconfig(cwd, undefined);
  if (tsconfig) {
    // The nearest tsconfig audits what lies under the working directory: run inside one package of
    // a monorepo, the packages it references (`../shared`) give it their types but are not audited
    // (as ESLint run there lints that package); run at the root, every referenced package is. A
    // solution-style tsconfig (no files of its own) has nothing else to give: all its references are.
    addWithReferences(tsconfig, cwd, found, [], (referenced, parent) => parent.fileNames.length === 0 || isWithinDirectory(path.dirname(referenced), cwd));
    return [...found.values()];
  }
  const workspaces = findWorkspaceDirectories(cwd);
  if (workspaces.length === 0) return [{ kind: 'default', directory: cwd, ...(given.length > 0 ? { paths: given } : {}) }];
  for (const directory of workspaces) {
    const workspaceTsconfig = path.join(directory, 'tsconfig.json');
    if (existsSync(workspaceTsconfig)) addTsconfig(workspaceTsconfig);
    else found.set(directory, { kind: 'default', directory });
  }
  return [...found.values()];
}

/**
 * Adds `tsconfig`'s references (depth first) that `follow` accepts, then `tsconfig` itself. `chain`
 * guards against cycles.
 */
function addWithReferences(
  tsconfig: string,
  cwd: string,
  found: Map<string, ProjectSource>,
  chain: readonly string[],
  follow: (referenced: string, parent: ts.ParsedCommandLine) => boolean = () => true,
): void {
  if (found.has(tsconfig) || chain.includes(tsconfig)) return;
  const parsed = parseTsconfig(tsconfig, cwd);
  for (const reference of parsed.projectReferences ?? []) {
    const referenced = ts.resolveProjectReferencePath(reference);
    if (!existsSync(referenced)) {
      throw new ClosewaitError(`${path.relative(cwd, tsconfig)} references ${path.relative(cwd, reference.path) || '.'}, which has no tsconfig.json`);
    }
    if (follow(referenced, parsed)) addWithReferences(referenced, cwd, found, [...chain, tsconfig], follow);
  }
  found.set(tsconfig, { kind: 'tsconfig', tsconfig, parsed });
}

/** How reports name a project: its tsconfig.json, or its directory (`.` for the root), relative to `root`. */
export function getProjectLabel(source: ProjectSource, root: string): string {
  const target = source.kind === 'tsconfig' ? source.tsconfig : source.directory;
  return path.relative(root, target).split(path.sep).join('/') || '.';
}
