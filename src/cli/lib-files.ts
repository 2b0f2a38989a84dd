/**
 * The text of TypeScript's lib files (`lib.es2023.d.ts`…) for the CLI's TypeScript, the copy
 * ts-morph bundles, whose typescript.js has no lib folder next to it.
 *
 * They are read as `tsc` reads them: from the lib folder of the `typescript` package closewait
 * resolves (the one typescript-eslint loads), one file at a time, only those a program references.
 * That copy is used only when its major.minor is the bundled one's, since TypeScript adds and
 * changes lib files in minor releases. Otherwise they come from ts-morph's own copies, which are
 * string literals in `@ts-morph/common`'s main module: loading it holds all of them (2.8 MB of
 * text) and ts-morph's helpers: about 14 MiB of memory in every run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { getLibFiles as GetLibFiles } from '@ts-morph/common';
import { findProjectTypeScript, getMajorMinor, type ProjectTypeScript } from './project-typescript.js';
import { ts } from './typescript.js';

/** TypeScript's lib files, read from one place. */
export interface LibFiles {
  /** Where they are read from: a lib folder's path, or "bundled with ts-morph". */
  readonly location: string;
  /**
   * The text of the lib file named `name` (a base name: `lib.d.ts`, `lib.es2023.d.ts`), or
   * undefined when TypeScript has no lib file of that name. Each file is read once. Throws only
   * what reading an existing file of the lib folder throws.
   */
  getText(name: string): string | undefined;
}

/**
 * The lib files of `installed` (a `typescript` package) when its major.minor is the bundled
 * TypeScript's and its lib folder is there, else ts-morph's copies.
 */
export function createLibFiles(installed: ProjectTypeScript | undefined): LibFiles {
  return (installed && getLibFolder(installed)) ?? getBundledLibFiles();
}

let shared: LibFiles | undefined;

/** getText of the lib files closewait's own `typescript` resolution finds (createLibFiles), made once per process. */
export function getLibFileText(name: string): string | undefined {
  shared ??= createLibFiles(findProjectTypeScript(path.dirname(fileURLToPath(import.meta.url))));
  return shared.getText(name);
}

function getLibFolder(installed: ProjectTypeScript): LibFiles | undefined {
  if (getMajorMinor(installed.version) !== ts.versionMajorMinor) return undefined;
  const folder = path.join(path.dirname(installed.packageJson), 'lib');
  let names: ReadonlySet<string>;
  try {
    names = new Set(readdirSync(folder).filter((name) => /^lib\.(.+\.)?d\.ts$/.test(name)));
  } catch {
    return undefined;
  }
  // Every lib file the bundled TypeScript may ask for must be there: a pre-release of the same
  // major.minor can lack some (`lib.es2025.d.ts`), and a lib file not found is a declaration lost.
  const required = getLibFileNames();
  if (!required || !required.every((name) => names.has(name))) return undefined;
  const texts = new Map<string, string>();
  return {
    location: folder,
    getText(name) {
      if (!names.has(name)) return undefined;
      let text = texts.get(name);
      if (text === undefined) {
        text = readFileSync(path.join(folder, name), 'utf8');
        texts.set(name, text);
      }
      return text;
    },
  };
}

/**
 * The lib files the bundled TypeScript may read: every `lib` option value's file (its internal
 * `libMap`, stable since TypeScript 3.x; with none to read, the folder is not trusted) and each
 * target's default lib file.
 */
function getLibFileNames(): readonly string[] | undefined {
  const libMap = (ts as unknown as { libMap?: ReadonlyMap<string, string> }).libMap;
  if (!libMap || libMap.size === 0) return undefined;
  const targets = Object.values(ts.ScriptTarget).filter((target): target is ts.ScriptTarget => typeof target === 'number');
  return [...new Set([...libMap.values(), ...targets.map((target) => ts.getDefaultLibFileName({ target }))])];
}

function getBundledLibFiles(): LibFiles {
  const { getLibFiles } = createRequire(import.meta.url)('@ts-morph/common') as { getLibFiles: typeof GetLibFiles };
  const texts = new Map(getLibFiles().map((file) => [file.fileName, file.text]));
  return { location: 'bundled with ts-morph', getText: (name) => texts.get(name) };
}
