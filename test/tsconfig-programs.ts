/** Programs built from a test fixture's tsconfig.json with TypeScript's own parser, and their diagnostics as text. */
import ts from 'typescript';

/** The parsed tsconfig at `configPath` (its files and options); throws with TypeScript's message when it cannot be read. */
export function parseTsconfig(configPath: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  return parsed;
}

/** A Program over the files and options of the tsconfig at `configPath`. */
export function createTsconfigProgram(configPath: string): ts.Program {
  const parsed = parseTsconfig(configPath);
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}

/** Every pre-emit diagnostic of `program`, as tsc prints them, file names relative to `directory` ('' when there is none). */
export function getDiagnosticsText(program: ts.Program, directory: string): string {
  return ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), {
    getCanonicalFileName: (fileName) => fileName,
    getCurrentDirectory: () => directory,
    getNewLine: () => '\n',
  });
}
