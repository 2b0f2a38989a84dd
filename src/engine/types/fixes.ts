/**
 * What to do about missing types, worded for the user: which package to install and which
 * compiler option to change. Built from the program's own options and TypeScript's resolution, so
 * the advice fits the project (TypeScript 6 loads no @types package unless `types` lists it;
 * TypeScript 5 loads every one when `types` is absent).
 */
import type * as ts from 'typescript';
import type { EngineHost } from '../host.js';

/** Why a followed module resolves to no declaration. */
export type ModuleProblem =
  /** TypeScript found nothing to resolve it to; `javaScriptFile` when only a .js file was found (a package without types). */
  | { readonly kind: 'unresolved'; readonly javaScriptFile: boolean; readonly installed: boolean }
  /** Only an untyped shorthand declaration (`declare module 'ws';`) names it. */
  | { readonly kind: 'shorthand'; readonly declarationFile: string }
  /** The module resolves, but what the import binds is an error type (a default import without esModuleInterop). */
  | { readonly kind: 'binding'; readonly import: ts.Node }
  /** The `require()` is wrapped in an untyped helper (`__importDefault`, TypeScript's CommonJS output): it binds `any`. */
  | { readonly kind: 'helper'; readonly helper: string }
  /** A `require()` in a TypeScript file: the checker types it as a call of `require`, which returns `any`. */
  | { readonly kind: 'require'; readonly specifier: string };

/** `ws` → `@types/ws`, `@scope/pkg` → `@types/scope__pkg`: DefinitelyTyped's naming. */
export function getTypesPackageName(packageName: string): string {
  return `@types/${packageName.startsWith('@') ? packageName.slice(1).replace('/', '__') : packageName}`;
}

/** The fix for a module of package `packageName` (a Node built-in when `isBuiltin`). */
export function getModuleFix(host: EngineHost, sourceFile: ts.SourceFile, packageName: string, isBuiltin: boolean, problem: ModuleProblem): string {
  switch (problem.kind) {
    case 'unresolved':
      if (isBuiltin) return getTypesEntryFix(host, sourceFile, 'node');
      if (problem.javaScriptFile) return `install ${getTypesPackageName(packageName)}`;
      if (problem.installed) return `TypeScript cannot resolve ${packageName} with these compilerOptions (check moduleResolution and paths)`;
      return `install ${packageName}`;
    case 'shorthand':
      return `replace the untyped \`declare module\` in ${problem.declarationFile} with ${isBuiltin ? '@types/node' : getTypesPackageName(packageName)}`;
    case 'binding':
      return `fix the import: ${getDiagnosticText(host, sourceFile, problem.import) ?? 'it binds no type'}`;
    case 'helper':
      return `\`${problem.helper}(require(…))\` binds \`any\` (an untyped interop helper, as in TypeScript's CommonJS output): audit the sources this file was compiled from`;
    case 'require':
      return `\`require()\` binds \`any\` in TypeScript: import it (\`import * as x from '${problem.specifier}'\` or \`import x = require('${problem.specifier}')\`)`;
  }
}

/** The fix for a global with no declaration: lib globals (`fetch`) come from @types/node or the DOM lib. */
export function getGlobalFix(host: EngineHost, sourceFile: ts.SourceFile, typesEntry: string | undefined): string {
  if (typesEntry !== undefined) return getTypesEntryFix(host, sourceFile, typesEntry);
  if (isTypesPackageLoaded(host.program, 'node')) return 'add "DOM" to compilerOptions.lib';
  return `${getTypesEntryFix(host, sourceFile, 'node')}, or add "DOM" to compilerOptions.lib`;
}

/** The fix for a global whose declaration in scope is typed `any`. */
export const anyGlobalFix = 'it is typed `any` here; give it a type';

/**
 * How to get the global types package `@types/<entry>` into the program: install it when
 * TypeScript cannot find it from the file, and list it in `types` unless the program's TypeScript
 * loads it anyway (5.x with no `types`, or a `"*"` entry).
 */
function getTypesEntryFix(host: EngineHost, sourceFile: ts.SourceFile, entry: string): string {
  const packageName = `@types/${entry}`;
  if (isTypesPackageLoaded(host.program, entry)) return `install a version of ${packageName} that declares it`;
  const { ts, program } = host;
  const options = program.getCompilerOptions();
  const installed = ts.resolveTypeReferenceDirective(entry, sourceFile.fileName, options, ts.sys).resolvedTypeReferenceDirective !== undefined;
  const major = Number(ts.versionMajorMinor.split('.')[0]);
  const listed = options.types === undefined ? major < 6 : options.types.includes(entry) || options.types.includes('*');
  const steps: string[] = [];
  if (!installed) steps.push(`install ${packageName}`);
  if (!listed) steps.push(options.configFilePath === undefined ? `use a tsconfig.json with "${entry}" in compilerOptions.types` : `add "${entry}" to compilerOptions.types`);
  return steps.length > 0 ? steps.join(' and ') : `check that ${packageName} loads`;
}

const loadedTypes = new WeakMap<ts.Program, Map<string, boolean>>();

/** Whether a file of `@types/<entry>` is part of the program. */
function isTypesPackageLoaded(program: ts.Program, entry: string): boolean {
  let byEntry = loadedTypes.get(program);
  if (!byEntry) {
    byEntry = new Map();
    loadedTypes.set(program, byEntry);
  }
  let loaded = byEntry.get(entry);
  if (loaded === undefined) {
    const marker = `/node_modules/@types/${entry}/`;
    loaded = program.getSourceFiles().some((file) => file.fileName.replace(/\\/g, '/').includes(marker));
    byEntry.set(entry, loaded);
  }
  return loaded;
}

/** TypeScript's own complaint about `node` (`Module … can only be default-imported using the 'esModuleInterop' flag (TS1259)`). */
function getDiagnosticText(host: EngineHost, sourceFile: ts.SourceFile, node: ts.Node): string | undefined {
  const { ts, program } = host;
  const start = node.getStart(sourceFile);
  const diagnostic = program
    .getSemanticDiagnostics(sourceFile)
    .find((candidate) => candidate.start !== undefined && candidate.start >= start && candidate.start < node.getEnd());
  return diagnostic && `${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\.$/, '')} (TS${diagnostic.code})`;
}
