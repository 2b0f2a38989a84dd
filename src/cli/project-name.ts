/** The name a report gives the project: its package name, else its folder's name. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findUp } from './find-up.js';

/**
 * The `name` of the nearest package.json from `dir` upward (up to the package root), else the name
 * of `dir` itself. Never throws: an unreadable or nameless package.json falls back to the folder.
 */
export function getProjectName(dir: string): string {
  const name = findUp(dir, (candidate) => readPackageName(path.join(candidate, 'package.json')));
  return name ?? (path.basename(path.resolve(dir)) || path.resolve(dir));
}

function readPackageName(file: string): string | undefined {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown };
    return typeof json.name === 'string' && json.name.trim() !== '' ? json.name : undefined;
  } catch {
    return undefined;
  }
}
