/**
 * Loading the program with ts-morph: the tsconfig's files and options, or a default program over
 * the given paths. Files that cannot be read and files with syntax errors become FileErrors and are
 * not analysed; code nested too deeply for TypeScript is left out and listed (nesting.ts);
 * everything fatal (no tsconfig where one was named, a broken tsconfig, nothing to analyse) throws a
 * ClosewaitError.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Project, ts } from 'ts-morph';
import type { EngineHost } from '../engine/index.js';
import { toFileError } from './diagnostics.js';
import { ClosewaitError } from './errors.js';
import { toRelativePath } from './findings.js';
import { describeFsError } from './json-file.js';
import { limitNesting, MAX_NESTING } from './nesting.js';
import { createOverlayFileSystem, type OverlayFileSystem } from './overlay-file-system.js';
import type { FileError } from './result.js';
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
  /** Files with code nested too deeply for TypeScript, left out (see nesting.ts): analysed files, and files they import. */
  readonly skipped: readonly FileError[];
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

  const skipped: FileError[] = [];
  // A file the analysed ones import from outside the project is bound too: its too-deep code must go as well.
  const fileSystem = createOverlayFileSystem((file, text) => {
    const limit = limitNesting(text, (candidate) => ts.createSourceFile(file, candidate, ts.ScriptTarget.Latest, true));
    if (limit.skipped) skipped.push({ file: toRelativePath(cwd, file), message: `left out: ${limit.skipped.what}, nested more than ${MAX_NESTING} levels deep, in a file the analysed ones import` });
    return limit.text;
  });
  const project = new Project({ compilerOptions, fileSystem: fileSystem.host, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const errors: FileError[] = [];
  const isSelected = new Set(selected);
  for (const file of rootNames) {
    const text = readSource(file);
    if (typeof text === 'string') {
      const skip = addSourceFile(project, fileSystem, file, text);
      if (skip && isSelected.has(file)) skipped.push({ file: toRelativePath(cwd, file), ...skip });
    } else if (isSelected.has(file)) errors.push({ file: toRelativePath(cwd, file), message: `cannot read file: ${text.reason}` });
  }

  const program = buildProgram(project);
  const sourceFiles: ts.SourceFile[] = [];
  for (const file of selected) {
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) continue;
    const syntaxErrors = program.getSyntacticDiagnostics(sourceFile).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (syntaxErrors.length > 0) errors.push(...syntaxErrors.map((diagnostic) => toFileError(diagnostic, cwd)));
    else sourceFiles.push(sourceFile);
  }
  const host = { ts, program, checker: program.getTypeChecker() } as unknown as EngineHost;
  return { host, sourceFiles, errors, skipped, tsconfig };
}

/**
 * Adds the file, parsed once from `text` (through the overlay, not from disk), with its too-deep
 * code blanked (nesting.ts); says where, if any was.
 */
function addSourceFile(project: Project, fileSystem: OverlayFileSystem, file: string, text: string): Omit<FileError, 'file'> | undefined {
  const parse = (candidate: string): ts.SourceFile => {
    fileSystem.set(file, candidate);
    const existing = project.getSourceFile(file);
    return existing ? project.createSourceFile(file, candidate, { overwrite: true }).compilerNode : project.addSourceFileAtPath(file).compilerNode;
  };
  const limit = limitNesting(text, parse);
  if (!limit.skipped) return undefined;
  const sourceFile = parse(limit.text);
  if (limit.skipped.start === undefined) return { message: limit.skipped.message };
  const position = sourceFile.getLineAndCharacterOfPosition(limit.skipped.start);
  return { line: position.line + 1, column: position.character + 1, message: limit.skipped.message };
}

/**
 * The program, bound. TypeScript's parser and binder recurse per level of syntax; every source file
 * has been measured (nesting.ts), but should one still overflow the stack here, say so in one line.
 */
function buildProgram(project: Project): ts.Program {
  try {
    const program = project.getProgram().compilerObject;
    program.getTypeChecker();
    return program;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ClosewaitError(`TypeScript overflowed its stack while building the program (${error.message}): a file it loads nests too deeply`);
  }
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
  return { compilerOptions: { ...parsed.options, noEmit: true }, rootNames: [...rootNames], selected: selected.sort() };
}

/** No tsconfig: every source file under the paths (default: cwd), JavaScript included. */
function getDefaultInputs(cwd: string, given: readonly PathKind[]): ProgramInputs {
  assertAnalysable(given, cwd);
  const files = collectSourceFiles(given.length > 0 ? given : [{ path: cwd, kind: 'directory' }]);
  return { compilerOptions: getDefaultCompilerOptions(cwd), rootNames: files, selected: files };
}

/** What `tsc --init` would pick for a modern Node project, plus allowJs, and @types/node when it is installed. */
export function getDefaultCompilerOptions(cwd: string): ts.CompilerOptions {
  const nodeTypes = findNodeTypes(cwd);
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

/** The node_modules/@types directory that holds @types/node, as Node's resolution finds it from `cwd`. */
function findNodeTypes(cwd: string): string | undefined {
  try {
    const packageJson = createRequire(path.join(cwd, 'noop.js')).resolve('@types/node/package.json');
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
