/**
 * The project's own TypeScript and the defaults it applies. The CLI type-checks with ts-morph's
 * bundled TypeScript, but the project's `tsc` and typescript-eslint use the copy in the project's
 * node_modules. Where that copy computes a different value for an option the tsconfig leaves unset
 * (TypeScript 6 changed `types` from "every @types package" to none, `strict`, `target`, `module`,
 * `esModuleInterop`…), the CLI pins the project's value, so both front ends see the same
 * declarations and report the same findings.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ts } from './typescript.js';
import { ClosewaitError } from './errors.js';

/** The parts of a `typescript` module this file uses (any version from 5.4 on). */
interface TypeScriptModule {
  readonly version: string;
  readonly sys: ts.System;
  getAutomaticTypeDirectiveNames(options: ts.CompilerOptions, host: ts.ModuleResolutionHost): string[];
  /** Internal but exported since 5.4: how each option's effective value is computed from the options given. */
  readonly computedOptions?: Readonly<Record<string, { computeValue(options: ts.CompilerOptions): unknown }>>;
}

export interface ProjectTypeScript {
  readonly version: string;
  /** Absolute path of its package.json. */
  readonly packageJson: string;
}

/** The `typescript` package that Node's resolution finds from `dir` (as `tsc` and typescript-eslint would), or undefined. */
export function findProjectTypeScript(dir: string): ProjectTypeScript | undefined {
  let packageJson: string;
  try {
    packageJson = createRequire(path.join(dir, 'noop.js')).resolve('typescript/package.json');
  } catch {
    return undefined;
  }
  try {
    const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? { version, packageJson } : undefined;
  } catch {
    return undefined;
  }
}

/** `5.4.5` → `5.4`: TypeScript changes defaults (and lib files) only in minor or major releases. */
export function getMajorMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

const loaded = new Map<string, TypeScriptModule>();

function loadTypeScript(project: ProjectTypeScript): TypeScriptModule {
  let module = loaded.get(project.packageJson);
  if (!module) {
    try {
      // The package directory itself: its name may be an alias (`typescript-5`) once symlinks are resolved.
      module = createRequire(project.packageJson)(path.dirname(project.packageJson)) as TypeScriptModule;
    } catch (error) {
      const where = path.dirname(project.packageJson);
      throw new ClosewaitError(`cannot load the project's TypeScript ${project.version} from ${where}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    loaded.set(project.packageJson, module);
  }
  return module;
}

/**
 * Compiler options to add to `options` (parsed by the bundled TypeScript) so that the bundled
 * TypeScript computes what `project`'s TypeScript computes from the same tsconfig. Empty when the
 * versions agree on every default, and for a later major than the bundled one (TypeScript 7). Loads
 * the project's TypeScript only when its major.minor differs. Throws a ClosewaitError when that copy
 * cannot be loaded.
 */
export function getProjectDefaults(project: ProjectTypeScript | undefined, options: ts.CompilerOptions): ts.CompilerOptions {
  if (!project || getMajorMinor(project.version) === ts.versionMajorMinor) return {};
  // A later major (TypeScript 7, the native port) is not loadable as a JavaScript module; TypeScript
  // 6.0 was released to share 7.0's defaults, so the bundled ones stand for it.
  if (Number.parseInt(project.version, 10) > Number.parseInt(ts.versionMajorMinor, 10)) return {};
  const theirs = loadTypeScript(project);
  const ours = ts as unknown as TypeScriptModule;
  const pinned: Record<string, unknown> = {};
  const theirComputed = theirs.computedOptions ?? {};
  for (const [name, option] of Object.entries(ours.computedOptions ?? {})) {
    const theirOption = theirComputed[name];
    if (!theirOption) continue;
    const value = theirOption.computeValue(options);
    if (value !== option.computeValue(options)) pinned[name] = value;
  }
  // `types` is not a computed option: compare the @types packages each version includes.
  const theirTypes = theirs.getAutomaticTypeDirectiveNames(options, theirs.sys);
  const ourTypes = ts.getAutomaticTypeDirectiveNames(options, ts.sys);
  if (theirTypes.join('\n') !== ourTypes.join('\n')) pinned['types'] = theirTypes;
  // TypeScript 6 still honours TypeScript 5's defaults (target ES5, node10 resolution, no
  // esModuleInterop) but flags them as deprecated: the project's own tsc does not.
  if (Object.keys(pinned).length > 0 && ts.versionMajorMinor.startsWith('6.') && options.ignoreDeprecations === undefined) {
    pinned['ignoreDeprecations'] = '6.0';
  }
  return pinned as ts.CompilerOptions;
}
