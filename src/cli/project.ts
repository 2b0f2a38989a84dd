/**
 * Loading the program with ts-morph: the tsconfig's files and options, or a default program over
 * the given paths. Files that cannot be read and files with syntax errors become FileErrors and are
 * not analysed; everything fatal (no tsconfig where one was named, a broken tsconfig, nothing to
 * analyse) throws a ClosewaitError.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project, ts } from 'ts-morph';
import type { EngineHost } from '../engine/index.js';
import { toFileError } from './diagnostics.js';
import { ClosewaitError } from './errors.js';
import { toRelativePath } from './findings.js';
import { describeFsError } from './json-file.js';
import type { FileError } from './result.js';
import { findProjectTypeScript, getProjectDefaults } from './project-typescript.js';
import { collectSourceFiles, isAnalysableFile, resolvePaths, type PathKind } from './source-files.js';
import { findTsconfig, parseTsconfig } from './tsconfig.js';

export interface ProjectOptions {
  /** Directory that relative paths start from, and that reported paths are relative to. */
  readonly cwd: string;
  /** Files or directories to analyse; empty: the whole project (or `cwd` without a tsconfig). */
  readonly paths: readonly string[];
  /** `--project`: a tsconfig.json or a directory holding one. */
  readonly project: string | undefined;
}

export interface LoadedProject {
  readonly host: EngineHost;
  /** Parsed without syntax errors: the files to analyse, sorted by path. */
  readonly sourceFiles: readonly ts.SourceFile[];
  /** Selected files that could not be read or parsed. */
  readonly errors: readonly FileError[];
  /** Absolute path of the tsconfig.json used; undefined for the default program. */
  readonly tsconfig: string | undefined;
}

/** Load the program and pick the files to analyse. */
export function loadProject(options: ProjectOptions): LoadedProject {
  const { cwd } = options;
  const given = resolvePaths(cwd, options.paths);
  const tsconfig = findTsconfig(cwd, options.project);
  const { compilerOptions, rootNames, selected } = tsconfig ? getTsconfigInputs(tsconfig, cwd, given) : getDefaultInputs(cwd, given);
  if (selected.length === 0) {
    const where = options.paths.length > 0 ? options.paths.join(', ') : tsconfig ? path.relative(cwd, tsconfig) : cwd;
    throw new ClosewaitError(`no JavaScript or TypeScript files to analyse in ${where}`);
  }

  const project = new Project({ compilerOptions, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const errors: FileError[] = [];
  const isSelected = new Set(selected);
  for (const file of rootNames) {
    const text = readSource(file);
    if (typeof text === 'string') project.createSourceFile(file, text, { overwrite: true });
    else if (isSelected.has(file)) errors.push({ file: toRelativePath(cwd, file), message: `cannot read file: ${text.reason}` });
  }

  const program = project.getProgram().compilerObject;
  const sourceFiles: ts.SourceFile[] = [];
  for (const file of selected) {
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) continue;
    const syntaxErrors = program.getSyntacticDiagnostics(sourceFile).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (syntaxErrors.length > 0) errors.push(...syntaxErrors.map((diagnostic) => toFileError(diagnostic, cwd)));
    else sourceFiles.push(sourceFile);
  }
  const host = { ts, program, checker: program.getTypeChecker() } as unknown as EngineHost;
  return { host, sourceFiles, errors, tsconfig };
}

interface ProgramInputs {
  readonly compilerOptions: ts.CompilerOptions;
  /** Every root file of the program. */
  readonly rootNames: readonly string[];
  /** The root files to analyse. */
  readonly selected: readonly string[];
}

/** The tsconfig's files; paths narrow the selection, and a named file outside the project joins it. */
function getTsconfigInputs(tsconfig: string, cwd: string, given: readonly PathKind[]): ProgramInputs {
  const parsed = parseTsconfig(tsconfig, cwd);
  const projectFiles = parsed.fileNames.map((file) => path.resolve(file)).filter(isProjectSource);
  const rootNames = new Set(projectFiles);
  let selected = projectFiles;
  if (given.length > 0) {
    assertAnalysable(given, cwd);
    const named = given.filter((entry) => entry.kind === 'file').map((entry) => entry.path);
    for (const file of named) rootNames.add(file);
    const directories = given.filter((entry) => entry.kind === 'directory').map((entry) => entry.path);
    selected = [...new Set([...projectFiles.filter((file) => directories.some((dir) => isInside(file, dir))), ...named])];
  }
  const projectDefaults = getProjectDefaults(findProjectTypeScript(path.dirname(tsconfig)), parsed.options);
  return { compilerOptions: { ...parsed.options, ...projectDefaults, noEmit: true }, rootNames: [...rootNames], selected: selected.sort() };
}

/** No tsconfig: every source file under the paths (default: cwd), JavaScript included. */
function getDefaultInputs(cwd: string, given: readonly PathKind[]): ProgramInputs {
  assertAnalysable(given, cwd);
  const files = collectSourceFiles(given.length > 0 ? given : [{ path: cwd, kind: 'directory' }]);
  return { compilerOptions: getDefaultCompilerOptions(cwd), rootNames: files, selected: files };
}

/**
 * What `tsc --init` would pick for a modern Node project, plus allowJs, and Node's types: the
 * project's own @types/node when it has one, else the copy closewait depends on.
 */
export function getDefaultCompilerOptions(cwd: string): ts.CompilerOptions {
  const nodeTypes = findNodeTypes(path.join(cwd, 'noop.js')) ?? findNodeTypes(fileURLToPath(import.meta.url));
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowJs: true,
    checkJs: false,
    jsx: ts.JsxEmit.Preserve,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: nodeTypes ? ['node'] : [],
    ...(nodeTypes ? { typeRoots: [nodeTypes] } : {}),
  };
}

/** The node_modules/@types directory that holds @types/node, as Node's resolution finds it from `file`. */
function findNodeTypes(file: string): string | undefined {
  try {
    const packageJson = createRequire(file).resolve('@types/node/package.json');
    return path.dirname(path.dirname(packageJson));
  } catch {
    return undefined;
  }
}

function assertAnalysable(given: readonly PathKind[], cwd: string): void {
  const bad = given.find((entry) => entry.kind === 'file' && !isAnalysableFile(entry.path));
  if (bad) throw new ClosewaitError(`not a JavaScript or TypeScript source file: ${path.relative(cwd, bad.path)}`);
}

/** A tsconfig may reach into node_modules (an `include` of `**`): dependencies are never analysed. */
function isProjectSource(file: string): boolean {
  return isAnalysableFile(file) && !file.split(path.sep).includes('node_modules');
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The file's text without a byte-order mark (as ESLint and tsc see it), or why it cannot be read. */
function readSource(file: string): string | { reason: string } {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return { reason: describeFsError(error) };
  }
}
