/**
 * Real TypeScript programs over in-memory files, for engine tests that generate code: the real
 * checker and the real @types/node (from this repository's node_modules), never mocks. Library and
 * @types source files are parsed once and shared by every program (and each new program reuses the
 * previous one), so building a program over a few fresh files costs little.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { EngineHost } from '../../../src/engine/host.js';
import { getEngineNamespace } from '../../../src/engine/ts-namespace.js';

const rootDir = fileURLToPath(new URL('../../../', import.meta.url));
/** Where the generated files pretend to live: inside the repository, so `@types/node` resolves. Never written. */
export const virtualDir = path.join(rootDir, 'test', 'engine', '__virtual__');

export const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts'],
  types: ['node'],
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  moduleDetection: ts.ModuleDetectionKind.Force,
};

const sharedFiles = new Map<string, ts.SourceFile>();
let previous: ts.Program | undefined;

/**
 * A Program over `files` (name → text, names relative to virtualDir) plus the libraries; `options`
 * override compilerOptions (`allowJs` for `.js` files). `reused`: SourceFiles of an earlier
 * Program to hand over again (by the same names), as an editor does for the files an edit left alone.
 */
export function createVirtualProgram(
  files: ReadonlyMap<string, string>,
  options: ts.CompilerOptions = {},
  reused: ReadonlyMap<string, ts.SourceFile> = new Map(),
): { program: ts.Program; host: EngineHost; fileNames: string[] } {
  const virtual = new Map([...files].map(([name, text]) => [path.join(virtualDir, name), text]));
  const reusedByPath = new Map([...reused].map(([name, sourceFile]) => [path.join(virtualDir, name), sourceFile]));
  const base = ts.createCompilerHost(compilerOptions, true);
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (fileName) => virtual.has(fileName) || base.fileExists(fileName),
    // Module resolution skips a directory that does not exist: the generated files' one exists only here.
    directoryExists: (directoryName) => directoryName === virtualDir || (base.directoryExists?.(directoryName) ?? true),
    readFile: (fileName) => virtual.get(fileName) ?? base.readFile(fileName),
    getSourceFile: (fileName, languageVersion, onError, shouldCreate) => {
      const text = virtual.get(fileName);
      if (text !== undefined) return reusedByPath.get(fileName) ?? ts.createSourceFile(fileName, text, languageVersion, true);
      let file = sharedFiles.get(fileName);
      if (!file || shouldCreate) {
        file = base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
        if (file) sharedFiles.set(fileName, file);
      }
      return file;
    },
    getCurrentDirectory: () => rootDir,
  };
  const fileNames = [...virtual.keys()];
  const program = ts.createProgram({ rootNames: fileNames, options: { ...compilerOptions, ...options }, host, oldProgram: previous });
  previous = program;
  // The namespace as the front ends hand it over (src/engine/ts-namespace.ts).
  return { program, host: { ts: getEngineNamespace(ts), program, checker: program.getTypeChecker() }, fileNames };
}

/** Every syntactic and semantic diagnostic of the generated files, as text (for sanity checks). */
export function getDiagnosticsText(program: ts.Program, fileNames: readonly string[]): string[] {
  return fileNames.flatMap((fileName) => {
    const sourceFile = program.getSourceFile(fileName)!;
    return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map((diagnostic) => {
      const line = diagnostic.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
      return `${path.basename(fileName)}:${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    });
  });
}
