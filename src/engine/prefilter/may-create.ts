/**
 * Which calls and `new`s can create a resource, decided before any question about types: most
 * calls of a program cannot, and asking the checker about each one (the callee's type, its
 * signatures, the call's resolved signature) was most of what the engine cost.
 *
 * A call creates a resource only through a signature of its callee: one declared (a `.d.ts`, an
 * overload, an interface member) whose return type, awaited, is a resource kind; or one of a
 * function of the program whose `return`s hand back a creation (its summary). So the question is
 * asked of declarations, not of calls, and each declaration is asked once per program:
 * - `x.name(…)`: every declaration named `name` in the program (named-declarations.ts), since the
 *   callee's signatures are declared under that name, whatever `x` is. A name with no declaration
 *   (an index signature, a mapped type, an untyped value) may create.
 * - `name(…)`: the declarations of the symbol the identifier resolves to (imports followed).
 * - Anything else (`a[b]()`, `f()()`, `(x as T)()`): may create.
 * A declaration without a body is answered by the checker from its declared types alone (cheap:
 * no inference), a function of the program by its `return`s (recursively, by the same test), a
 * variable, property or parameter by what it is declared as or given. A declared member whose
 * return type names a type parameter of its class (`Map<K, V>.get(): V | undefined`) may create,
 * whatever the receiver holds; a method declared to return exactly `this` never does (getCreationKind
 * skips those). Classes of the program may be wrappers (a resource kind found by summarising the
 * class): constructing one, or a type naming one, may create.
 *
 * Every answer is an over-approximation of getCreationKind: "no" means getCreationKind would say
 * no; "yes" means it has to be asked. Nothing here changes an engine cache, so asking first
 * changes no answer of the engine's.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../lifecycle/context.js';
import { chainMethods } from '../lifecycle/promise-chains.js';
import { resolveHandlerFunction } from '../lifecycle/received.js';
import { getBodyNodes } from '../lifecycle/file-index.js';
import { getValueOperands, isFunctionWithBody, skipOuterExpressions } from '../lifecycle/syntax.js';
import { CycleMemo } from './cycle-memo.js';
import { type DeclaredTypeScreen, getAwaitedTypeNode, getDeclaredTypeScreen, isDeclaredToReturnThis } from './declared-types.js';
import { computedNameKey, getDeclarationsNamed } from './named-declarations.js';
import { storedParameterMayBeRetyped } from './parameter-types.js';
import { getStoringFunction, isFieldStoreOperator } from '../wrappers/owning-fields.js';
import { getAssignedValues, getResultOperands, isContextuallyTyped, isInertValueSyntax, isPromiseExecutor, skipValuePreservingWrappers } from './values.js';

const filters = new WeakMap<AnalysisContext, CreationFilter>();

/** Whether the call or `new` can create a resource (false: getCreationKind would return undefined). */
export function mayCreateResource(context: AnalysisContext, node: ts.CallExpression | ts.NewExpression): boolean {
  let filter = filters.get(context);
  if (!filter) filters.set(context, (filter = new CreationFilter(context)));
  return filter.mayCreate(node);
}

/** Whether some `return` of a function of the program may hand back a creation (false: it is no factory). */
export function mayReturnFreshResource(context: AnalysisContext, fn: ts.FunctionLikeDeclaration): boolean {
  let filter = filters.get(context);
  if (!filter) filters.set(context, (filter = new CreationFilter(context)));
  return filter.functionMayReturnFresh(fn);
}

/**
 * For the property test of the declared-type screen: what the screen answers for a declared
 * signature reached by its own name or by a property name (`asMember`), and what the checker's
 * signatureMayCreate answers; `byFill`: that answer is "may" only because a receiver could fill in
 * a type parameter somewhere in the return type (the screen may read where it ends up).
 */
export function compareDeclaredReturn(context: AnalysisContext, fn: ts.SignatureDeclaration, asMember: boolean): { screened: boolean | undefined; checked: boolean; byFill: boolean } | undefined {
  let filter = filters.get(context);
  if (!filter) filters.set(context, (filter = new CreationFilter(context)));
  return filter.compareDeclaredReturn(fn, asMember);
}

type Construct = 'call' | 'new';
/** The questions asked of one node: called or constructed, what calling it returns, a member keyed by it (a symbol constant). */
type Question = Construct | 'returns-call' | 'returns-new' | 'keyed-call' | 'keyed-new';

/**
 * Settled answers about the declarations of TypeScript's lib and of packages' `.d.ts` files, kept
 * across Programs: an editor builds a new Program (and checker) for every edit, but shares these
 * SourceFiles between them, and what a declared signature of `@types/node` may return does not
 * change with the edit. Without this, each re-lint asked the new checker again about every
 * declaration its calls' names reach (the re-lint regression of docs/performance.md).
 */
const libraryAnswers = new WeakMap<ts.Node, Map<string, boolean>>();

const typingOptions = ['strict', 'strictNullChecks', 'strictBindCallApply', 'strictFunctionTypes', 'exactOptionalPropertyTypes', 'noImplicitAny', 'lib', 'target', 'module', 'moduleResolution', 'types', 'typeRoots', 'allowJs', 'checkJs'] as const;

class CreationFilter {
  private readonly memo = new CycleMemo();
  /** By member name: whether a member of that name may be a symbol constant (memberMayBeSymbolConstant). */
  private readonly symbolConstantMembers = new Map<string, boolean>();
  private readonly keys = new WeakMap<ts.Node, Record<Question, object>>();
  private readonly ts: AnalysisContext['ts'];
  private computedNames: { byConstant: Map<ts.Declaration, ts.Node[]>; unknown: ts.Node[] } | undefined;
  private readonly screen: DeclaredTypeScreen;

  /** The key of libraryAnswers per construct: the options the answers depend on (through the catalog of resource kinds). */
  private readonly libraryKeys: Readonly<Record<Construct, string>>;

  constructor(private readonly context: AnalysisContext) {
    this.ts = context.ts;
    this.screen = getDeclaredTypeScreen(context);
    const compilerOptions = context.host.program.getCompilerOptions();
    // Compiler options that change what a declaration's type reads as (a program of a monorepo run
    // may share its lib files with another program built with other options).
    const typing = typingOptions.map((name) => compilerOptions[name]);
    const optionsKey = JSON.stringify([context.options, typing]);
    this.libraryKeys = { call: `${optionsKey}\0call`, new: `${optionsKey}\0new` };
  }

  mayCreate(node: ts.CallExpression | ts.NewExpression): boolean {
    const { ts } = this;
    if (ts.isCallExpression(node)) {
      const callee = skipOuterExpressions(ts, node.expression);
      // getCreationKind follows a promise chain link by its own rules (promise-chains.ts).
      if (ts.isPropertyAccessExpression(callee) && chainMethods.has(callee.name.text)) return this.chainLinkMayCreate(node, callee);
      // `f.call(thisArg, …)`, `f.apply(thisArg, args)`: getCreationKind reads them as calls of `f`.
      if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) {
        return this.calleeMayCreate(callee.expression, 'call') || this.nameMayCreate(callee.name.text, 'call');
      }
      if (callee.kind === ts.SyntaxKind.SuperKeyword) return this.superCallMayCreate(node);
    }
    return this.calleeMayCreate(node.expression, ts.isNewExpression(node) ? 'new' : 'call');
  }

  /** `source.then(cb)`: a creation at the start of the chain, or a `.then` callback that returns one. */
  private chainLinkMayCreate(call: ts.CallExpression, callee: ts.PropertyAccessExpression): boolean {
    const { ts } = this;
    const receiver = skipOuterExpressions(ts, callee.expression);
    if ((ts.isCallExpression(receiver) || ts.isNewExpression(receiver)) && this.mayCreate(receiver)) return true;
    if (callee.name.text !== 'then') return false;
    const onFulfilled = call.arguments[0];
    if (!onFulfilled) return false;
    const callback = resolveHandlerFunction(this.context, onFulfilled);
    return callback !== undefined && this.returnedValues(callback).some((value) => (ts.isCallExpression(value) || ts.isNewExpression(value)) && this.mayCreate(value));
  }

  /** `super(…)` calls the base class: a class is not callable, an ES5 constructor function may return one. */
  private superCallMayCreate(call: ts.CallExpression): boolean {
    const { ts } = this;
    let cls: ts.Node | undefined = call.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    const heritage = cls && (cls as ts.ClassLikeDeclaration).heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    return heritage === undefined || this.calleeMayCreate(heritage.expression, 'call');
  }

  /** Whether calling (or constructing) what `expression` evaluates to may create a resource. */
  private calleeMayCreate(expression: ts.Expression, construct: Construct): boolean {
    const { ts } = this;
    const callee = skipValuePreservingWrappers(ts, expression);
    if (ts.isPropertyAccessExpression(callee)) return this.nameMayCreate(callee.name.text, construct);
    if (ts.isIdentifier(callee)) return this.identifierMayCreate(callee, construct);
    if (ts.isElementAccessExpression(callee)) return this.elementMayCreate(callee, construct);
    return true;
  }

  /**
   * `x['m']()` is `x.m()`. `this[kResume]()`, with `const kResume = Symbol('resume')`: only a
   * member whose computed name evaluates to that same symbol can be called, and no other key does
   * (a `Symbol()` is unique; a literal, a well-known symbol or another such constant is a different
   * key). Any other key may be anything.
   */
  private elementMayCreate(access: ts.ElementAccessExpression, construct: Construct): boolean {
    const { ts } = this;
    const key = skipOuterExpressions(ts, access.argumentExpression);
    if (ts.isStringLiteralLike(key)) return this.nameMayCreate(key.text, construct);
    const symbol = this.getUniqueSymbolConstant(key);
    if (!symbol) return true;
    return this.memo.get(this.keyOf(symbol, construct === 'call' ? 'keyed-call' : 'keyed-new'), () => {
      const { byConstant, unknown } = this.getComputedNames();
      const candidates = [...(byConstant.get(symbol) ?? []), ...unknown];
      return candidates.length === 0 || candidates.some((declaration) => this.declarationMayCreate(declaration, construct, true));
    });
  }

  /** The program's declarations with computed names, by the symbol constant that keys them; `unknown`: keyed by anything else that may be a symbol. */
  private getComputedNames(): { byConstant: Map<ts.Declaration, ts.Node[]>; unknown: ts.Node[] } {
    if (this.computedNames) return this.computedNames;
    const byConstant = new Map<ts.Declaration, ts.Node[]>();
    const unknown: ts.Node[] = [];
    for (const declaration of getDeclarationsNamed(this.ts, this.context.host.program, computedNameKey)) {
      const key = this.getSymbolKey(declaration);
      if (key === 'none') continue;
      if (key === 'unknown') unknown.push(declaration);
      else {
        const keyed = byConstant.get(key);
        if (keyed) keyed.push(declaration);
        else byConstant.set(key, [declaration]);
      }
    }
    return (this.computedNames = { byConstant, unknown });
  }

  /**
   * The declaration of the constant `key` reads, when it holds a symbol of its own: `const k =
   * Symbol('…')` (imports followed), a member of a module's table of symbols (`module.exports =
   * { kResume: Symbol('resume') }`, its one declaration), or a constant or readonly property
   * declared `unique symbol` (`promisify.custom`, `EventEmitter.captureRejectionSymbol`). Not
   * `Symbol.for(…)`, which another call with the same description returns again.
   */
  private getUniqueSymbolConstant(key: ts.Expression): ts.Declaration | undefined {
    const { ts } = this;
    // `a.b`: the checker types `a` to find `b`, inferring whole functions in JavaScript. No
    // declaration named `b` that could be such a constant means no symbol it finds is one.
    if (ts.isPropertyAccessExpression(key) && !this.memberMayBeSymbolConstant(key.name.text)) return undefined;
    const name = ts.isIdentifier(key) ? key : ts.isPropertyAccessExpression(key) ? key.name : undefined;
    const symbol = name && this.context.getSymbol(name);
    const declaration = symbol?.valueDeclaration;
    if (!declaration) return undefined;
    if (ts.isPropertyAssignment(declaration)) return symbol.declarations?.length === 1 && isSymbolConstantSyntax(ts, declaration) ? declaration : undefined;
    return isSymbolConstantSyntax(ts, declaration) ? declaration : undefined;
  }

  /**
   * Whether a member named `name` may be a symbol constant, by the declarations that can be read
   * as a property of that name: one whose own syntax declares such a constant, or an export
   * specifier or `export default`, whose alias the checker follows to a declaration of another name.
   */
  private memberMayBeSymbolConstant(name: string): boolean {
    const { ts } = this;
    let known = this.symbolConstantMembers.get(name);
    if (known === undefined) {
      known = getDeclarationsNamed(ts, this.context.host.program, name).some(
        (declaration) => ts.isExportSpecifier(declaration) || ts.isExportAssignment(declaration) || isSymbolConstantSyntax(ts, declaration),
      );
      this.symbolConstantMembers.set(name, known);
    }
    return known;
  }

  /**
   * The symbol a declaration with a computed name (or an element assignment) is keyed by: a symbol
   * constant, `'none'` (a literal or a well-known symbol, never one made by `Symbol()`), or
   * `'unknown'`. An element assignment or `Object.defineProperty` under any other key (`items[i] =
   * …`) declares nothing, as for names: the checker gives such a write no declaration either, and
   * the index of names never held one.
   */
  private getSymbolKey(declaration: ts.Node): ts.Declaration | 'none' | 'unknown' {
    const { ts } = this;
    let key: ts.Expression | undefined;
    const isWrite = ts.isBinaryExpression(declaration) || ts.isCallExpression(declaration);
    if (ts.isBinaryExpression(declaration) && ts.isElementAccessExpression(declaration.left)) key = declaration.left.argumentExpression;
    else if (ts.isCallExpression(declaration)) key = declaration.arguments[1];
    else {
      const name = (declaration as ts.NamedDeclaration).name;
      if (name && ts.isComputedPropertyName(name)) key = name.expression;
    }
    if (!key) return isWrite ? 'none' : 'unknown';
    key = skipOuterExpressions(ts, key);
    if (ts.isStringLiteralLike(key) || ts.isNumericLiteral(key) || ts.isTemplateExpression(key)) return 'none';
    // `Symbol.iterator`, `Symbol.asyncDispose`: a well-known symbol.
    if (ts.isPropertyAccessExpression(key) && ts.isIdentifier(key.expression) && key.expression.text === 'Symbol') return 'none';
    return this.getUniqueSymbolConstant(key) ?? (isWrite ? 'none' : 'unknown');
  }

  /** Whether the value a call returns may be a function (or class) that creates a resource, by what its callee returns. */
  private callMayReturnCreator(call: ts.CallExpression, construct: Construct): boolean {
    const { ts } = this;
    const callee = skipValuePreservingWrappers(ts, call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      // A promise chain link returns a promise: never called.
      if (chainMethods.has(callee.name.text)) return false;
      const name = callee.name.text;
      return this.memo.get(`returns-${construct}:${name}`, () => {
        const declarations = getDeclarationsNamed(this.ts, this.context.host.program, name);
        return declarations.length === 0 || declarations.some((declaration) => this.declarationReturnsCreator(declaration, construct, true));
      });
    }
    if (ts.isIdentifier(callee)) {
      const declarations = this.context.getSymbol(callee)?.getDeclarations();
      return !declarations || declarations.length === 0 || declarations.some((declaration) => this.declarationReturnsCreator(declaration, construct, false));
    }
    return true;
  }

  /** Whether calling a declaration may return a function (or class) that creates a resource, or a resource. */
  private declarationReturnsCreator(declaration: ts.Node, construct: Construct, asMember: boolean): boolean {
    const key = this.keyOf(declaration, construct === 'call' ? 'returns-call' : 'returns-new');
    return this.memo.get(key, () => {
      const { ts, context } = this;
      const { checker } = context;
      if (ts.isClassLike(declaration) || ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) || ts.isModuleDeclaration(declaration) || ts.isEnumDeclaration(declaration)) return false;
      const fill = getReceiverFill(ts, declaration, asMember);
      if (ts.isFunctionLike(declaration) && !ts.isGetAccessor(declaration)) {
        const fn = declaration as ts.SignatureDeclaration;
        if ((fn as ts.FunctionLikeDeclaration).body !== undefined && !fn.getSourceFile().isDeclarationFile) {
          return this.returnedValues(fn as ts.FunctionLikeDeclaration).some((value) => this.valueMayCreate(value, construct));
        }
        const signature = checker.getSignatureFromDeclaration(fn);
        return !signature || this.typeMayCreate(checker.getReturnTypeOfSignature(signature), construct, fill);
      }
      // A declared value (a property, a variable, a getter): what its type's signatures return.
      const annotation = (declaration as { type?: ts.TypeNode }).type ?? (ts.isFunctionLike(declaration) || ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration) || ts.isParameter(declaration) ? ts.getJSDocType(declaration) : undefined);
      if (!annotation) return true;
      const type = checker.getTypeFromTypeNode(annotation);
      if (fill && hasFillableTypeParameter(ts, type, undefined, fill)) return true;
      for (const part of type.isUnion() ? type.types : [type]) {
        for (const signature of part.getCallSignatures()) {
          if (this.typeMayCreate(checker.getReturnTypeOfSignature(signature), construct, fill)) return true;
        }
      }
      return false;
    });
  }

  /** Every declaration named `name` in the program. */
  private nameMayCreate(name: string, construct: Construct): boolean {
    return this.memo.get(`${construct}:${name}`, () => {
      const declarations = getDeclarationsNamed(this.ts, this.context.host.program, name);
      if (declarations.length === 0) return true;
      return declarations.some((declaration) => this.declarationMayCreate(declaration, construct, true));
    });
  }

  /** What an identifier resolves to (through imports); an identifier that resolves to nothing may be anything. */
  private identifierMayCreate(identifier: ts.Identifier, construct: Construct): boolean {
    const symbol = this.context.getSymbol(identifier);
    const declarations = symbol?.getDeclarations();
    if (!declarations || declarations.length === 0) return true;
    return declarations.some((declaration) => this.declarationMayCreate(declaration, construct, false));
  }

  private keyOf(node: ts.Node, question: Question): object {
    let keys = this.keys.get(node);
    if (!keys) this.keys.set(node, (keys = { call: {}, new: {}, 'returns-call': {}, 'returns-new': {}, 'keyed-call': {}, 'keyed-new': {} }));
    return keys[question];
  }

  /**
   * One declaration of what is called. `asMember`: reached by a property name, so a receiver may
   * instantiate its class's type parameters.
   */
  private declarationMayCreate(declaration: ts.Node, construct: Construct, asMember: boolean): boolean {
    const key = this.keyOf(declaration, construct);
    // Settled in this Program already: no need to find the declaration's file again.
    const settledHere = this.memo.getSettled(key);
    if (settledHere !== undefined) return settledHere;
    const library = this.isLibraryDeclaration(declaration);
    const answers = library ? libraryAnswers.get(declaration) : undefined;
    const known = answers?.get(this.libraryKeys[construct]);
    if (known !== undefined) return known;
    const answer = this.memo.get(key, () => this.computeDeclaration(declaration, construct, asMember));
    const settled = this.memo.getSettled(key);
    if (library && settled !== undefined) {
      let map = libraryAnswers.get(declaration);
      if (!map) libraryAnswers.set(declaration, (map = new Map()));
      map.set(this.libraryKeys[construct], settled);
    }
    return answer;
  }

  /** A declaration of TypeScript's lib or of a package's `.d.ts` (not the project's own declaration files). */
  private isLibraryDeclaration(declaration: ts.Node): boolean {
    const sourceFile = declaration.getSourceFile();
    const { program } = this.context.host;
    return sourceFile.isDeclarationFile && (program.isSourceFileDefaultLibrary(sourceFile) || program.isSourceFileFromExternalLibrary(sourceFile));
  }

  private computeDeclaration(declaration: ts.Node, construct: Construct, asMember: boolean): boolean {
    const { ts } = this;
    const inProgram = !declaration.getSourceFile().isDeclarationFile;
    // A lookup (`Map.get`) hands back what its holder keeps (getCreationKind skips it).
    if (construct === 'call' && !inProgram && this.context.isLookupFunction(declaration)) return false;
    switch (declaration.kind) {
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression:
        if (construct === 'call') return false;
        // A class of the program may be a wrapper; a declared class by its instances' type (its bases included).
        return inProgram ? this.programClassMayCreate(declaration as ts.ClassLikeDeclaration) : this.classInstancesMayBeResources(declaration as ts.ClassLikeDeclaration);
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
      case ts.SyntaxKind.EnumDeclaration:
      case ts.SyntaxKind.EnumMember:
      case ts.SyntaxKind.ModuleDeclaration:
      case ts.SyntaxKind.TypeParameter:
      case ts.SyntaxKind.SetAccessor:
        return false;
      case ts.SyntaxKind.GetAccessor: {
        // `x.m()` with a getter `m`: what the getter returns is called.
        const getter = declaration as ts.GetAccessorDeclaration;
        if (getter.body && inProgram) return this.returnedValues(getter).some((value) => this.valueMayCreate(value, construct));
        const annotation = getter.type ?? ts.getJSDocReturnType(getter);
        return !annotation || this.typeMayCreate(this.context.checker.getTypeFromTypeNode(annotation), construct, getReceiverFill(ts, getter, asMember));
      }
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.MethodDeclaration:
      case ts.SyntaxKind.Constructor:
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.MethodSignature:
      case ts.SyntaxKind.CallSignature:
      case ts.SyntaxKind.ConstructSignature: {
        const fn = declaration as ts.SignatureDeclaration;
        if ((fn as ts.FunctionLikeDeclaration).body !== undefined && inProgram) {
          // A function of the program: its summary decides. Constructed, it makes an object of its own.
          return construct === 'new' || this.functionMayReturnFresh(fn as ts.FunctionLikeDeclaration);
        }
        return this.declaredSignatureMayCreate(fn, construct, asMember);
      }
      case ts.SyntaxKind.VariableDeclaration:
      case ts.SyntaxKind.PropertyDeclaration:
      case ts.SyntaxKind.PropertySignature:
      case ts.SyntaxKind.Parameter:
        return this.holderMayCreate(declaration as ts.VariableDeclaration | ts.PropertyDeclaration | ts.PropertySignature | ts.ParameterDeclaration, construct, asMember);
      case ts.SyntaxKind.BindingElement:
        return this.bindingMayCreate(declaration as ts.BindingElement, construct);
      case ts.SyntaxKind.PropertyAssignment:
        return this.valueMayCreate((declaration as ts.PropertyAssignment).initializer, construct);
      case ts.SyntaxKind.ShorthandPropertyAssignment: {
        const value = this.context.checker.getShorthandAssignmentValueSymbol(declaration);
        const declarations = value?.getDeclarations();
        if (!declarations || declarations.length === 0) return true;
        return declarations.some((candidate) => candidate !== declaration && this.declarationMayCreate(candidate, construct, false));
      }
      case ts.SyntaxKind.BinaryExpression:
        // `this.m = value`, `exports.m = value`: JavaScript's assignment declarations.
        if (hasJSDocType(ts, declaration.parent)) return true;
        return this.valueMayCreate((declaration as ts.BinaryExpression).right, construct);
      case ts.SyntaxKind.CallExpression:
        return this.definedPropertyMayCreate(declaration as ts.CallExpression, construct);
      case ts.SyntaxKind.SourceFile: {
        // `const m = require('./m')` in JavaScript is an alias of the module itself.
        const module = this.context.checker.getSymbolAtLocation(declaration);
        return module === undefined || this.moduleObjectMayCreate(module, construct);
      }
      case ts.SyntaxKind.ExportAssignment:
        return this.valueMayCreate((declaration as ts.ExportAssignment).expression, construct);
      case ts.SyntaxKind.ExportSpecifier:
      case ts.SyntaxKind.ImportSpecifier:
      case ts.SyntaxKind.ImportClause:
      case ts.SyntaxKind.NamespaceImport:
      case ts.SyntaxKind.ImportEqualsDeclaration:
        return this.aliasMayCreate(declaration as ts.NamedDeclaration, construct);
      default:
        return true;
    }
  }

  /**
   * `Object.defineProperty(target, 'm', descriptor)` (the re-exports of TypeScript's CommonJS
   * output): by the descriptor's `value`, or what its `get` returns; a descriptor that is not an
   * object literal may hold anything.
   */
  private definedPropertyMayCreate(call: ts.CallExpression, construct: Construct): boolean {
    const { ts } = this;
    const descriptor = call.arguments[2] && skipOuterExpressions(ts, call.arguments[2]);
    if (!descriptor || !ts.isObjectLiteralExpression(descriptor)) return true;
    return descriptor.properties.some((property) => {
      const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
      if (ts.isSpreadAssignment(property) || name === undefined) return true;
      if (name === 'value') return ts.isPropertyAssignment(property) ? this.valueMayCreate(property.initializer, construct) : true;
      if (name !== 'get') return false;
      const getter = ts.isPropertyAssignment(property) ? skipOuterExpressions(ts, property.initializer) : property;
      if (!isFunctionWithBody(ts, getter)) return true;
      return this.returnedValues(getter).some((value) => this.valueMayCreate(value, construct));
    });
  }

  private classInstancesMayBeResources(declaration: ts.ClassLikeDeclaration): boolean {
    const { checker } = this.context;
    const symbol = declaration.name ? checker.getSymbolAtLocation(declaration.name) : (declaration as { symbol?: ts.Symbol }).symbol;
    return symbol === undefined || this.typeMayBeResource(checker.getDeclaredTypeOfSymbol(symbol));
  }

  /** An import or export under another name: what it stands for. */
  private aliasMayCreate(declaration: ts.NamedDeclaration, construct: Construct): boolean {
    const { ts, context } = this;
    const name = declaration.name;
    if (!name || !ts.isIdentifier(name)) return true;
    let symbol = context.checker.getSymbolAtLocation(name);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = context.checker.getAliasedSymbol(symbol);
    const declarations = symbol?.getDeclarations();
    if (!declarations || declarations.length === 0) return true;
    return declarations.some((candidate) => candidate !== declaration && this.declarationMayCreate(candidate, construct, false));
  }

  /**
   * A signature with no body to read: by its declared return type. Exactly `this` never creates
   * (getCreationKind skips it), exactly a type parameter never does either (getCreationKind skips a
   * generic return); one that names a type parameter of its class may, once a receiver fills it in.
   */
  private declaredSignatureMayCreate(fn: ts.SignatureDeclaration, construct: Construct, asMember: boolean): boolean {
    const { ts, context } = this;
    const { checker } = context;
    const returnType = fn.type ?? ts.getJSDocReturnType(fn);
    if (construct === 'new' && fn.kind !== ts.SyntaxKind.ConstructSignature) return false;
    if (construct === 'call' && fn.kind === ts.SyntaxKind.ConstructSignature) return false;
    const fill = getReceiverFill(ts, fn, asMember);
    if (returnType) {
      // Cheap first: `this` and `Promise<this>` are skipped as a generic return is.
      if (getAwaitedTypeNode(ts, returnType).kind === ts.SyntaxKind.ThisType) return false;
      // Then the declared type's syntax (a primitive is no resource) and what its names resolve to,
      // before the checker resolves its members.
      const screened = this.screen.returnMayBeResource(returnType, fn, fill);
      if (screened !== undefined) return screened;
    }
    const signature = checker.getSignatureFromDeclaration(fn);
    if (!signature) return true;
    return this.signatureMayCreate(signature, construct, fill);
  }

  compareDeclaredReturn(fn: ts.SignatureDeclaration, asMember: boolean): { screened: boolean | undefined; checked: boolean; byFill: boolean } | undefined {
    const { ts, context } = this;
    const returnType = fn.type ?? ts.getJSDocReturnType(fn);
    const signature = context.checker.getSignatureFromDeclaration(fn);
    // Exactly `this` is settled before the screen (getCreationKind skips it), as in declaredSignatureMayCreate.
    if (!returnType || !signature || getAwaitedTypeNode(ts, returnType).kind === ts.SyntaxKind.ThisType) return undefined;
    const fill = getReceiverFill(ts, fn, asMember);
    const construct = fn.kind === ts.SyntaxKind.ConstructSignature ? 'new' : 'call';
    const checked = this.signatureMayCreate(signature, construct, fill);
    const returned = context.checker.getReturnTypeOfSignature(signature);
    const definite = this.typeMayBeResource(context.checker.getAwaitedType(returned) ?? returned);
    return { screened: this.screen.returnMayBeResource(returnType, fn, fill), checked, byFill: checked && !definite };
  }

  /**
   * A declared signature, read as mayReturnResource and getCreationKind read it: its return type,
   * awaited, is a resource kind. Called, a return that is exactly a type parameter (or `this`) is
   * skipped (a generic hands back what it was given). `fill`: reached through a receiver, whose
   * type (arguments) fills in what the member's class or interface leaves open.
   */
  private signatureMayCreate(signature: ts.Signature, construct: Construct, fill: ReceiverFill): boolean {
    const { ts, context } = this;
    const { checker } = context;
    const returned = checker.getReturnTypeOfSignature(signature);
    const awaited = checker.getAwaitedType(returned) ?? returned;
    if (construct === 'call' && awaited.flags & ts.TypeFlags.TypeParameter) return false;
    if (fill && hasFillableTypeParameter(ts, awaited, signature.typeParameters, fill)) return true;
    return this.typeMayBeResource(awaited);
  }

  /** A variable, property or parameter: by its declared type, else by the values it is given. */
  private holderMayCreate(
    declaration: ts.VariableDeclaration | ts.PropertyDeclaration | ts.PropertySignature | ts.ParameterDeclaration,
    construct: Construct,
    asMember: boolean,
  ): boolean {
    const { ts, context } = this;
    const annotation = declaration.type ?? ts.getJSDocType(declaration);
    if (annotation) return this.typeMayCreate(context.checker.getTypeFromTypeNode(annotation), construct, getReceiverFill(ts, declaration, asMember));
    // A member of a declaration file with no type is `any` (declaration emit writes a private
    // member as `private close;`): calling it makes nothing we can know of.
    if (declaration.getSourceFile().isDeclarationFile && !ts.isParameter(declaration) && !ts.isVariableDeclaration(declaration)) return false;
    if (ts.isParameter(declaration)) {
      // A callback's parameter is typed by where the callback goes (`[net.connect].map((f) => f())`):
      // the checker reads that once for the parameter, not at every call of it.
      if (isContextuallyTyped(ts, declaration.parent)) {
        if (isPromiseExecutor(context, declaration.parent)) return false;
        return !ts.isIdentifier(declaration.name) || this.typeMayCreate(context.checker.getTypeAtLocation(declaration.name), construct, undefined);
      }
      return declaration.initializer !== undefined && this.valueMayCreate(declaration.initializer, construct);
    }
    if (ts.isVariableDeclaration(declaration)) {
      // `for (const f of factories)`, `catch (f)`: typed by what is iterated, or caught.
      if (!declaration.initializer && !ts.isVariableDeclarationList(declaration.parent)) return true;
      if (ts.isVariableDeclarationList(declaration.parent) && (ts.isForOfStatement(declaration.parent.parent) || ts.isForInStatement(declaration.parent.parent))) return true;
      if (!ts.isIdentifier(declaration.name)) return true;
      const values = getAssignedValues(ts, declaration);
      return values === undefined || values.some((value) => this.valueMayCreate(value, construct));
    }
    if (!ts.isPropertyDeclaration(declaration)) return false;
    if (declaration.initializer !== undefined) return this.valueMayCreate(declaration.initializer, construct);
    // A private field is written only in its class: by what those writes give it.
    if (ts.isPrivateIdentifier(declaration.name) && ts.isClassLike(declaration.parent)) return this.privateFieldMayCreate(declaration.parent, declaration.name.text, construct);
    // Any other field with no type and no initializer takes its type from the constructor's assignments.
    return true;
  }

  /**
   * `#field` declared with no type and no initializer: the values its class writes to it (`=`,
   * `??=`, `||=`, `&&=`); a write as a destructuring target may be anything.
   */
  private privateFieldMayCreate(cls: ts.ClassLikeDeclaration, name: string, construct: Construct): boolean {
    const { ts } = this;
    const isField = (node: ts.Node): boolean => ts.isPropertyAccessExpression(node) && ts.isPrivateIdentifier(node.name) && node.name.text === name;
    const stack: ts.Node[] = [...cls.members];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (ts.isBinaryExpression(node) && isField(skipOuterExpressions(ts, node.left))) {
        switch (node.operatorToken.kind) {
          case ts.SyntaxKind.EqualsToken:
          case ts.SyntaxKind.QuestionQuestionEqualsToken:
          case ts.SyntaxKind.BarBarEqualsToken:
          case ts.SyntaxKind.AmpersandAmpersandEqualsToken:
            if (this.valueMayCreate(node.right, construct)) return true;
            break;
          default:
            break; // `+=`, `-=`…: numbers and strings
        }
      } else if (isField(node) && isDestructuringTarget(ts, node)) {
        return true;
      }
      ts.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
    return false;
  }

  /** `const { request } = https`: the property of that name; in a parameter, by the parameter. */
  private bindingMayCreate(element: ts.BindingElement, construct: Construct): boolean {
    const { ts } = this;
    if (element.initializer && this.valueMayCreate(element.initializer, construct)) return true;
    const pattern = element.parent;
    if (ts.isObjectBindingPattern(pattern) && ts.isParameter(pattern.parent)) return this.parameterBindingMayCreate(element, pattern.parent, construct);
    if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(pattern.parent)) return true;
    const property = element.propertyName ?? element.name;
    if (!ts.isIdentifier(property) && !ts.isStringLiteralLike(property)) return true;
    return this.nameMayCreate(property.text, construct);
  }

  /**
   * `function f({ connect })`: a property of the parameter. Untyped, of a function nothing types
   * from outside, it is `any`; typed (an annotation, JSDoc), the checker reads it off the declared
   * type (no inference); typed by where its function goes, anything.
   */
  private parameterBindingMayCreate(element: ts.BindingElement, parameter: ts.ParameterDeclaration, construct: Construct): boolean {
    const { ts, context } = this;
    if (parameter.type || ts.getJSDocType(parameter)) return this.typeMayCreate(context.checker.getTypeAtLocation(element.name), construct, undefined);
    if (isContextuallyTyped(ts, parameter.parent)) return true;
    return parameter.initializer !== undefined && this.valueMayCreate(parameter.initializer, construct);
  }

  /**
   * A class of the program, constructed: an instance is a resource when the class is one by the
   * options (a project type named as a resource), extends one, or owns one (a wrapper): it stores
   * a creation, or a parameter of a resource type, in a field (wrappers/owning-fields.ts), or
   * inherits such a field.
   */
  programClassMayCreate(cls: ts.ClassLikeDeclaration): boolean {
    return this.memo.get(cls, () => {
      const { ts, context } = this;
      const { catalog } = context;
      // Named as a resource by the options (through any declaration merged with it).
      const merged = (cls.name && context.checker.getSymbolAtLocation(cls.name)?.getDeclarations()) || [cls];
      if (catalog.kinds.some((kind) => kind.types.some((specifier) => merged.some((declaration) => catalog.declarationMatches(declaration, specifier))))) return true;
      // `interface Link extends net.Socket {}` merged with `class Link`: its bases are the class's too
      // (declared types: the checker reads them without inferring anything).
      for (const declaration of merged) {
        if (!ts.isInterfaceDeclaration(declaration)) continue;
        for (const base of declaration.heritageClauses?.flatMap((clause) => clause.types) ?? []) {
          if (this.typeMayBeResource(context.checker.getTypeAtLocation(base))) return true;
        }
      }
      const base = cls.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      if (base && this.calleeMayCreate(base.expression, 'new')) return true;
      return cls.members.some((member) => this.memberMayStore(member));
    });
  }

  /** A member that may store what the class owns: a parameter property, a field initializer, `this.x = …` (owning-fields.ts). */
  private memberMayStore(member: ts.ClassElement): boolean {
    const { ts } = this;
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        if (!ts.isParameterPropertyDeclaration(parameter, member)) continue;
        if (this.parameterMayBeResource(parameter)) return true;
      }
    }
    if (ts.isPropertyDeclaration(member) && member.initializer && this.mayBeCreation(member.initializer)) return true;
    const owner = getStoringFunction(ts, member);
    const body = isFunctionWithBody(ts, member) ? member : ts.isPropertyDeclaration(member) ? member.initializer : undefined;
    if (!body) return false;
    // `this.x = …` in the member and the arrow functions in it (their `this` is the instance).
    const stack: ts.Node[] = [body];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node !== body && (ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node) || ts.isClassLike(node))) continue;
      if (ts.isBinaryExpression(node) && isFieldStoreOperator(ts, node.operatorToken.kind)) {
        const target = skipOuterExpressions(ts, node.left);
        if (ts.isPropertyAccessExpression(target) && skipOuterExpressions(ts, target.expression).kind === ts.SyntaxKind.ThisKeyword) {
          if (this.mayBeCreation(node.right) || (owner && this.mayBeOwnParameter(node.right, owner))) return true;
        }
      }
      ts.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
    return false;
  }

  /** Any value an expression may take (getValueOperands) that is a creation, or a local variable (of `scope`, when given) initialised with one (created-values.ts getCreatedKind). */
  private mayBeCreation(expression: ts.Expression, scope?: ts.Node): boolean {
    const seen = new Set<ts.Node>();
    return getValueOperands(this.ts, expression).some((node) => this.operandMayBeCreation(node, scope, seen));
  }

  /**
   * getCreatedOperandKind's question, by names: a call or `new` that may create, what a call may
   * hand back (its receiver, an argument), and what a local of `scope` is initialised with.
   */
  private operandMayBeCreation(operand: ts.Expression, scope: ts.Node | undefined, seen: Set<ts.Node>): boolean {
    const { ts } = this;
    const node = skipOuterExpressions(ts, operand);
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      if (this.mayCreate(node)) return true;
      if (!ts.isCallExpression(node)) return false;
      const callee = skipOuterExpressions(ts, node.expression);
      if (ts.isPropertyAccessExpression(callee) && this.operandMayBeCreation(callee.expression, scope, seen)) return true;
      // Any argument: a function of the program may hand back any of them (summaryPassesThrough).
      return node.arguments.some((argument) => !ts.isSpreadElement(argument) && this.operandMayBeCreation(argument, scope, seen));
    }
    if (!ts.isIdentifier(node)) return false;
    const declaration = this.context.getSymbol(node)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || seen.has(declaration)) return false;
    if (scope && (declaration.pos < scope.pos || declaration.end > scope.end)) return false;
    seen.add(declaration);
    // A `let` or `var` of the function returned: every value it is given (summaries.ts getReturnedValues).
    const mutable = scope !== undefined && ts.isIdentifier(declaration.name) && ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) === 0;
    const values = mutable ? (getAssignedValues(ts, declaration) ?? []) : declaration.initializer ? [declaration.initializer] : [];
    return values.some((given) => getValueOperands(ts, given).some((value) => this.operandMayBeCreation(value, scope, seen)));
  }

  /**
   * A parameter of the member (or a local copy of one) whose type where it is stored may be a
   * resource (owning-fields.ts isOwnParameterValue): declared so, or cast, narrowed or typed from
   * elsewhere (`if (sock instanceof net.Socket) this.sock = sock` of a `sock: unknown`).
   */
  private mayBeOwnParameter(expression: ts.Expression, member: ts.SignatureDeclaration): boolean {
    const parameter = this.context.getOwnParameter(expression, member);
    return parameter !== undefined && (this.parameterMayBeResource(parameter) || storedParameterMayBeRetyped(this.context, expression, parameter, member));
  }

  /** A parameter of a resource type: declared so (annotation, JSDoc), or given a default we cannot rule out. */
  private parameterMayBeResource(parameter: ts.ParameterDeclaration): boolean {
    const { ts, context } = this;
    const annotation = parameter.type ?? ts.getJSDocType(parameter);
    if (!annotation) return parameter.initializer !== undefined;
    const type = context.checker.getTypeFromTypeNode(annotation);
    if (this.typeMayBeResource(type)) return true;
    // `attach<S extends net.Socket | undefined>(s: S) { this.sock = s; }`: where it is stored, the
    // checker reads a type parameter with a union constraint as that constraint.
    const constraint = type.flags & ts.TypeFlags.TypeParameter ? context.checker.getBaseConstraintOfType(type) : undefined;
    return constraint !== undefined && this.typeMayBeResource(constraint);
  }

  /** Whether an expression may evaluate to a function (or class) that creates a resource, or to a resource. */
  private valueMayCreate(expression: ts.Expression, construct: Construct): boolean {
    const { ts } = this;
    const node = skipValuePreservingWrappers(ts, expression);
    if (isInertValueSyntax(ts, node)) return false;
    const operands = getResultOperands(ts, node);
    if (operands) return operands.some((operand) => this.valueMayCreate(operand, construct));
    switch (node.kind) {
      case ts.SyntaxKind.Identifier:
        return this.identifierMayCreate(node as ts.Identifier, construct);
      case ts.SyntaxKind.PropertyAccessExpression:
        return this.nameMayCreate((node as ts.PropertyAccessExpression).name.text, construct);
      case ts.SyntaxKind.ElementAccessExpression:
        return this.elementMayCreate(node as ts.ElementAccessExpression, construct);
      case ts.SyntaxKind.ArrowFunction:
        return construct === 'call' && this.functionMayReturnFresh(node as ts.ArrowFunction);
      case ts.SyntaxKind.FunctionExpression:
        return construct === 'new' || this.functionMayReturnFresh(node as ts.FunctionExpression);
      case ts.SyntaxKind.ClassExpression:
        return construct === 'new' && this.programClassMayCreate(node as ts.ClassExpression);
      case ts.SyntaxKind.CallExpression: {
        // `fn.bind(thisArg)` keeps fn's signatures; `require('./x')` is what the module exports.
        const call = node as ts.CallExpression;
        const callee = skipOuterExpressions(ts, call.expression);
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') return this.valueMayCreate(callee.expression, construct);
        if (ts.isIdentifier(callee) && callee.text === 'require') return this.requiredModuleMayCreate(call, construct);
        // A resource made here is held (a wrapped type may expose it); a function returned may create.
        return this.mayCreate(call) || this.callMayReturnCreator(call, construct);
      }
      case ts.SyntaxKind.NewExpression:
        return this.mayCreate(node as ts.NewExpression);
      default:
        return true;
    }
  }

  /**
   * `require('./x')` (`module.exports.stream = require('./api-stream')`, CommonJS's re-export): the
   * value the module assigns to `module.exports`, or `export =` in a declaration file, by what it is
   * given. A module that assigns none is its exports object, which code calls or constructs only
   * when it is built as its default export (lifecycle/module-interop.ts): by that export. The
   * checker resolves the module from the binder's symbols, without inferring anything; a module it
   * cannot resolve may be anything.
   */
  private requiredModuleMayCreate(call: ts.CallExpression, construct: Construct): boolean {
    const { ts, context } = this;
    const specifier = call.arguments[0];
    if (call.arguments.length !== 1 || !specifier || !ts.isStringLiteralLike(specifier)) return true;
    const module = context.checker.getSymbolAtLocation(specifier);
    if (!module || !(module.flags & ts.SymbolFlags.ValueModule)) return true;
    return this.moduleObjectMayCreate(module, construct);
  }

  /** A module's value, called or constructed: its `export =`, else its default export (module-interop.ts), else nothing. */
  private moduleObjectMayCreate(module: ts.Symbol, construct: Construct): boolean {
    const { ts } = this;
    const exported = module.exports?.get(ts.InternalSymbolName.ExportEquals) ?? module.exports?.get(ts.InternalSymbolName.Default);
    if (!exported) return false;
    const declarations = exported.getDeclarations();
    if (!declarations || declarations.length === 0) return true;
    return declarations.some((declaration) => this.declarationMayCreate(declaration, construct, false));
  }

  /** A type (from an annotation): a signature that may create, or a resource itself. */
  private typeMayCreate(type: ts.Type, construct: Construct, fill: ReceiverFill): boolean {
    const { ts } = this;
    // Holding a resource counts too: a mapped type can make a method of a property's type.
    if (this.typeMayBeResource(type)) return true;
    if (fill && hasFillableTypeParameter(ts, type, undefined, fill)) return true;
    for (const part of type.isUnion() ? type.types : [type]) {
      const signatures = construct === 'new' ? part.getConstructSignatures() : part.getCallSignatures();
      for (const signature of signatures) {
        const declaration = signature.getDeclaration() as ts.Node | undefined;
        if (declaration && ts.isFunctionLike(declaration) && (declaration as ts.FunctionLikeDeclaration).body && !declaration.getSourceFile().isDeclarationFile) {
          if (construct === 'new' || this.functionMayReturnFresh(declaration as ts.FunctionLikeDeclaration)) return true;
          continue;
        }
        if (this.screenedSignatureMayCreate(signature, construct, fill)) return true;
      }
    }
    return false;
  }

  /**
   * signatureMayCreate, screened first by the declared return type (declared-types.ts) when the
   * signature is its declaration's own, not an instantiation of it (`const run: typeof pipeline`,
   * where asking the checker for stream.pipeline's conditional return types cost 0.1 s once per run).
   */
  private screenedSignatureMayCreate(signature: ts.Signature, construct: Construct, fill: ReceiverFill): boolean {
    const { ts, context } = this;
    const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
    const returnType = declaration && (declaration.type ?? ts.getJSDocReturnType(declaration));
    if (returnType && context.checker.getSignatureFromDeclaration(declaration) === signature) {
      const screened = this.screen.returnMayBeResource(returnType, declaration, fill);
      if (screened !== undefined) return screened;
    }
    return this.signatureMayCreate(signature, construct, fill);
  }

  /**
   * The catalog's answer, except that a class of the program counts as a resource without
   * summarising it here (it may be a wrapper): summaries are the engine's, computed in its order.
   */
  private typeMayBeResource(type: ts.Type): boolean {
    const { ts, context } = this;
    for (const part of type.isUnionOrIntersection() ? type.types : [type]) {
      const symbol = part.getSymbol() ?? part.aliasSymbol;
      if (symbol?.getDeclarations()?.some((declaration) => ts.isClassLike(declaration) && !declaration.getSourceFile().isDeclarationFile)) return true;
      if (part.flags & ts.TypeFlags.Object && hasProgramClassBase(context, part as ts.ObjectType)) return true;
    }
    return context.catalog.getKindOfType(type) !== undefined;
  }

  /** A function of the program whose `return`s may hand back a creation (its summary's "returns a fresh resource"). */
  functionMayReturnFresh(fn: ts.FunctionLikeDeclaration): boolean {
    return this.memo.get(fn, () => {
      const { ts } = this;
      if (!isFunctionWithBody(ts, fn) || isDeclaredToReturnThis(ts, fn)) return false;
      // Each value a returned expression may take (summaries.ts computeFreshReturn reads the same).
      for (const returned of this.returnedExpressions(fn)) {
        for (const value of getValueOperands(ts, returned)) {
          // `new Promise((resolve) => …)` built by hand may resolve with a resource (summaries.ts getPromisedFreshKind).
          if (ts.isNewExpression(value) && ts.isIdentifier(value.expression) && value.expression.text === 'Promise') {
            if (promiseMayBeTyped(ts, this.screen, fn, returned, value)) return true;
            continue;
          }
          if (this.mayBeCreation(value, fn)) return true;
        }
      }
      return false;
    });
  }

  /** What a function's `return`s (or its expression body) hand back, outer wrappers and one `await` skipped. */
  private returnedValues(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
    return this.returnedExpressions(fn).map((expression) => unwrapReturned(this.ts, expression));
  }

  /** The expressions of a function's `return`s (or its expression body), as written. */
  private returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
    const { ts } = this;
    if (!isFunctionWithBody(ts, fn)) return [];
    if (!ts.isBlock(fn.body)) return [fn.body];
    const returned: ts.Expression[] = [];
    for (const node of getBodyNodes(ts, fn)) if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    return returned;
  }
}

/** `[this.#a] = pair`, `({ key: this.#a } = object)`, `for (this.#a of list)`: a write by destructuring. */
function isDestructuringTarget(ts: AnalysisContext['ts'], node: ts.Node): boolean {
  let child = node;
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isArrayLiteralExpression(parent) || ts.isPropertyAssignment(parent) || ts.isObjectLiteralExpression(parent) || ts.isSpreadElement(parent) || ts.isShorthandPropertyAssignment(parent)) {
    if (ts.isPropertyAssignment(parent) && parent.name === child) return false;
    child = parent;
    parent = parent.parent;
  }
  if (child === node) return (ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === node;
  return (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.left === child) || ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === child);
}

/**
 * Whether a declaration's own syntax makes it a symbol constant: a constant or a property declared
 * `unique symbol`, or a constant or object-literal member initialised by `Symbol('…')`.
 */
function isSymbolConstantSyntax(ts: AnalysisContext['ts'], declaration: ts.Node): boolean {
  const type = (declaration as { type?: ts.TypeNode }).type;
  const isUnique = type !== undefined && ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.UniqueKeyword;
  if (ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration)) return isUnique;
  if (ts.isPropertyAssignment(declaration)) return isSymbolCall(ts, declaration.initializer);
  if (!ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent)) return false;
  if (!(declaration.parent.flags & ts.NodeFlags.Const)) return false;
  return isUnique || (declaration.initializer !== undefined && isSymbolCall(ts, declaration.initializer));
}

/** `Symbol('…')`: a symbol no other expression returns. */
function isSymbolCall(ts: AnalysisContext['ts'], expression: ts.Expression): boolean {
  const value = skipOuterExpressions(ts, expression);
  return ts.isCallExpression(value) && ts.isIdentifier(value.expression) && value.expression.text === 'Symbol';
}

/** A returned expression with outer wrappers and one `await` skipped. */
function unwrapReturned(ts: AnalysisContext['ts'], expression: ts.Expression): ts.Expression {
  const value = skipOuterExpressions(ts, expression);
  return ts.isAwaitExpression(value) ? skipOuterExpressions(ts, value.expression) : value;
}

/**
 * Whether a returned `new Promise(executor)` can have a promised type other than `unknown` (`any`
 * in JavaScript). TypeScript infers a promise's type argument from type arguments, a contextual
 * type or an annotated executor parameter, never from the calls of `resolve` in the executor's body;
 * getPromisedFreshKind needs that type to be a resource kind. A contextual type comes from a
 * wrapper between the `return` and the `new` (`as`, `satisfies`, a JSDoc cast), the function's
 * declared return type, or, for a function written where a type is expected (an argument, an
 * annotated variable's initializer, an object literal's member), from that place. A declared return
 * type is read by the screen (`Promise<{ body: string }>` promises no resource), no checker asked.
 */
function promiseMayBeTyped(ts: AnalysisContext['ts'], screen: DeclaredTypeScreen, fn: ts.FunctionLikeDeclaration, returned: ts.Expression, promise: ts.NewExpression): boolean {
  if (promise.typeArguments && promise.typeArguments.length > 0) return true;
  for (let node: ts.Expression = returned; node !== promise; ) {
    if (ts.isParenthesizedExpression(node) && !ts.getJSDocTypeTag(node)) node = node.expression;
    else if (ts.isAwaitExpression(node)) node = node.expression;
    else return true;
  }
  const executor = promise.arguments?.[0] && skipOuterExpressions(ts, promise.arguments[0]);
  const resolve = executor && (ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) ? executor.parameters[0] : undefined;
  if (resolve !== undefined && (resolve.type !== undefined || ts.getJSDocType(resolve) !== undefined)) return true;
  if (ts.getJSDocType(fn)) return true;
  // A declared return type (JSDoc's only in JavaScript) is the returned expression's contextual
  // type, wherever the function is written: the promise's type argument is inferred from it.
  const declared = fn.type ?? (fn.getSourceFile().flags & ts.NodeFlags.JavaScriptFile ? ts.getJSDocReturnType(fn) : undefined);
  if (declared) return screen.returnMayBeResource(declared, fn, undefined) !== false;
  return isContextuallyTyped(ts, fn);
}


/** What a receiver's type can fill in for a member: its class's or interface's type parameters (`generic`), and `this` (`self`). */
type ReceiverFill = { readonly generic: boolean; readonly self: boolean } | undefined;

/** The ReceiverFill of a declaration reached by a property name (undefined when reached by its own name). */
function getReceiverFill(ts: AnalysisContext['ts'], declaration: ts.Node, asMember: boolean): ReceiverFill {
  if (!asMember) return undefined;
  let generic = false;
  let self = false;
  for (let current = declaration.parent; current && !ts.isSourceFile(current); current = current.parent) {
    const parameters = (current as { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
    if (parameters && parameters.length > 0) generic = true;
    if (ts.isClassLike(current) || ts.isInterfaceDeclaration(current)) self = true;
  }
  return generic || self ? { generic, self } : undefined;
}

/**
 * Whether a receiver's type can make `type` a resource, or callable: a type parameter the member's
 * class or interface leaves open (not one of the signature's own, which nothing fills in here;
 * `this` is one too) standing alone or in a union or intersection (`V | undefined`), or what only
 * such a parameter decides (an indexed access, a conditional type). `Map<K, V>` or `T[]` is a
 * resource or not whatever fills them: the catalog answers that. So is a mapped type (mongodb's
 * `filter: Filter<TSchema>`): whatever fills it, it is an object of its own (or, homomorphic over a
 * primitive, that primitive), with the symbol it had before, and no call signatures.
 */
function hasFillableTypeParameter(ts: AnalysisContext['ts'], type: ts.Type, own: readonly ts.TypeParameter[] | undefined, fill: NonNullable<ReceiverFill>): boolean {
  if (type.flags & ts.TypeFlags.TypeParameter) return !own?.includes(type as ts.TypeParameter);
  if (type.isUnionOrIntersection()) return type.types.some((part) => hasFillableTypeParameter(ts, part, own, fill));
  return (type.flags & (ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional | ts.TypeFlags.Substitution)) !== 0 && fill.generic;
}

/** `/** @type {…} *\/` on a JavaScript statement. */
function hasJSDocType(ts: AnalysisContext['ts'], node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((tag) => ts.isJSDocTypeTag(tag));
}

/** A type whose class extends (at any depth) a class of the program. */
function hasProgramClassBase(context: AnalysisContext, type: ts.ObjectType): boolean {
  const { ts, checker } = context;
  const target = type.objectFlags & ts.ObjectFlags.Reference ? (type as ts.TypeReference).target : type;
  if (!(target.objectFlags & ts.ObjectFlags.ClassOrInterface)) return false;
  for (let depth = 0, bases = checker.getBaseTypes(target as ts.InterfaceType); depth < 20 && bases.length > 0; depth++) {
    const next: ts.BaseType[] = [];
    for (const base of bases) {
      if (base.getSymbol()?.getDeclarations()?.some((declaration) => ts.isClassLike(declaration) && !declaration.getSourceFile().isDeclarationFile)) return true;
      const baseTarget = base.flags & ts.TypeFlags.Object && (base as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference ? (base as ts.TypeReference).target : base;
      if (baseTarget.flags & ts.TypeFlags.Object && (baseTarget as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface) next.push(...checker.getBaseTypes(baseTarget as ts.InterfaceType));
    }
    bases = next;
  }
  return false;
}
