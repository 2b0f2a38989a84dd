/**
 * Finding and parsing tsconfig.json with ts-morph's TypeScript. Parse errors (broken JSON, a missing
 * `extends`, an unknown option) are fatal. A solution-style tsconfig (no files, only `references`)
 * parses to no files; projects.ts follows its references. Files matched by `include` that cannot be read (a dangling
 * symlink) are kept in the file list, where TypeScript itself would drop them silently, so the run
 * can report them instead of quietly analysing less.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ts } from './typescript.js';
import { formatFileError, toFileError } from './diagnostics.js';
import { ClosewaitError } from './errors.js';
import { findUp } from './find-up.js';
import { getEntries, isAnalysableFile } from './source-files.js';

const TSCONFIG = 'tsconfig.json';
/** "No inputs were found in config file": an empty selection is reported by the project loader. */
const NO_INPUTS = 18003;

/** The tsconfig.json named by `--project` (a file or a directory holding one), else the nearest one upward from `cwd`. */
export function findTsconfig(cwd: string, project: string | undefined): string | undefined {
  if (project === undefined) return findUp(cwd, (dir) => (existsSync(path.join(dir, TSCONFIG)) ? path.join(dir, TSCONFIG) : undefined));
  const resolved = path.resolve(cwd, project);
  if (!existsSync(resolved)) throw new ClosewaitError(`tsconfig not found: ${project}`);
  if (!statSync(resolved).isDirectory()) {
    if (isAnalysableFile(resolved)) {
      throw new ClosewaitError(`--project expects a tsconfig.json or a folder holding one, not a source file: ${project} (to analyse that file, run closewait ${project})`);
    }
    return resolved;
  }
  const inside = path.join(resolved, TSCONFIG);
  if (!existsSync(inside)) throw new ClosewaitError(`no ${TSCONFIG} in ${project}`);
  return inside;
}

/** Compiler options and root files of `file`; throws a ClosewaitError listing the tsconfig's errors. */
export function parseTsconfig(file: string, root: string): ts.ParsedCommandLine {
  let unrecoverable: ts.Diagnostic | undefined;
  const host: ts.ParseConfigFileHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    getCurrentDirectory: () => root,
    fileExists: (name) => ts.sys.fileExists(name),
    readFile: (name) => ts.sys.readFile(name),
    readDirectory: readDirectoryKeepingUnreadable,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      unrecoverable = diagnostic;
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(file, undefined, host);
  // JSON syntax errors live on the config file, not in `errors`: tsc gets both this way.
  const diagnostics = parsed ? ts.getConfigFileParsingDiagnostics(parsed) : [];
  const errors = [...(unrecoverable ? [unrecoverable] : []), ...diagnostics].filter(
    (diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error && diagnostic.code !== NO_INPUTS,
  );
  if (errors.length > 0 || !parsed) {
    const label = path.relative(root, file) || file;
    // Some errors (an `extends` that cannot be read) carry no file: they are the tsconfig's.
    const lines = errors.map((diagnostic) => toFileError(diagnostic, root)).map((error) => formatFileError(error.file === '' ? { ...error, file: label } : error));
    throw new ClosewaitError(lines.length > 0 ? lines.join('\n') : `cannot read ${label}`);
  }
  return parsed;
}

type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => { files: string[]; directories: string[] },
  realpath: (path: string) => string,
) => string[];

/**
 * `ts.sys.readDirectory`, except that a dangling symlink counts as a file. It uses TypeScript's own
 * `matchFiles` (internal, but stable, and ts-morph is pinned) so include/exclude mean exactly what
 * they mean to tsc; without it, it falls back to tsc's behaviour.
 */
function readDirectoryKeepingUnreadable(
  rootDir: string,
  extensions: readonly string[],
  excludes: readonly string[] | undefined,
  includes: readonly string[],
  depth?: number,
): string[] {
  const matchFiles = (ts as unknown as { matchFiles?: MatchFiles }).matchFiles;
  if (typeof matchFiles !== 'function') return ts.sys.readDirectory(rootDir, extensions, excludes, includes, depth);
  const realpath = (name: string) => ts.sys.realpath?.(name) ?? name;
  return matchFiles(rootDir, extensions, excludes, includes, ts.sys.useCaseSensitiveFileNames, rootDir, depth, getEntries, realpath);
}
