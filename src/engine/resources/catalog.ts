/**
 * Type → resource kind, through the TypeChecker: a type is a resource when its declaration (or
 * that of a base class or interface, through any depth of `extends`) is one a kind names. Unions
 * count when a constituent does (`Socket | undefined`). Results are cached per type.
 */
import type * as ts from 'typescript';
import type { EngineHost } from '../host.js';
import type { TypeSpecifier } from '../options.js';
import { getDeclarationOrigin, originMatches, type DeclarationOrigin } from './origin.js';
import type { ResourceKind } from './kinds.js';

/**
 * What a class of the program is, as far as resources go: `kind` when its instances are resources
 * (a wrapper), `owns: true` when it owns resources at all (then its own verdict stands, whatever
 * its base classes are).
 */
export type ClassKindResolver = (declaration: ts.ClassLikeDeclaration) => { readonly owns: boolean; readonly kind: ResourceKind | undefined };

export class ResourceCatalog {
  private readonly cache = new Map<ts.Type, ResourceKind | null>();
  private readonly origins = new Map<ts.Node, DeclarationOrigin>();
  private classKindResolver: ClassKindResolver | undefined;

  /** Every kind's `createdBy`, flattened once: asked of every call that may hand back its receiver. */
  private readonly creatingMethods: readonly TypeSpecifier[];

  constructor(
    private readonly host: EngineHost,
    readonly kinds: readonly ResourceKind[],
  ) {
    this.creatingMethods = kinds.flatMap((kind) => kind.createdBy ?? []);
  }

  /** The kind of resource a value of this type is, if any. */
  getKindOfType(type: ts.Type): ResourceKind | undefined {
    const cached = this.cache.get(type);
    if (cached !== undefined) return cached ?? undefined;
    this.cache.set(type, null); // guards recursive base types
    let kind = this.computeKind(type, 0);
    // got's `Response` is an IncomingMessage that got has read to the end already (it declares `body`).
    const bufferedBy = kind?.readWhenDeclaring;
    if (bufferedBy !== undefined && !type.isUnion() && type.getProperty(bufferedBy) !== undefined) kind = undefined;
    this.cache.set(type, kind ?? null);
    return kind;
  }

  /** Wrappers: classes of the program that own resources become kinds of their own (see wrappers/). */
  setClassKindResolver(resolver: ClassKindResolver): void {
    this.classKindResolver = resolver;
  }

  /** A method declared to return its own class that makes a new one (ResourceKind.createdBy: ioredis' `duplicate()`). */
  isCreatingMethod(declaration: ts.Node): boolean {
    return this.creatingMethods.some((specifier) => this.declarationMatches(declaration, specifier));
  }

  /** Whether a declaration is the one a specifier names. */
  declarationMatches(declaration: ts.Node, specifier: TypeSpecifier): boolean {
    return originMatches(this.getOrigin(declaration), specifier);
  }

  /** Whether a type is, or extends (at any depth), a type some specifier names. */
  isTypeOrSubtype(type: ts.Type, specifiers: readonly TypeSpecifier[], depth = 0): boolean {
    const { ts, checker } = this.host;
    if (depth > 20) return false;
    if (type.isUnionOrIntersection()) return type.types.some((part) => this.isTypeOrSubtype(part, specifiers, depth + 1));
    const declarations = (type.getSymbol() ?? type.aliasSymbol)?.getDeclarations() ?? [];
    if (specifiers.some((spec) => declarations.some((d) => this.declarationMatches(d, spec)))) return true;
    if (!(type.flags & ts.TypeFlags.Object)) return false;
    const objectType = type as ts.ObjectType;
    const target = objectType.objectFlags & ts.ObjectFlags.Reference ? (objectType as ts.TypeReference).target : objectType;
    if (!(target.objectFlags & ts.ObjectFlags.ClassOrInterface)) return false;
    return checker.getBaseTypes(target as ts.InterfaceType).some((base) => this.isTypeOrSubtype(base, specifiers, depth + 1));
  }

  getOrigin(declaration: ts.Node): DeclarationOrigin {
    let origin = this.origins.get(declaration);
    if (!origin) {
      origin = getDeclarationOrigin(this.host, declaration);
      this.origins.set(declaration, origin);
    }
    return origin;
  }

  private computeKind(type: ts.Type, depth: number): ResourceKind | undefined {
    const { ts, checker } = this.host;
    if (depth > 20) return undefined;
    if (type.isUnionOrIntersection()) {
      for (const part of type.types) {
        const kind = this.getKindOfType(part);
        if (kind) return kind;
      }
      return undefined;
    }
    const symbol = type.getSymbol() ?? type.aliasSymbol;
    if (!symbol) return undefined;
    const declarations = symbol.getDeclarations() ?? [];
    for (const kind of this.kinds) {
      if (kind.excluded?.some((spec) => declarations.some((d) => this.declarationMatches(d, spec)))) return undefined;
    }
    for (const kind of this.kinds) {
      if (kind.types.some((spec) => declarations.some((d) => this.declarationMatches(d, spec)))) return kind;
    }
    const programClass = this.classKindResolver && declarations.find((d) => ts.isClassLike(d) && !d.getSourceFile().isDeclarationFile);
    if (programClass) {
      const verdict = this.classKindResolver!(programClass as ts.ClassLikeDeclaration);
      if (verdict.owns) return verdict.kind;
    }
    const objectType = type as ts.ObjectType;
    if (!(type.flags & ts.TypeFlags.Object)) return undefined;
    const target =
      objectType.objectFlags & ts.ObjectFlags.Reference ? (objectType as ts.TypeReference).target : objectType;
    if (!(target.objectFlags & ts.ObjectFlags.ClassOrInterface)) return undefined;
    for (const base of checker.getBaseTypes(target as ts.InterfaceType)) {
      const kind = this.computeKind(base, depth + 1);
      if (kind) return kind;
      // An excluded base (a tty stream) settles it: no obligation.
      if (this.isExcluded(base)) return undefined;
    }
    return undefined;
  }

  private isExcluded(type: ts.Type): boolean {
    const declarations = type.getSymbol()?.getDeclarations() ?? [];
    return this.kinds.some((kind) => kind.excluded?.some((spec) => declarations.some((d) => this.declarationMatches(d, spec))));
  }
}
