/**
 * Owning fields: the instance fields in which a class keeps a resource it owns.
 *
 * A field is owning when the class stores into it a value it owns:
 * - a constructor parameter property (`constructor(private readonly socket: net.Socket)`), or
 *   `this.x = parameter` in a constructor or method: the caller hands the resource over (the same
 *   rule that makes storing a parameter take ownership in a callee's summary);
 * - a creation: `this.x = net.connect(…)` anywhere in the class, a field initializer
 *   `x = new WebSocket(url)`, or a local variable holding one, stored afterwards.
 * The field's resource kind is the stored value's (built-in kinds, wrappers of wrappers too).
 *
 * Not owning: a store of something the class only reads (`this.socket = options.socket`,
 * `this.socket = request.socket`, the result of a call that is not a creation): the resource
 * belongs to whoever owns that object. Static fields are the process's, not an instance's.
 */
import type * as ts from 'typescript';
import { getCreatedKind } from '../lifecycle/created-values.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { isFunctionWithBody, skipOuterExpressions } from '../lifecycle/syntax.js';
import { getUnnarrowedParameterType, ownParameterMayBeResource } from '../prefilter/parameter-types.js';
import type { ResourceKind } from '../resources/kinds.js';

export interface OwningField {
  readonly symbol: ts.Symbol;
  /**
   * Every symbol `this.<name>` has in the class and its base classes: in JavaScript, a subclass's
   * `this.socket = …` and its base's `this.socket` are distinct (expando) symbols of one property.
   */
  readonly symbols: ReadonlySet<ts.Symbol>;
  readonly name: string;
  readonly kind: ResourceKind;
  /** The stores that make it owning: parameter properties, `this.x = …` assignments, initializers. */
  readonly stores: readonly ts.Node[];
  /**
   * The parameters and `const`s whose value a store puts in the field (`sock` of `constructor(private
   * sock: Socket)` or of `this.sock = sock`): whether the class manages the socket itself is read
   * through them too (`sock.on('data', …)` reads it to its end, `sock.on('error', () =>
   * sock.destroy())` closes it).
   */
  readonly values: ReadonlySet<ts.Symbol>;
  /** Some store puts a value the class created itself there (not one it was handed). */
  readonly created: boolean;
}

interface Store {
  readonly symbol: ts.Symbol;
  readonly node: ts.Node;
  readonly kind: ResourceKind;
  readonly created: boolean;
}

/** The owning fields a class declares or assigns in its own members (inherited ones are its base's). */
export function getOwningFields(context: AnalysisContext, cls: ts.ClassLikeDeclaration): OwningField[] {
  const stores: Store[] = [];
  for (const member of cls.members) collectMemberStores(context, member, stores);
  const byField = new Map<ts.Symbol, Store[]>();
  for (const store of stores) {
    let list = byField.get(store.symbol);
    if (!list) byField.set(store.symbol, (list = []));
    list.push(store);
  }
  return [...byField].map(([symbol, list]) => ({
    symbol,
    symbols: getPropertySymbols(context, cls, symbol),
    name: symbol.name,
    kind: list[0]!.kind,
    stores: list.map((store) => store.node),
    values: getStoredValues(context, list),
    created: list.some((store) => store.created),
  }));
}

/** The parameters and `const`s whose value the stores put in the field (see OwningField.values). */
function getStoredValues(context: AnalysisContext, stores: readonly Store[]): Set<ts.Symbol> {
  const { ts } = context;
  const values = new Set<ts.Symbol>();
  for (const { node } of stores) {
    // A parameter property's name is its property's; the constructor's body reads the parameter.
    if (ts.isParameter(node)) {
      const parameter = ts.isIdentifier(node.name) ? context.checker.getSymbolsOfParameterPropertyDeclaration(node, node.name.text)[0] : undefined;
      if (parameter) values.add(parameter);
      continue;
    }
    const name = ts.isBinaryExpression(node) ? skipOuterExpressions(ts, node.right) : undefined;
    if (!name || !ts.isIdentifier(name)) continue;
    const symbol = context.getSymbol(name);
    const declaration = symbol?.valueDeclaration;
    if (!symbol || !declaration) continue;
    // A parameter, or a `const`: a variable that another value may be written to is not followed.
    const isConst = ts.isVariableDeclaration(declaration) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
    if (ts.isParameter(declaration) || isConst) values.add(symbol);
  }
  return values;
}

/** The property's symbols in `cls` and in each base class of the program (see OwningField.symbols). */
export function getPropertySymbols(context: AnalysisContext, cls: ts.ClassLikeDeclaration, symbol: ts.Symbol): Set<ts.Symbol> {
  const { ts, checker } = context;
  const symbols = new Set([symbol]);
  let type: ts.Type | undefined = cls.name ? checker.getTypeAtLocation(cls.name) : undefined;
  for (let depth = 0; type && depth < 20; depth++) {
    const property = type.getProperty(symbol.name);
    if (property) {
      symbols.add(property);
      // A JavaScript class's type may hand back a transient copy of the property (which one depends
      // on what the checker resolved first); `this.f` in a method resolves to the declared one.
      if (property.flags & ts.SymbolFlags.Transient) for (const root of checker.getRootSymbols(property)) symbols.add(root);
    }
    const target = type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference ? (type as ts.TypeReference).target : type;
    type = (target.flags & ts.TypeFlags.Object) && ((target as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface)
      ? checker.getBaseTypes(target as ts.InterfaceType)[0]
      : undefined;
  }
  return symbols;
}

function collectMemberStores(context: AnalysisContext, member: ts.ClassElement, stores: Store[]): void {
  const { ts, checker } = context;
  if (isStatic(ts, member)) return;
  if (ts.isConstructorDeclaration(member)) {
    for (const parameter of member.parameters) {
      if (!ts.isParameterPropertyDeclaration(parameter, member) || !ts.isIdentifier(parameter.name)) continue;
      const kind = context.catalog.getKindOfType(checker.getTypeAtLocation(parameter.name));
      const property = checker.getSymbolsOfParameterPropertyDeclaration(parameter, parameter.name.text)[1];
      if (kind && property) stores.push({ symbol: property, node: parameter, kind, created: false });
    }
  }
  if (ts.isPropertyDeclaration(member) && member.initializer) {
    const kind = getCreatedKind(context, member.initializer);
    const symbol = context.getSymbol(member.name);
    if (kind && symbol) stores.push({ symbol, node: member, kind, created: true });
  }
  // `this.x = …` in constructors, methods, accessors and arrow-function properties, and in the
  // arrow functions nested in them (their `this` is the instance); not in nested `function`s or classes.
  const body = isFunctionWithBody(ts, member) ? member : ts.isPropertyDeclaration(member) ? member.initializer : undefined;
  if (!body) return;
  const owner = getStoringFunction(ts, member);
  const visit = (node: ts.Node, enclosing: ts.SignatureDeclaration | undefined): void => {
    if (node !== body && (ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node) || ts.isClassLike(node))) return;
    const scope = ts.isArrowFunction(node) ? enclosing : enclosing;
    if (ts.isBinaryExpression(node) && isFieldStoreOperator(ts, node.operatorToken.kind)) {
      const store = getThisFieldStore(context, node, owner);
      if (store) stores.push(store);
    }
    ts.forEachChild(node, (child) => visit(child, scope));
  };
  visit(body, owner);
}

function isStatic(ts: AnalysisContext['ts'], member: ts.ClassElement): boolean {
  return ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
}

/** `this.x = value` where the value is one the class owns from then on. */
function getThisFieldStore(context: AnalysisContext, assignment: ts.BinaryExpression, member: ts.SignatureDeclaration | undefined): Store | undefined {
  const { ts } = context;
  const target = skipOuterExpressions(ts, assignment.left);
  if (!ts.isPropertyAccessExpression(target) || skipOuterExpressions(ts, target.expression).kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  // The value first: most stores are of something no resource, and resolving `this.x` types the
  // class (in JavaScript, every property its constructor assigns).
  const created = getCreatedKind(context, assignment.right);
  const kind = created ?? (member && isOwnParameterValue(context, assignment.right, member) ? getHandedOverKind(context, assignment.right, member) : undefined);
  if (!kind) return undefined;
  const symbol = context.getSymbol(target.name);
  return symbol ? { symbol, node: assignment, kind, created: created !== undefined } : undefined;
}

/** The kind of the parameter a store reads, typed where it is read unless its declaration settles that it holds no resource. */
function getHandedOverKind(context: AnalysisContext, value: ts.Expression, member: ts.SignatureDeclaration): ResourceKind | undefined {
  if (ownParameterMayBeResource(context, value, member) === false) return undefined;
  return context.catalog.getKindOfType(getUnnarrowedParameterType(context, value, member) ?? context.checker.getTypeAtLocation(value));
}

/** A parameter of the member (or a local `const` copy of one): the caller handed it over. */
function isOwnParameterValue(context: AnalysisContext, expression: ts.Expression, member: ts.SignatureDeclaration): boolean {
  return context.getOwnParameter(expression, member) !== undefined;
}

/**
 * The function whose parameters a member's stores may hand over to the instance: a constructor,
 * method or accessor, or an arrow function a property holds (`onSocket = (socket: net.Socket) => {
 * this.socket = socket; }`, whose `this` is the instance).
 */
export function getStoringFunction(ts: AnalysisContext['ts'], member: ts.ClassElement): ts.SignatureDeclaration | undefined {
  if (isFunctionWithBody(ts, member)) return member;
  const initializer = ts.isPropertyDeclaration(member) && member.initializer ? skipOuterExpressions(ts, member.initializer) : undefined;
  return initializer && ts.isArrowFunction(initializer) ? initializer : undefined;
}

/** `=`, and the assignments that store only when the field is empty: `??=` and `||=` (a lazily opened socket). */
export function isFieldStoreOperator(ts: AnalysisContext['ts'], operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.EqualsToken || operator === ts.SyntaxKind.QuestionQuestionEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken;
}
