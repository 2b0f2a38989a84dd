/**
 * The engine's only view of a program: the `ts` namespace it was built with, the Program and its
 * TypeChecker. ESLint hands over typescript-eslint's program, the CLI ts-morph's; SyntaxKind numbers
 * can differ between TypeScript copies, so nothing here imports `typescript` at run time.
 */
import type * as ts from 'typescript';
import type typescript from 'typescript';

/** The value of `import ts from 'typescript'` (whichever copy the front end uses). */
export type Ts = typeof typescript;

export interface EngineHost {
  readonly ts: Ts;
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
}
