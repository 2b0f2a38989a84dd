/**
 * Real projects: published npm packages that ship their TypeScript or JavaScript sources, fetched
 * with `npm pack` into the cache, extracted with tar, their production dependencies installed
 * (without scripts) so that imports resolve as they do for a user, and given a tsconfig.json of
 * ours. Packages that ship only JavaScript become a program with `allowJs: true, checkJs: false`
 * over their library files. `@types/node` always comes from this repository, so every project
 * type-checks against the same Node declarations.
 *
 * Shared by `npm run bench` (its PACKAGES below) and `npm run realworld` (its own pinned list in
 * bench/realworld/packages.ts); each keeps its own cache directory (see getCacheDir).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { countLines } from './synthetic.js';

export interface PackageSpec {
  readonly name: string;
  readonly version: string;
  /** What the package ships: TypeScript sources, or only JavaScript. */
  readonly language: 'ts' | 'js';
  /** The program's files, relative to the package root. */
  readonly include: readonly string[];
  readonly exclude?: readonly string[];
  /** Compiler options of the package's own build, where it ships one that matters. */
  readonly compilerOptions?: Readonly<Record<string, unknown>>;
  /**
   * Type declarations its own build takes from devDependencies (`@types/ws` for a TypeScript
   * package importing `ws`), installed with its production dependencies so that its imports have
   * types, as in the package's own repository.
   */
  readonly typeDependencies?: Readonly<Record<string, string>>;
}

/** Pinned: change a version here and the cache fetches it on the next run. */
export const PACKAGES: readonly PackageSpec[] = [
  { name: 'ws', version: '8.23.0', language: 'js', include: ['index.js', 'lib/**/*.js'] },
  { name: 'undici', version: '8.12.4', language: 'js', include: ['index.js', 'index-fetch.js', 'lib/**/*.js'] },
  {
    name: 'mongodb',
    version: '7.9.0',
    language: 'ts',
    include: ['src/**/*.ts'],
    // From the tsconfig.json that mongodb ships.
    compilerOptions: {
      target: 'ES2023',
      module: 'Node16',
      moduleResolution: 'Node16',
      esModuleInterop: false,
      // TypeScript 6 deprecates esModuleInterop: false; without this, tsc stops on TS5107
      // before checking anything.
      ignoreDeprecations: '6.0',
      useUnknownInCatchVariables: false,
      useDefineForClassFields: false,
      noImplicitOverride: true,
      noImplicitReturns: true,
    },
  },
  { name: 'ioredis', version: '6.0.0', language: 'js', include: ['built/**/*.js'] },
  { name: 'mqtt', version: '5.16.0', language: 'js', include: ['build/**/*.js'] },
  { name: 'got', version: '16.1.0', language: 'js', include: ['dist/source/**/*.js'] },
  { name: 'socket.io', version: '4.8.4', language: 'js', include: ['dist/**/*.js'] },
  { name: 'pg', version: '8.23.1', language: 'js', include: ['lib/**/*.js'] },
];

/**
 * The cache directory of a harness: `override` when given, else `$XDG_CACHE_HOME/<name>` (or
 * `~/.cache/<name>`). Throws when it lies inside `repoRoot`: packed packages and their node_modules
 * must never land in the repository.
 */
export function getCacheDir(name: string, override: string | undefined, repoRoot: string): string {
  const cacheDir = path.resolve(override ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), name));
  if (!path.relative(repoRoot, cacheDir).startsWith('..')) throw new Error(`the cache directory must be outside the repository: ${cacheDir}`);
  return cacheDir;
}

export interface PrepareOptions {
  /**
   * Written as `closewait.config.json` next to the package's tsconfig on every call (not part of
   * the cached preparation), so the CLI run from that directory finds it.
   */
  readonly closewaitConfig?: object;
}

export interface PreparedProject {
  readonly name: string;
  readonly kind: 'package' | 'synthetic';
  readonly language: 'ts' | 'js';
  readonly dir: string;
  readonly tsconfig: string;
  /** The program's root files, relative to `dir`. */
  readonly files: readonly string[];
  readonly lines: number;
  /** Dependencies that could not be installed (their imports stay unresolved). */
  readonly missingDependencies?: readonly string[];
}

/** Bump when the preparation changes, so that cached packages are prepared again. */
const PREPARE_VERSION = 2;

/** Fetch, extract and prepare one package (reusing the cache when it is already there). */
export function preparePackage(
  spec: PackageSpec,
  cacheDir: string,
  typeRoots: string,
  log: (line: string) => void,
  options: PrepareOptions = {},
): PreparedProject {
  const id = `${spec.name}@${spec.version}`;
  const dir = path.join(cacheDir, 'packages', id.replace('/', '__'));
  const stamp = path.join(dir, '.closewait-bench.json');
  const expected = JSON.stringify({ version: PREPARE_VERSION, spec, typeRoots });
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== expected) {
    log(`preparing ${id}`);
    const tarball = fetchTarball(spec, cacheDir, log);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], { stdio: 'inherit' });
    if (spec.typeDependencies) addDependencies(dir, spec.typeDependencies);
    const missing = installDependencies(dir, cacheDir, log);
    writeFileSync(path.join(dir, '.closewait-bench-missing.json'), JSON.stringify(missing));
    const shipped = path.join(dir, 'tsconfig.json');
    if (existsSync(shipped)) renameSync(shipped, path.join(dir, 'tsconfig.shipped.json'));
    writeFileSync(shipped, `${JSON.stringify(getTsconfig(spec, typeRoots), null, 2)}\n`);
    writeFileSync(stamp, expected);
  }
  const tsconfig = path.join(dir, 'tsconfig.json');
  if (options.closewaitConfig) writeFileSync(path.join(dir, 'closewait.config.json'), `${JSON.stringify(options.closewaitConfig, null, 2)}\n`);
  const files = getProgramFiles(tsconfig);
  const missingFile = path.join(dir, '.closewait-bench-missing.json');
  const missingDependencies = existsSync(missingFile) ? (JSON.parse(readFileSync(missingFile, 'utf8')) as string[]) : [];
  return { name: id, kind: 'package', language: spec.language, dir, tsconfig, files, lines: sumLines(dir, files), missingDependencies };
}

function fetchTarball(spec: PackageSpec, cacheDir: string, log: (line: string) => void): string {
  const tarballs = path.join(cacheDir, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const expected = path.join(tarballs, `${spec.name.replace('@', '').replace('/', '-')}-${spec.version}.tgz`);
  if (existsSync(expected)) return expected;
  log(`npm pack ${spec.name}@${spec.version}`);
  const out = execFileSync('npm', ['pack', `${spec.name}@${spec.version}`, '--silent', '--pack-destination', tarballs], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const name = out.trim().split('\n').pop() ?? '';
  const file = path.join(tarballs, name);
  if (!existsSync(file)) throw new Error(`npm pack ${spec.name}@${spec.version} did not leave ${file}`);
  return file;
}

const NPM_INSTALL = ['install', '--omit=dev', '--omit=optional', '--omit=peer', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'];

/**
 * Production dependencies, no scripts, no peers; @types/node comes from this repository instead.
 * Best effort: when the whole tree cannot be installed at once (a transitive version missing from
 * the registry), each direct dependency is installed on its own in a scratch directory and the
 * packages it brought are merged into the package's node_modules (the first copy of a name wins).
 * A dependency that cannot be installed at all stays unresolved: its imports type as `any`.
 */
function installDependencies(dir: string, cacheDir: string, log: (line: string) => void): string[] {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const dependencies = manifest.dependencies ?? {};
  if (Object.keys(dependencies).length === 0) return [];
  log(`npm install (production dependencies) in ${path.basename(dir)}`);
  if (tryNpmInstall(dir)) return afterInstall(dir, []);
  log(`${path.basename(dir)}: the whole tree did not install; installing its dependencies one by one`);
  const missing: string[] = [];
  const nodeModules = path.join(dir, 'node_modules');
  rmSync(nodeModules, { recursive: true, force: true });
  mkdirSync(nodeModules, { recursive: true });
  for (const [name, range] of Object.entries(dependencies)) {
    const scratch = path.join(cacheDir, 'scratch', `${path.basename(dir)}--${name.replace('/', '__')}`);
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ private: true, dependencies: { [name]: range } }));
    if (tryNpmInstall(scratch)) mergeNodeModules(path.join(scratch, 'node_modules'), nodeModules);
    else missing.push(name);
    rmSync(scratch, { recursive: true, force: true });
  }
  if (missing.length > 0) log(`${path.basename(dir)}: could not install ${missing.join(', ')} (left unresolved)`);
  return afterInstall(dir, missing);
}

/** Adds entries to the `dependencies` of the extracted package's package.json (our copy in the cache). */
function addDependencies(dir: string, extra: Readonly<Record<string, string>>): void {
  const file = path.join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> };
  manifest.dependencies = { ...manifest.dependencies, ...extra };
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Copy every package (scoped ones by their scope folder's entries) that `to` does not have yet. */
function mergeNodeModules(from: string, to: string): void {
  if (!existsSync(from)) return;
  for (const entry of readdirSync(from)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      mkdirSync(path.join(to, entry), { recursive: true });
      for (const scoped of readdirSync(path.join(from, entry))) {
        const target = path.join(to, entry, scoped);
        if (!existsSync(target)) cpSync(path.join(from, entry, scoped), target, { recursive: true });
      }
    } else {
      const target = path.join(to, entry);
      if (!existsSync(target)) cpSync(path.join(from, entry), target, { recursive: true });
    }
  }
}

function tryNpmInstall(dir: string): boolean {
  try {
    execFileSync('npm', NPM_INSTALL, { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
    return true;
  } catch {
    return false;
  }
}

function afterInstall(dir: string, missing: string[]): string[] {
  rmSync(path.join(dir, 'node_modules', '@types', 'node'), { recursive: true, force: true });
  return missing;
}

function getTsconfig(spec: PackageSpec, typeRoots: string): object {
  const js = spec.language === 'js';
  return {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      ...(js ? { allowJs: true, checkJs: false } : {}),
      ...spec.compilerOptions,
      types: ['node'],
      typeRoots: [typeRoots],
    },
    include: spec.include,
    ...(spec.exclude ? { exclude: spec.exclude } : {}),
  };
}

/** The root files of a tsconfig, as tsc sees them, relative to its directory. */
export function getProgramFiles(tsconfig: string): string[] {
  const dir = path.dirname(tsconfig);
  const read = ts.readConfigFile(tsconfig, (file) => ts.sys.readFile(file));
  if (read.error) throw new Error(`${tsconfig}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dir);
  return parsed.fileNames
    .filter((file) => !file.endsWith('.d.ts') && !file.split('/').includes('node_modules'))
    .map((file) => path.relative(dir, file))
    .sort();
}

export function sumLines(dir: string, files: readonly string[]): number {
  let lines = 0;
  for (const file of files) lines += countLines(readFileSync(path.join(dir, file), 'utf8'));
  return lines;
}
