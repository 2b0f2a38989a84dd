/**
 * npm, yarn and pnpm workspaces: the `workspaces` of package.json (an array, or yarn's
 * `{ packages: [...] }`) and the `packages` of pnpm-workspace.yaml, as glob patterns (negations
 * with `!`) relative to the workspace root. A workspace is a matched directory with a package.json,
 * as npm requires. Only the working directory itself is taken as a workspace root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ClosewaitError } from './errors.js';
import { readJsonFile } from './json-file.js';
import { isPlainObject } from './rule-catalog.js';

/** The workspace directories declared in `root` (absolute, sorted); empty when it declares none. */
export function findWorkspaceDirectories(root: string): string[] {
  const patterns = getWorkspacePatterns(root);
  if (patterns.length === 0) return [];
  // Loaded only for a root that declares workspaces: most runs do not.
  const { globSync } = createRequire(import.meta.url)('tinyglobby') as typeof import('tinyglobby');
  const directories = globSync(patterns, { cwd: root, onlyDirectories: true, absolute: true, expandDirectories: false, ignore: ['**/node_modules/**'] });
  return [...new Set(directories.map((directory) => path.resolve(directory)))]
    .filter((directory) => directory !== root && existsSync(path.join(directory, 'package.json')))
    .sort();
}

function getWorkspacePatterns(root: string): string[] {
  const patterns: string[] = [];
  const packageFile = path.join(root, 'package.json');
  if (existsSync(packageFile)) {
    const json = readJsonFile(packageFile, 'package.json');
    const workspaces = isPlainObject(json) ? json['workspaces'] : undefined;
    const list = isPlainObject(workspaces) ? workspaces['packages'] : workspaces;
    if (list !== undefined) patterns.push(...toPatterns(list, 'package.json "workspaces"'));
  }
  const pnpmFile = path.join(root, 'pnpm-workspace.yaml');
  if (existsSync(pnpmFile)) {
    let document: unknown;
    try {
      const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
      document = yaml.parse(readFileSync(pnpmFile, 'utf8'));
    } catch (error) {
      throw new ClosewaitError(`pnpm-workspace.yaml: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    const list = isPlainObject(document) ? document['packages'] : undefined;
    if (list !== undefined) patterns.push(...toPatterns(list, 'pnpm-workspace.yaml "packages"'));
  }
  return patterns;
}

function toPatterns(list: unknown, where: string): string[] {
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) throw new ClosewaitError(`${where}: must be a list of glob patterns`);
  // Workspace patterns name directories: `packages/*/` and `./packages/*` mean `packages/*`.
  return list.map((pattern) => pattern.replace(/^(!?)\.\//, '$1').replace(/\/+$/, ''));
}
