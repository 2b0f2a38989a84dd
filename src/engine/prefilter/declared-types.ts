/**
 * What a declared return type can be, read from its syntax and the symbols its names resolve to:
 * binding only, no inference. The checker's answer (`getReturnTypeOfSignature`, then
 * `getAwaitedType`) resolves the members of the returned type and of all its bases to look for a
 * `then` method, for every declaration a call's name reaches; on JavaScript packages that was the
 * largest single cost of the pre-filter (undici: 776 declarations, 0.45 s). Most declared returns
 * settle without it: a primitive, a function type, or a class or interface that no resource kind
 * names, none of whose bases (`extends`, at any depth) is named either or is a class of the program.
 *
 * The answer mirrors CreationFilter.signatureMayCreate, which the catalog's getKindOfType decides
 * (the declarations of the type's symbol and of its base types, resource.ts-independent): `false`
 * only where that would say no; anything the syntax cannot settle (a conditional, mapped or
 * indexed type, `typeof`, a type alias with parameters, a custom thenable) is `undefined`, and the
 * checker is asked as before.
 *
 * The same reading, not awaited, settles a parameter's declared type (owning-fields.ts: whether a
 * class keeps a resource its caller hands it), where the checker's answer is the parameter's
 * narrowed type at the store, which resolves its annotation and walks the flow graph back to the
 * function's start (mongodb's re-lint: ~40 ms of every edit).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../lifecycle/context.js';
import { getDeclarationsNamed } from './named-declarations.js';

/** What a receiver can fill in for a member (may-create.ts ReceiverFill), or undefined when reached by its own name. */
export type Fill = { readonly generic: boolean; readonly self: boolean } | undefined;

/** What a named type is: may it be a resource (undefined: ask the checker), and may it be a thenable. */
interface NamedTypeFacts {
  readonly resource: boolean | undefined;
  readonly thenable: boolean;
}

/**
 * Where a type node is read: the signature whose return it is (and what a receiver fills in), and
 * the arguments of the generic aliases being expanded, each read where it was written.
 */
interface Scope {
  /** Undefined in a base type of an interface: no signature's type parameters are in scope there. */
  readonly owner: ts.SignatureDeclaration | undefined;
  readonly fill: Fill;
  /** A return, which the checker awaits (getAwaitedType) before the catalog reads it; a parameter's type is read as it is. */
  readonly awaited: boolean;
  readonly aliasArguments: ReadonlyMap<ts.TypeParameterDeclaration, { readonly node: ts.TypeNode; readonly scope: Scope }> | undefined;
}

const unknownFacts: NamedTypeFacts = { resource: undefined, thenable: true };

const screens = new WeakMap<AnalysisContext, DeclaredTypeScreen>();

/** The screen of an analysis context (its answers are per checker symbol, so per context). */
export function getDeclaredTypeScreen(context: AnalysisContext): DeclaredTypeScreen {
  let screen = screens.get(context);
  if (!screen) screens.set(context, (screen = new DeclaredTypeScreen(context)));
  return screen;
}

/** Answers per checker symbol, for one analysis context. */
export class DeclaredTypeScreen {
  private readonly facts = new Map<ts.Symbol, NamedTypeFacts>();
  private readonly ts: AnalysisContext['ts'];

  constructor(private readonly context: AnalysisContext) {
    this.ts = context.ts;
  }

  /**
   * Whether a signature declared to return `returnType` may return a resource, awaited: `false`
   * when it cannot (signatureMayCreate would say no), `true` when it may, `undefined` when only the
   * checker can tell. `owner` is the signature declaration; `fill` what a receiver can instantiate.
   */
  returnMayBeResource(returnType: ts.TypeNode, owner: ts.SignatureDeclaration, fill: Fill): boolean | undefined {
    return this.typeMayBeResource(returnType, { owner, fill, aliasArguments: undefined, awaited: true }, 0);
  }

  /**
   * Whether a value declared as `type` in `owner` (a parameter's annotation) may be a resource, as
   * the catalog reads the declared type itself, not awaited: `false` when getKindOfType of that type
   * would say no, `true` when it may, `undefined` when only the checker can tell. The owner's type
   * parameters and those of what encloses it stay themselves (nothing fills them in there); with
   * no owner, any type parameter may be filled in with anything (a generic call's predicate).
   */
  declaredMayBeResource(type: ts.TypeNode, owner: ts.SignatureDeclaration | undefined): boolean | undefined {
    return this.typeMayBeResource(type, { owner, fill: undefined, aliasArguments: undefined, awaited: false }, 0);
  }

  private typeMayBeResource(node: ts.TypeNode, scope: Scope, depth: number): boolean | undefined {
    const { ts } = this;
    if (depth > 20) return undefined;
    node = skipParentheses(ts, node);
    // `Promise<X>` / `PromiseLike<X>` of the lib: awaited, `X`; not awaited, the lib's interface (read below).
    const promised = scope.awaited ? getPromisedTypeNode(ts, node) : undefined;
    if (promised) return this.isLibPromise(node as ts.TypeReferenceNode) ? this.typeMayBeResource(promised, scope, depth + 1) : undefined;
    switch (node.kind) {
      case ts.SyntaxKind.VoidKeyword:
      case ts.SyntaxKind.BooleanKeyword:
      case ts.SyntaxKind.StringKeyword:
      case ts.SyntaxKind.NumberKeyword:
      case ts.SyntaxKind.BigIntKeyword:
      case ts.SyntaxKind.SymbolKeyword:
      case ts.SyntaxKind.UndefinedKeyword:
      case ts.SyntaxKind.NullKeyword:
      case ts.SyntaxKind.NeverKeyword:
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword:
      case ts.SyntaxKind.LiteralType:
      case ts.SyntaxKind.TemplateLiteralType:
      // `x is Foo`, `asserts x`: a boolean, or nothing.
      case ts.SyntaxKind.TypePredicate:
        return false;
      case ts.SyntaxKind.UnionType:
      case ts.SyntaxKind.IntersectionType: {
        // A union or intersection is a resource when a constituent is (getKindOfType), awaited one by one.
        let answer: boolean | undefined = false;
        for (const part of (node as ts.UnionOrIntersectionTypeNode).types) {
          const partAnswer = this.typeMayBeResource(part, scope, depth + 1);
          if (partAnswer === true) return true;
          if (partAnswer === undefined) answer = undefined;
        }
        return answer;
      }
      case ts.SyntaxKind.FunctionType:
      case ts.SyntaxKind.ConstructorType:
      case ts.SyntaxKind.TypeLiteral:
        // Its type's symbol is declared by this very node: a kind may name it (by the names around it).
        if (this.isNamedByKind([node])) return true;
        return scope.awaited && ts.isTypeLiteralNode(node) && node.members.some((member) => isNamed(ts, member, 'then')) ? undefined : false;
      case ts.SyntaxKind.ConditionalType: {
        // One branch or the other (or both, distributed over a union); `infer` names are the checker's.
        const conditional = node as ts.ConditionalTypeNode;
        // Checking a parameter nothing here fills in, the checker leaves the conditional deferred:
        // a type with no symbol but its alias's (which no kind named), so no resource.
        if (this.isUnfilledParameter(conditional.checkType, scope, depth)) return false;
        const whenTrue = this.typeMayBeResource(conditional.trueType, scope, depth + 1);
        if (whenTrue === true) return true;
        const whenFalse = this.typeMayBeResource(conditional.falseType, scope, depth + 1);
        return whenFalse === true ? true : whenTrue === undefined || whenFalse === undefined ? undefined : false;
      }
      case ts.SyntaxKind.IndexedAccessType:
        // `ResultTypes<T, Context>[Context['type']]`: one of the object type's members, whichever the index picks.
        return this.membersMayBeResource((node as ts.IndexedAccessTypeNode).objectType, scope, depth + 1);
      case ts.SyntaxKind.ArrayType:
        // `T[]` is an `Array<T>`: the catalog reads the lib's `Array`, never its elements.
        return this.getLibInterfaceFacts('Array').resource;
      case ts.SyntaxKind.TupleType:
        // A tuple's type has no symbol for the catalog to read.
        return false;
      case ts.SyntaxKind.MappedType:
        // Its own object whatever fills it in (or a primitive, an array or a union of those, when
        // homomorphic over one): no kind names it. Awaited, its members may hold a `then`.
        return scope.awaited ? undefined : false;
      case ts.SyntaxKind.TypeReference:
        return this.referenceMayBeResource(node as ts.TypeReferenceNode, scope, depth);
      default:
        // `this` in a union, arrays and tuples, conditional, mapped, indexed and `typeof` types: the checker decides.
        return undefined;
    }
  }

  private referenceMayBeResource(node: ts.TypeReferenceNode, scope: Scope, depth: number): boolean | undefined {
    const { ts } = this;
    const symbol = this.resolveTypeName(node.typeName);
    const declarations = symbol?.getDeclarations();
    if (!symbol || !declarations || declarations.length === 0) return undefined;
    const parameter = declarations.find((declaration) => ts.isTypeParameterDeclaration(declaration)) as ts.TypeParameterDeclaration | undefined;
    if (parameter) {
      // A parameter of an alias being expanded stands for the argument the reference gave it.
      const argument = scope.aliasArguments?.get(parameter);
      if (argument) return this.typeMayBeResource(argument.node, argument.scope, depth + 1);
      // A value declared `S extends Socket | undefined` is read as its constraint where its
      // context has no type parameter (`this.sock = sock`): the checker's constraint substitution.
      if (!scope.awaited && parameter.constraint) return undefined;
      return this.typeParameterMayBeResource(parameter, scope.owner, scope.fill);
    }
    const alias = declarations.length === 1 && ts.isTypeAliasDeclaration(declarations[0]!) ? declarations[0] : undefined;
    if (alias) {
      if (this.isNamedByKind([alias])) return true;
      // `type PipelineResult<S> = S extends NodeJS.WritableStream ? S : Duplex`: the body, each
      // parameter standing for the reference's argument (a default or a missing one: the checker).
      const parameters = alias.typeParameters ?? [];
      const args = node.typeArguments ?? [];
      if (args.length !== parameters.length) return undefined;
      const aliasArguments = new Map(scope.aliasArguments);
      parameters.forEach((aliasParameter, index) => aliasArguments.set(aliasParameter, { node: args[index]!, scope }));
      return this.typeMayBeResource(alias.type, { ...scope, aliasArguments }, depth + 1);
    }
    const facts = this.getNamedTypeFacts(symbol, 0);
    return facts.thenable && scope.awaited ? undefined : facts.resource;
  }

  /**
   * A type parameter, as signatureMayCreate reads it. Reached by its own name, nothing fills it in.
   * Through a receiver of a generic class or interface, the checker awaits an unconstrained
   * parameter as `Awaited<T>`, which a receiver may fill in (the class's parameter, or the
   * method's own); one of the method's own constrained to a function or a primitive stays `T`, which
   * only the call's arguments fill in, and a generic call hands back what it was given. A parameter
   * of anything but the signature and what encloses it is left to the checker.
   */
  private typeParameterMayBeResource(parameter: ts.TypeParameterDeclaration, owner: ts.SignatureDeclaration | undefined, fill: Fill): boolean | undefined {
    const { ts } = this;
    for (let node: ts.Node | undefined = owner; node && !ts.isSourceFile(node); node = node.parent) {
      if (node !== parameter.parent) continue;
      if (fill?.generic !== true) return false;
      if (node !== owner) return true;
      const constraint = parameter.constraint && skipParentheses(ts, parameter.constraint);
      return constraint && isNeverThenable(ts, constraint) ? false : undefined;
    }
    return undefined;
  }

  /**
   * Whether some member of an object type may be a resource: a type literal's members, or those of
   * an interface with no bases (its parameters standing for the reference's arguments). A method's
   * type is a function, never a resource; an index signature's is its value's.
   */
  private membersMayBeResource(node: ts.TypeNode, scope: Scope, depth: number): boolean | undefined {
    const { ts } = this;
    node = skipParentheses(ts, node);
    if (depth > 20) return undefined;
    let members: readonly ts.TypeElement[];
    let memberScope = scope;
    if (ts.isTypeLiteralNode(node)) {
      members = node.members;
    } else if (ts.isTypeReferenceNode(node)) {
      const declarations = this.resolveTypeName(node.typeName)?.getDeclarations() ?? [];
      const parameter = declarations.find((declaration) => ts.isTypeParameterDeclaration(declaration)) as ts.TypeParameterDeclaration | undefined;
      const argument = parameter && scope.aliasArguments?.get(parameter);
      if (argument) return this.membersMayBeResource(argument.node, argument.scope, depth + 1);
      const interfaces = declarations.filter((declaration): declaration is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(declaration));
      if (interfaces.length === 0 || interfaces.length !== declarations.length || interfaces.some((declaration) => declaration.heritageClauses)) return undefined;
      if (this.isNamedByKind(interfaces)) return true;
      const parameters = interfaces[0]!.typeParameters ?? [];
      const args = node.typeArguments ?? [];
      if (args.length !== parameters.length || interfaces.some((declaration) => (declaration.typeParameters?.length ?? 0) !== parameters.length)) return undefined;
      const aliasArguments = new Map(scope.aliasArguments);
      for (const declaration of interfaces) declaration.typeParameters?.forEach((own, index) => aliasArguments.set(own, { node: args[index]!, scope }));
      members = interfaces.flatMap((declaration) => [...declaration.members]);
      memberScope = { ...scope, aliasArguments };
    } else {
      return undefined;
    }
    let answer: boolean | undefined = false;
    for (const member of members) {
      if (ts.isMethodSignature(member) || ts.isCallSignatureDeclaration(member) || ts.isConstructSignatureDeclaration(member)) continue;
      const type = ts.isPropertySignature(member) || ts.isIndexSignatureDeclaration(member) ? member.type : undefined;
      if (!type) return undefined;
      const memberAnswer = this.typeMayBeResource(type, memberScope, depth + 1);
      if (memberAnswer === true) return true;
      if (memberAnswer === undefined) answer = undefined;
    }
    return answer;
  }

  /** A reference to a type parameter that neither the receiver nor an alias's argument fills in. */
  private isUnfilledParameter(node: ts.TypeNode, scope: Scope, depth: number): boolean {
    const { ts } = this;
    node = skipParentheses(ts, node);
    if (depth > 20 || !ts.isTypeReferenceNode(node) || node.typeArguments) return false;
    const parameter = this.resolveTypeName(node.typeName)?.getDeclarations()?.find((declaration) => ts.isTypeParameterDeclaration(declaration)) as ts.TypeParameterDeclaration | undefined;
    if (!parameter) return false;
    const argument = scope.aliasArguments?.get(parameter);
    if (argument) return this.isUnfilledParameter(argument.node, argument.scope, depth + 1);
    return this.typeParameterMayBeResource(parameter, scope.owner, scope.fill) === false;
  }

  /** What a class, interface or enum is, through its bases (`extends`, at any depth). */
  private getNamedTypeFacts(symbol: ts.Symbol, depth: number): NamedTypeFacts {
    const known = this.facts.get(symbol);
    if (known) return known;
    if (depth > 20) return unknownFacts;
    // A cycle of `extends` is an error the checker reports; here it settles nothing.
    this.facts.set(symbol, unknownFacts);
    const facts = this.computeNamedTypeFacts(symbol, depth);
    this.facts.set(symbol, facts);
    return facts;
  }

  private computeNamedTypeFacts(symbol: ts.Symbol, depth: number): NamedTypeFacts {
    const { ts } = this;
    const { catalog } = this.context;
    const declarations = symbol.getDeclarations() ?? [];
    // typeMayBeResource: a class of the program may be a wrapper.
    if (declarations.some((declaration) => ts.isClassLike(declaration) && !declaration.getSourceFile().isDeclarationFile)) return { resource: true, thenable: false };
    // An excluded subtype carries no obligation, unless a base makes it one: left to the checker.
    if (catalog.kinds.some((kind) => kind.excluded?.some((specifier) => declarations.some((declaration) => catalog.declarationMatches(declaration, specifier))))) return unknownFacts;
    if (this.isNamedByKind(declarations)) return { resource: true, thenable: false };
    let resource: boolean | undefined = false;
    let thenable = false;
    for (const declaration of declarations) {
      if (ts.isClassLike(declaration) || ts.isInterfaceDeclaration(declaration)) {
        if (declaration.members.some((member: ts.ClassElement | ts.TypeElement) => isNamed(ts, member, 'then'))) thenable = true;
        for (const base of getBaseTypeExpressions(ts, declaration)) {
          const baseFacts = this.getBaseFacts(base, ts.isClassLike(declaration), depth);
          if (baseFacts.resource === true) return { resource: true, thenable: thenable || baseFacts.thenable };
          if (baseFacts.resource === undefined) resource = undefined;
          if (baseFacts.thenable) thenable = true;
        }
      } else if (!ts.isEnumDeclaration(declaration) && !ts.isVariableDeclaration(declaration) && !ts.isFunctionDeclaration(declaration) && !ts.isModuleDeclaration(declaration)) {
        // A declaration the syntax does not describe as a type (a type alias merged with something else).
        return unknownFacts;
      }
    }
    return { resource, thenable };
  }

  /**
   * A base type: an interface's `extends` names a class or an interface; a class's `extends` is a
   * value, whose instances are a class's only when the name is one (a variable of a constructor
   * type, `Error` of the lib, a mixin call: the checker reads its construct signatures).
   */
  private getBaseFacts(base: ts.ExpressionWithTypeArguments, ofClass: boolean, depth: number): NamedTypeFacts {
    const { ts } = this;
    const symbol = this.resolveBaseExpression(base);
    const declarations = symbol?.getDeclarations() ?? [];
    if (!symbol || declarations.length === 0) return unknownFacts;
    if (ofClass && !declarations.some((declaration) => ts.isClassLike(declaration))) return unknownFacts;
    const alias = !ofClass && declarations.length === 1 && ts.isTypeAliasDeclaration(declarations[0]!) ? declarations[0] : undefined;
    if (alias) return this.getAliasBaseFacts(alias, base, depth);
    return this.getNamedTypeFacts(symbol, depth + 1);
  }

  /**
   * An interface's base named by a type alias (`extends Omit<SerializeOptions, 'index'>`): the
   * checker's base type is the alias's type, read here with the reference's arguments. Whether it
   * holds a `then` is not read (a mapped type's members are its source's).
   */
  private getAliasBaseFacts(alias: ts.TypeAliasDeclaration, base: ts.ExpressionWithTypeArguments, depth: number): NamedTypeFacts {
    if (this.isNamedByKind([alias])) return { resource: true, thenable: true };
    const parameters = alias.typeParameters ?? [];
    const args = base.typeArguments ?? [];
    if (args.length !== parameters.length) return unknownFacts;
    const outer: Scope = { owner: undefined, fill: undefined, aliasArguments: undefined, awaited: false };
    const aliasArguments = new Map(parameters.map((parameter, index) => [parameter, { node: args[index]!, scope: outer }] as const));
    return { resource: this.typeMayBeResource(alias.type, { ...outer, aliasArguments }, depth + 1), thenable: true };
  }

  /** What a global interface of TypeScript's lib is (`Array`, which `T[]` stands for), found by its merged `declare var`. */
  private getLibInterfaceFacts(name: string): NamedTypeFacts {
    const { ts, context } = this;
    const { program } = context.host;
    const variable = getDeclarationsNamed(ts, program, name).find((candidate) => ts.isVariableDeclaration(candidate) && program.isSourceFileDefaultLibrary(candidate.getSourceFile()));
    const symbol = variable && context.getSymbol((variable as ts.VariableDeclaration).name);
    return symbol ? this.getNamedTypeFacts(symbol, 0) : unknownFacts;
  }

  /** Whether some resource kind names one of these declarations (the catalog's match, on origins). */
  private isNamedByKind(declarations: readonly ts.Node[]): boolean {
    const { catalog } = this.context;
    return catalog.kinds.some((kind) => kind.types.some((specifier) => declarations.some((declaration) => catalog.declarationMatches(declaration, specifier))));
  }

  /** `Promise<X>` of TypeScript's lib, not a class of the same name. */
  private isLibPromise(node: ts.TypeReferenceNode): boolean {
    const { program } = this.context.host;
    const declarations = this.resolveTypeName(node.typeName)?.getDeclarations() ?? [];
    return declarations.length > 0 && declarations.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
  }

  /** The symbol a type name stands for, imports followed (binding only). */
  private resolveTypeName(name: ts.EntityName): ts.Symbol | undefined {
    const { ts } = this;
    return this.context.getSymbol(ts.isIdentifier(name) ? name : name.right);
  }

  /** The symbol of a heritage clause's expression (`EventEmitter`, `stream.Duplex`), when it is a name. */
  private resolveBaseExpression(base: ts.ExpressionWithTypeArguments): ts.Symbol | undefined {
    const { ts } = this;
    const expression = base.expression;
    if (ts.isIdentifier(expression)) return this.context.getSymbol(expression);
    if (ts.isPropertyAccessExpression(expression)) return this.context.getSymbol(expression.name);
    return undefined;
  }
}

/** The base types the checker's getBaseTypes reads: a class's `extends`, an interface's `extends` list. */
function getBaseTypeExpressions(ts: AnalysisContext['ts'], declaration: ts.ClassLikeDeclaration | ts.InterfaceDeclaration): readonly ts.ExpressionWithTypeArguments[] {
  const clause = declaration.heritageClauses?.find((heritage) => heritage.token === ts.SyntaxKind.ExtendsKeyword);
  return clause?.types ?? [];
}

/** A constraint that keeps a type parameter from being awaited (`Func extends (...args: any[]) => any`, `K extends string`). */
function isNeverThenable(ts: AnalysisContext['ts'], constraint: ts.TypeNode): boolean {
  switch (constraint.kind) {
    case ts.SyntaxKind.FunctionType:
    case ts.SyntaxKind.ConstructorType:
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.BigIntKeyword:
    case ts.SyntaxKind.SymbolKeyword:
      return true;
    default:
      return false;
  }
}

/** `Promise<X>` / `PromiseLike<X>` → `X` (what `await` gives), syntactically. */
export function getAwaitedTypeNode(ts: AnalysisContext['ts'], node: ts.TypeNode): ts.TypeNode {
  let current = skipParentheses(ts, node);
  for (let promised = getPromisedTypeNode(ts, current); promised; promised = getPromisedTypeNode(ts, current)) current = skipParentheses(ts, promised);
  return current;
}

/**
 * A function declared (or, in JavaScript, documented) to return `this` or `Promise<this>`: it hands
 * back its receiver, never a fresh resource. TypeScript lets nothing else be returned as the
 * polymorphic `this` type without a cast.
 */
export function isDeclaredToReturnThis(ts: AnalysisContext['ts'], fn: ts.SignatureDeclaration): boolean {
  const annotation = fn.type ?? ts.getJSDocReturnType(fn);
  return annotation !== undefined && getAwaitedTypeNode(ts, annotation).kind === ts.SyntaxKind.ThisType;
}

function skipParentheses(ts: AnalysisContext['ts'], node: ts.TypeNode): ts.TypeNode {
  while (ts.isParenthesizedTypeNode(node)) node = node.type;
  return node;
}

/** `Promise<X>` / `PromiseLike<X>` → `X`, by the written name (the caller checks it is the lib's). */
function getPromisedTypeNode(ts: AnalysisContext['ts'], node: ts.TypeNode): ts.TypeNode | undefined {
  if (!ts.isTypeReferenceNode(node) || !ts.isIdentifier(node.typeName) || node.typeArguments?.length !== 1) return undefined;
  const name = node.typeName.text;
  return name === 'Promise' || name === 'PromiseLike' ? node.typeArguments[0] : undefined;
}

/** A member declared under `name` (`then() {}`, `then: …`). */
function isNamed(ts: AnalysisContext['ts'], member: ts.ClassElement | ts.TypeElement, name: string): boolean {
  const memberName = member.name;
  return memberName !== undefined && (ts.isIdentifier(memberName) || ts.isStringLiteral(memberName)) && memberName.text === name;
}
