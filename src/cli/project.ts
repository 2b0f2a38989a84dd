/**
 * One project's program, with ts-morph's TypeScript: a tsconfig's files and options, or a default
 * program over a directory (or the given paths). Files that cannot be read and files with syntax
 * errors become FileErrors and are not analysed; code nested too deeply for TypeScript is left out
 * and listed (nesting.ts); a broken tsconfig throws a ClosewaitError (tsconfig.ts). Declaration files (TypeScript's lib, @types/node…) are parsed once per run and
 * shared by every project's program, as TypeScript's own DocumentRegistry shares them between the
 * projects of an editor: in a monorepo, each package would otherwise parse @types/node again.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { getLibFileText as readLibFile } from './lib-files.js';
import { ts } from './typescript.js';
import { getEngineNamespace, type EngineHost, type Ts } from '../engine/index.js';
import { toFileError } from './diagnostics.js';
import { ClosewaitError } from './errors.js';
import { limitNesting, MAX_NESTING, type SkippedCode } from './nesting.js';
import { toRelativePath } from './findings.js';
import { describeFsError } from './json-file.js';
import { findProjectTypeScript, getProjectDefaults } from './project-typescript.js';
import type { ProjectSource } from './projects.js';
import type { FileError } from './result.js';
import { collectSourceFiles, isAnalysableFile, isDeclarationFile } from './source-files.js';

export interface ProjectInputs {
  readonly source: ProjectSource;
  readonly compilerOptions: ts.CompilerOptions;
  /** The project's own analysable files (no declaration files, nothing in node_modules), sorted. */
  readonly files: readonly string[];
  /**
   * The project's own declaration files: not analysed, but in the program as ESLint's has them (an
   * ambient `declare module 'pg'` in one types every import of 'pg').
   */
  readonly declarationFiles: readonly string[];
  /** The tsconfig's `references`: imports of their outputs are read from their sources, as the editor does. */
  readonly projectReferences?: readonly ts.ProjectReference[];
}

/** The compiler options and files of a project; nothing is parsed yet. */
export function getProjectInputs(source: ProjectSource): ProjectInputs {
  if (source.kind === 'default') {
    const files = collectSourceFiles(source.paths ?? [{ path: source.directory, kind: 'directory' }]);
    return { source, compilerOptions: getDefaultCompilerOptions(source.directory), files, declarationFiles: [] };
  }
  const { parsed } = source;
  const all = parsed.fileNames.map((file) => path.resolve(file));
  const files = [...new Set(all.filter(isProjectSource))].sort();
  const declarationFiles = [...new Set(all.filter((file) => isDeclarationFile(file) && !isInNodeModules(file)))].sort();
  const projectDefaults = getProjectDefaults(findProjectTypeScript(path.dirname(source.tsconfig)), parsed.options);
  return {
    source,
    compilerOptions: { ...parsed.options, ...projectDefaults, noEmit: true },
    files,
    declarationFiles,
    ...(parsed.projectReferences ? { projectReferences: parsed.projectReferences } : {}),
  };
}

export interface LoadedProgram {
  readonly host: EngineHost;
  /** The selected files that parsed without syntax errors, in the order given. */
  readonly sourceFiles: readonly ts.SourceFile[];
  /** Selected files that could not be read or parsed. */
  readonly errors: readonly FileError[];
  /** Files with code nested too deeply for TypeScript, left out (nesting.ts): analysed files, and files they import. */
  readonly skipped: readonly FileError[];
}

/** Parsed declaration files, shared by the programs of one run (see createDeclarationCache). */
export type DeclarationCache = Map<string, ts.SourceFile>;

/** A cache for one run: declaration files are keyed by path and by everything that changes how they parse. */
export function createDeclarationCache(): DeclarationCache {
  return new Map();
}

/**
 * The program over the project's files plus `extraRoots` (files named on the command line that no
 * project lists), with the `selected` files (absolute) ready to analyse; errors relative to `root`.
 */
export function loadProgram(inputs: ProjectInputs, extraRoots: readonly string[], selected: readonly string[], root: string, declarations: DeclarationCache = createDeclarationCache()): LoadedProgram {
  // A JavaScript file named on the command line is analysed even where the project leaves
  // JavaScript out (no `allowJs`): tsc would drop it from the program, and it would pass unseen.
  const options = extraRoots.some(isJavaScriptFile) && !inputs.compilerOptions.allowJs ? { ...inputs.compilerOptions, allowJs: true, checkJs: false } : inputs.compilerOptions;
  const errors: FileError[] = [];
  const isSelected = new Set(selected);
  const texts = new Map<string, string>();
  for (const file of new Set([...inputs.files, ...extraRoots])) {
    const text = readSource(file);
    if (typeof text === 'string') texts.set(file, text);
    else if (isSelected.has(file)) errors.push({ file: toRelativePath(root, file), message: `cannot read file: ${text.reason}` });
  }

  const compilerHost = createCompilerHost(options);
  const readFromDisk = compilerHost.getSourceFile.bind(compilerHost);
  const moduleDetection = String(options.moduleDetection);
  const skipped: FileError[] = [];
  compilerHost.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    const text = texts.get(path.resolve(fileName));
    if (text !== undefined) {
      return parseWithinNesting(fileName, text, languageVersionOrOptions, (limit, sourceFile) => {
        const file = toRelativePath(root, fileName);
        if (!isSelected.has(path.resolve(fileName))) {
          skipped.push({ file, message: `left out: ${limit.what}, nested more than ${MAX_NESTING} levels deep, in a file the analysed ones import` });
        } else if (limit.start === undefined) {
          skipped.push({ file, message: limit.message });
        } else {
          const position = sourceFile.getLineAndCharacterOfPosition(limit.start);
          skipped.push({ file, line: position.line + 1, column: position.character + 1, message: limit.message });
        }
      });
    }
    if (!fileName.endsWith('.d.ts') && !/\.d\.[cm]ts$/.test(fileName)) {
      // A file the analysed ones import from outside the project is bound too: its too-deep code must go as well.
      const outside = compilerHost.readFile(fileName);
      if (outside === undefined) return readFromDisk(fileName, languageVersionOrOptions, onError, shouldCreate);
      return parseWithinNesting(fileName, outside.replace(/^\uFEFF/, ''), languageVersionOrOptions, (limit) => {
        skipped.push({ file: toRelativePath(root, fileName), message: `left out: ${limit.what}, nested more than ${MAX_NESTING} levels deep, in a file the analysed ones import` });
      });
    }
    const settings = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
    const key = [fileName, settings.languageVersion, settings.impliedNodeFormat, settings.jsDocParsingMode, moduleDetection].join('\0');
    let sourceFile = declarations.get(key);
    if (!sourceFile) {
      sourceFile = readFromDisk(fileName, languageVersionOrOptions, onError, shouldCreate);
      if (sourceFile) declarations.set(key, sourceFile);
    }
    return sourceFile;
  };
  // Like the editor (and so ESLint's project service): an import of a referenced project's output
  // (`@acme/shared` → packages/shared/dist/index.d.ts) is read from that project's source, built or not.
  (compilerHost as ts.CompilerHost & { useSourceOfProjectReferenceRedirect?: () => boolean }).useSourceOfProjectReferenceRedirect = () => true;
  const program = buildProgram([...texts.keys(), ...inputs.declarationFiles], options, compilerHost, inputs.projectReferences);
  const sourceFiles: ts.SourceFile[] = [];
  for (const file of selected) {
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) {
      // Never a silent pass: a file to analyse that the compiler left out of its program (an
      // unreadable one is reported already).
      if (texts.has(file)) errors.push({ file: toRelativePath(root, file), message: 'not analysed: the TypeScript program of its project leaves it out (check its tsconfig\'s include, allowJs and exclude)' });
      continue;
    }
    const syntaxErrors = program.getSyntacticDiagnostics(sourceFile).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (syntaxErrors.length > 0) {
      // The first syntax error is the one to fix; the parser's recovery makes the rest noise.
      const first = toFileError(syntaxErrors[0]!, root);
      const more = syntaxErrors.length - 1;
      errors.push(more > 0 ? { ...first, message: `${first.message}, and ${more} more syntax ${more === 1 ? 'error' : 'errors'} in this file` } : first);
    }
    else sourceFiles.push(sourceFile);
  }
  const host = { ts: getEngineNamespace(ts as unknown as Ts), program, checker: program.getTypeChecker() } as unknown as EngineHost;
  return { host, sourceFiles, errors, skipped };
}

/**
 * Parses a file with its code nested deeper than TypeScript can follow blanked (nesting.ts),
 * reusing the parse that measured it when nothing had to go; `onSkipped` hears what went.
 */
function parseWithinNesting(
  fileName: string,
  text: string,
  languageVersionOrOptions: ts.ScriptTarget | ts.CreateSourceFileOptions,
  onSkipped: (skipped: SkippedCode, sourceFile: ts.SourceFile) => void,
): ts.SourceFile {
  let last: ts.SourceFile | undefined;
  const parse = (candidate: string): ts.SourceFile => (last = ts.createSourceFile(fileName, candidate, languageVersionOrOptions, true));
  const limit = limitNesting(text, parse);
  const sourceFile = last !== undefined && last.text === limit.text ? last : parse(limit.text);
  if (limit.skipped) onSkipped(limit.skipped, sourceFile);
  return sourceFile;
}

/**
 * The program, bound. TypeScript's parser and binder recurse per level of syntax; every source file
 * has been measured (nesting.ts), but should one still overflow the stack here, say so in one line.
 */
function buildProgram(
  rootNames: readonly string[],
  options: ts.CompilerOptions,
  host: ts.CompilerHost,
  projectReferences: readonly ts.ProjectReference[] | undefined,
): ts.Program {
  try {
    const program = ts.createProgram({ rootNames, options, host, ...(projectReferences ? { projectReferences } : {}) });
    program.getTypeChecker();
    return program;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ClosewaitError(`TypeScript overflowed its stack while building the program (${error.message}): a file it loads nests too deeply`);
  }
}

/**
 * TypeScript's lib files (lib-files.ts) live under the same in-memory folder ts-morph uses, so
 * `isSourceFileDefaultLibrary` knows them whichever copy they are read from.
 */
const LIB_FOLDER = '/node_modules/typescript/lib';

function getLibFileText(fileName: string): string | undefined {
  const normalised = fileName.replace(/\\/g, '/');
  return path.posix.dirname(normalised) === LIB_FOLDER ? readLibFile(path.posix.basename(normalised)) : undefined;
}

function isLibFile(fileName: string): boolean {
  return getLibFileText(fileName) !== undefined;
}

/**
 * ts.createCompilerHost, reading the lib files from memory, and parsing as tsc does: JSDoc only in
 * JavaScript files, where it carries types (not in TypeScript files, where it carries none: a fifth
 * of the parse of @types/node and the lib files), and declaration files without a separate pass to
 * set parent pointers, which binding sets (the checker is made before the engine walks up).
 */
function createCompilerHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const { fileExists, readFile } = host;
  host.getDefaultLibLocation = () => LIB_FOLDER;
  host.getDefaultLibFileName = (compilerOptions) => `${LIB_FOLDER}/${ts.getDefaultLibFileName(compilerOptions)}`;
  host.fileExists = (fileName) => isLibFile(fileName) || fileExists.call(host, fileName);
  host.readFile = (fileName) => getLibFileText(fileName) ?? readFile.call(host, fileName);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    const text = getLibFileText(fileName);
    return text === undefined ? getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate) : ts.createSourceFile(fileName, text, languageVersionOrOptions);
  };
  return host;
}

/**
 * What `tsc --init` would pick for a modern Node project, plus allowJs, and Node's types: the
 * project's own @types/node when it has one, else the copy closewait depends on.
 */
export function getDefaultCompilerOptions(cwd: string): ts.CompilerOptions {
  const nodeTypes = findNodeTypes(path.join(cwd, 'noop.js'), '@types/node') ?? findNodeTypes(fileURLToPath(import.meta.url), SHIPPED_NODE_TYPES);
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
    types: nodeTypes ? [nodeTypes.name] : [],
    ...(nodeTypes ? { typeRoots: [nodeTypes.typeRoot] } : {}),
  };
}

/**
 * closewait's own copy of @types/node, installed under an alias: as `@types/node` a package
 * manager would hoist it into the user's node_modules/@types, where TypeScript 5 loads every
 * package by default, so a project that forgot @types/node would see ours and never hear of it.
 */
const SHIPPED_NODE_TYPES = 'closewait-node-types';

/**
 * Where Node's resolution from `file` finds the types package `name`: a type root (the folder that
 * holds it) and its name there, which is what compilerOptions.typeRoots and types take.
 */
function findNodeTypes(file: string, name: string): { typeRoot: string; name: string } | undefined {
  try {
    const folder = path.dirname(createRequire(file).resolve(`${name}/package.json`));
    // `@types/node` lives in the type root `…/node_modules/@types` under the name `node`.
    return { typeRoot: path.dirname(folder), name: name === '@types/node' ? 'node' : name };
  } catch {
    return undefined;
  }
}

/** A tsconfig may reach into node_modules (an `include` of `**`): dependencies are never analysed. */
function isProjectSource(file: string): boolean {
  return isAnalysableFile(file) && !isInNodeModules(file);
}

function isInNodeModules(file: string): boolean {
  return file.split(path.sep).includes('node_modules');
}

/** The file's text without a byte-order mark (as ESLint and tsc see it), or why it cannot be read. */
function readSource(file: string): string | { reason: string } {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return { reason: describeFsError(error) };
  }
}

function isJavaScriptFile(file: string): boolean {
  return /\.[cm]?jsx?$/.test(file);
}
