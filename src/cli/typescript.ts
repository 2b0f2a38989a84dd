/**
 * The TypeScript the CLI builds its programs with: the copy ts-morph bundles (`@ts-morph/common`),
 * with its lib files. Required rather than imported: an `import` of a CommonJS module makes Node
 * scan it for named exports (cjs-module-lexer) before running it, which for this 3 MB module and
 * its 9 MB TypeScript was a tenth of a second of every start-up. Nothing else of ts-morph is loaded.
 *
 * `ts` is the namespace as a value, and (through the declared namespace below) the types the CLI
 * names, so that `ts.SourceFile` and `ts.createSourceFile` read as they would with an import.
 */
import { createRequire } from 'node:module';
import type { ts as MorphTs, getLibFiles as GetLibFiles } from '@ts-morph/common';

const morph = createRequire(import.meta.url)('@ts-morph/common') as { ts: typeof MorphTs; getLibFiles: typeof GetLibFiles };

export const ts = morph.ts;

/** TypeScript's lib files (`lib.es2023.d.ts`…) bundled with this TypeScript: its typescript.js has no lib folder next to it. */
export const getLibFiles = morph.getLibFiles;

// The types of the namespace that the CLI names.
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace ts {
  export type CommentRange = MorphTs.CommentRange;
  export type CompilerHost = MorphTs.CompilerHost;
  export type CompilerOptions = MorphTs.CompilerOptions;
  export type ConciseBody = MorphTs.ConciseBody;
  export type CreateSourceFileOptions = MorphTs.CreateSourceFileOptions;
  export type Diagnostic = MorphTs.Diagnostic;
  export type DiagnosticCategory = MorphTs.DiagnosticCategory;
  export type FunctionLikeDeclaration = MorphTs.FunctionLikeDeclaration;
  export type LanguageVariant = MorphTs.LanguageVariant;
  export type ModuleKind = MorphTs.ModuleKind;
  export type ModuleResolutionHost = MorphTs.ModuleResolutionHost;
  export type ModuleResolutionKind = MorphTs.ModuleResolutionKind;
  export type Node = MorphTs.Node;
  export type ParseConfigFileHost = MorphTs.ParseConfigFileHost;
  export type ParsedCommandLine = MorphTs.ParsedCommandLine;
  export type Program = MorphTs.Program;
  export type ProjectReference = MorphTs.ProjectReference;
  export type ScriptTarget = MorphTs.ScriptTarget;
  export type SourceFile = MorphTs.SourceFile;
  export type SyntaxKind = MorphTs.SyntaxKind;
  export type System = MorphTs.System;
}
