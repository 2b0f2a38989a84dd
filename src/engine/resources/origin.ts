/**
 * Where a declaration comes from: its module (a Node built-in such as `net`, an npm package, a
 * project file, or TypeScript's lib) and its qualified name inside that module (`Socket`,
 * `EventEmitter.once`, `Deno.Conn`). Resource types and borrowing functions are matched on this,
 * never on the names of the variables that hold them.
 */
import type * as ts from 'typescript';
import type { EngineHost } from '../host.js';
import type { TypeSpecifier } from '../options.js';

export type DeclarationSource =
  | { readonly kind: 'package'; readonly name: string }
  | { readonly kind: 'lib' }
  | { readonly kind: 'file'; readonly fileName: string };

export interface DeclarationOrigin {
  readonly source: DeclarationSource;
  readonly qualifiedName: string;
}

/** `node:net` → `net`, `@types/ws` → `ws`, `@types/scope__pkg` → `@scope/pkg`, `undici-types` → `undici`. */
export function normalizePackageName(name: string): string {
  let result = name.startsWith('node:') ? name.slice('node:'.length) : name;
  if (result.startsWith('@types/')) {
    const rest = result.slice('@types/'.length);
    result = rest.includes('__') ? `@${rest.replace('__', '/')}` : rest;
  }
  return result === 'undici-types' ? 'undici' : result;
}

function packageOfFile(fileName: string): string | undefined {
  const normalized = fileName.replace(/\\/g, '/');
  const index = normalized.lastIndexOf('/node_modules/');
  if (index < 0) return undefined;
  const parts = normalized.slice(index + '/node_modules/'.length).split('/');
  const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : parts[0];
  return name ? normalizePackageName(name) : undefined;
}

function declarationName(ts: EngineHost['ts'], node: ts.Node): string | undefined {
  const name = (node as { name?: ts.Node }).name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/** The origin of one declaration. */
export function getDeclarationOrigin(host: EngineHost, declaration: ts.Node): DeclarationOrigin {
  const { ts, program } = host;
  const names: string[] = [];
  let ambientModule: string | undefined;
  for (let node: ts.Node | undefined = declaration; node && !ts.isSourceFile(node); node = node.parent) {
    if (ts.isModuleDeclaration(node)) {
      if (ts.isStringLiteral(node.name)) {
        ambientModule = node.name.text;
        break;
      }
      if ((node.flags & ts.NodeFlags.GlobalAugmentation) !== 0) continue;
    }
    if (ts.isVariableDeclarationList(node) || ts.isVariableStatement(node) || ts.isModuleBlock(node)) continue;
    const name = declarationName(ts, node);
    if (name !== undefined) names.push(name);
  }
  const qualifiedName = names.reverse().join('.');
  if (ambientModule !== undefined) return { source: { kind: 'package', name: normalizePackageName(ambientModule) }, qualifiedName };
  const sourceFile = declaration.getSourceFile();
  if (program.isSourceFileDefaultLibrary(sourceFile)) return { source: { kind: 'lib' }, qualifiedName };
  const packageName = packageOfFile(sourceFile.fileName);
  if (packageName !== undefined) return { source: { kind: 'package', name: packageName }, qualifiedName };
  return { source: { kind: 'file', fileName: sourceFile.fileName }, qualifiedName };
}

function nameMatches(specName: string | readonly string[], qualifiedName: string): boolean {
  const names = typeof specName === 'string' ? [specName] : specName;
  const simpleName = qualifiedName.slice(qualifiedName.lastIndexOf('.') + 1);
  return names.some(
    (name) =>
      name === '*' ||
      name === qualifiedName ||
      (name.endsWith('.*') && qualifiedName.startsWith(name.slice(0, -1))) ||
      (!name.includes('.') && name === simpleName),
  );
}

/** Whether a declaration's origin is the one a specifier names. */
export function originMatches(origin: DeclarationOrigin, specifier: TypeSpecifier): boolean {
  if (!nameMatches(specifier.name, origin.qualifiedName)) return false;
  const { source } = origin;
  switch (specifier.from) {
    case 'package':
      return source.kind === 'package' && source.name === normalizePackageName(specifier.package);
    case 'lib':
      return source.kind === 'lib';
    case 'file': {
      if (source.kind !== 'file') return false;
      if (specifier.path === undefined) return true;
      const wanted = specifier.path.replace(/\\/g, '/').replace(/^\.\//, '');
      return source.fileName.replace(/\\/g, '/').endsWith(`/${wanted}`) || source.fileName === wanted;
    }
  }
}
