/** Reading a test fixture's tsconfig.json with TypeScript's own parser, for tests that build a Program from one. */
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
