/**
 * The files a run analyses when paths are given or there is no tsconfig: JavaScript and TypeScript
 * sources, not declaration files, not inside node_modules or dot-directories.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { ClosewaitError } from './errors.js';

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const DECLARATION = /\.d\.[cm]?ts$|\.d\.[^.]+\.ts$/;

/** A JavaScript or TypeScript source file that closewait analyses (not a `.d.ts`). */
export function isAnalysableFile(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(file)) && !DECLARATION.test(file);
}

/** A declaration file (`.d.ts`, `.d.mts`, `.d.cts`, `.d.json.ts`…): part of the program, never analysed. */
export function isDeclarationFile(file: string): boolean {
  return DECLARATION.test(file);
}

/** `file` is `directory` itself or lies below it (both absolute). */
export function isWithinDirectory(file: string, directory: string): boolean {
  const relative = path.relative(directory, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A directory the walk skips: dependencies and tool directories (.git, .cache, …). */
export function isSkippedDirectory(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/** An existing path, or a dangling symlink (kept so the run reports it as unreadable). */
export interface PathKind {
  readonly path: string;
  readonly kind: 'file' | 'directory';
}

/** Resolve the command-line paths against `cwd`; throws for a path that does not exist. */
export function resolvePaths(cwd: string, paths: readonly string[]): PathKind[] {
  return paths.map((given) => {
    const resolved = path.resolve(cwd, given);
    try {
      return { path: resolved, kind: statSync(resolved).isDirectory() ? 'directory' : 'file' };
    } catch {
      // A dangling symlink still exists as a link: report it as an unreadable file later.
      if (lstatSync(resolved, { throwIfNoEntry: false })?.isSymbolicLink()) return { path: resolved, kind: 'file' };
      throw new ClosewaitError(`no such file or directory: ${given}`);
    }
  });
}

/** Every analysable file under the directories in `paths`, plus the files named directly, sorted. */
export function collectSourceFiles(paths: readonly PathKind[]): string[] {
  const found = new Set<string>();
  const visited = new Set<string>();
  const walk = (dir: string): void => {
    const real = safeRealpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    const { files, directories } = getEntries(dir);
    for (const name of files) if (isAnalysableFile(name)) found.add(path.join(dir, name));
    for (const name of directories) if (!isSkippedDirectory(name)) walk(path.join(dir, name));
  };
  for (const entry of paths) {
    if (entry.kind === 'directory') walk(entry.path);
    else found.add(entry.path);
  }
  return [...found].sort();
}

function safeRealpath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/** Files and directories in `dir`, a dangling symlink listed as a file. */
export function getEntries(dir: string): { files: string[]; directories: string[] } {
  const files: string[] = [];
  const directories: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir || '.', { withFileTypes: true });
  } catch {
    return { files, directories };
  }
  for (const entry of entries) {
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const stat = statSync(path.join(dir, entry.name));
        isDirectory = stat.isDirectory();
        isFile = stat.isFile();
      } catch {
        isFile = true;
      }
    }
    if (isDirectory) directories.push(entry.name);
    else if (isFile) files.push(entry.name);
  }
  return { files: files.sort(), directories: directories.sort() };
}
