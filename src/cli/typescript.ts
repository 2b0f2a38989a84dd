/**
 * The TypeScript the CLI builds its programs with: the copy ts-morph bundles
 * (`@ts-morph/common/dist/typescript.js`), alone. Required rather than imported: an `import` of a
 * CommonJS module makes Node scan it for named exports (cjs-module-lexer) before running it, which
 * for its 9 MB was a tenth of a second of every start-up. `@ts-morph/common`'s main module (ts-morph's
 * helpers and every lib file as a string) is loaded only when the lib files are not found on disk
 * (lib-files.ts); nothing else of ts-morph is loaded.
 *
 * `ts` is the namespace as a value, and (through the declared namespace below) the types the CLI
 * names, so that `ts.SourceFile` and `ts.createSourceFile` read as they would with an import.
 */
import { createRequire } from 'node:module';
import type { ts as MorphTs } from '@ts-morph/common';
import type { Ts } from '../engine/host.js';
import { getEngineNamespace } from '../engine/ts-namespace.js';

// Through the engine's fast copy of the namespace (../engine/ts-namespace.ts): the CLI's own walks
// of every file (nesting.ts) read it per node too.
export const ts = getEngineNamespace(createRequire(import.meta.url)('@ts-morph/common/dist/typescript.js') as Ts) as unknown as typeof MorphTs;

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
