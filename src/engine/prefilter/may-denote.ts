/**
 * Whether a callee may be one of a few named APIs (`net.createServer`, `http.get`, `new net.Server`),
 * decided from names and from the values a variable is given, before asking the checker for its
 * type. Rules that look for one API call asked that question of every call through a variable or
 * parameter in the file (`cb()`, `next()`, `resolve()`); most are plainly something else.
 *
 * An API is matched on its declaration, whose name is the last part of its qualified name: so a
 * callee may be the API only if it is named so, or holds a value named so (`const get = http.get`,
 * `const { request } = https`, `let get; get = secure ? https.get : http.get`). A parameter typed
 * by where its function is passed, an annotated variable, a value returned by a call: may be.
 * Over-approximate, like may-create.ts: "no" only when the checker would find nothing to match.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../lifecycle/context.js';
import { isFunctionWithBody, skipOuterExpressions } from '../lifecycle/syntax.js';
import { CycleMemo } from './cycle-memo.js';
import { getDeclarationsNamed } from './named-declarations.js';
import { getAssignedValues, getResultOperands, isContextuallyTyped, isInertValueSyntax, isPromiseExecutor, skipValuePreservingWrappers } from './values.js';

const memos = new WeakMap<AnalysisContext, CycleMemo>();
const keys = new WeakMap<ReadonlySet<string>, WeakMap<ts.Node, { call: object; new: object }>>();

/**
 * Whether `expression` may evaluate to a function declared under one of `names` (called), or, for
 * `construct`, to a class whose instances' type is declared under one of them.
 */
export function mayDenoteNamed(context: AnalysisContext, expression: ts.Expression, names: ReadonlySet<string>, construct = false): boolean {
  let memo = memos.get(context);
  if (!memo) memos.set(context, (memo = new CycleMemo()));
  return new Denotation(context, memo, names, construct).value(expression);
}

class Denotation {
  private readonly ts: AnalysisContext['ts'];

  constructor(
    private readonly context: AnalysisContext,
    private readonly memo: CycleMemo,
    private readonly names: ReadonlySet<string>,
    private readonly construct: boolean,
  ) {
    this.ts = context.ts;
  }

  value(expression: ts.Expression): boolean {
    const { ts, names } = this;
    const node = skipValuePreservingWrappers(ts, expression);
    if (isInertValueSyntax(ts, node)) return false;
    const operands = getResultOperands(ts, node);
    if (operands) return operands.some((operand) => this.value(operand));
    switch (node.kind) {
      case ts.SyntaxKind.Identifier:
        return this.identifier(node as ts.Identifier);
      case ts.SyntaxKind.PropertyAccessExpression:
        return names.has((node as ts.PropertyAccessExpression).name.text);
      case ts.SyntaxKind.CallExpression: {
        const callee = skipOuterExpressions(ts, (node as ts.CallExpression).expression);
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') return this.value(callee.expression);
        return true;
      }
      // A function or class written here, or an object made by `new`, is not the API.
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ClassExpression:
      case ts.SyntaxKind.NewExpression:
        return false;
      default:
        return true;
    }
  }

  private identifier(identifier: ts.Identifier): boolean {
    const declarations = this.context.getSymbol(identifier)?.getDeclarations();
    if (!declarations || declarations.length === 0) return true;
    return declarations.some((declaration) => this.declaration(declaration));
  }

  private keyOf(declaration: ts.Node): object {
    let byNode = keys.get(this.names);
    if (!byNode) keys.set(this.names, (byNode = new WeakMap()));
    let pair = byNode.get(declaration);
    if (!pair) byNode.set(declaration, (pair = { call: {}, new: {} }));
    return this.construct ? pair.new : pair.call;
  }

  /**
   * A declared type (an annotation): its signatures' declarations, or for `new` its instances'
   * type, by name. A declaration is matched by the last part of its qualified name (catalog.ts), so
   * an unnamed call signature goes by its container's: `require`'s is `NodeJS.Require`'s, never
   * `createServer`.
   */
  private annotation(annotation: ts.TypeNode): boolean {
    const { context, names } = this;
    const type = context.checker.getTypeFromTypeNode(annotation);
    for (const part of type.isUnion() ? type.types : [type]) {
      const signatures = this.construct ? part.getConstructSignatures() : part.getCallSignatures();
      for (const signature of signatures) {
        let text: string | undefined;
        if (this.construct) {
          text = signature.getReturnType().getSymbol()?.name;
        } else {
          const declaration = signature.getDeclaration() as ts.Declaration | undefined;
          const qualifiedName = declaration && context.catalog.getOrigin(declaration).qualifiedName;
          text = qualifiedName?.slice(qualifiedName.lastIndexOf('.') + 1);
        }
        if (!text || names.has(text)) return true;
      }
    }
    return false;
  }

  private declaration(declaration: ts.Node): boolean {
    return this.memo.get(this.keyOf(declaration), () => this.computeDeclaration(declaration));
  }

  private computeDeclaration(declaration: ts.Node): boolean {
    const { ts, names } = this;
    const name = (declaration as ts.NamedDeclaration).name;
    if (name && (ts.isIdentifier(name) || ts.isStringLiteralLike(name)) && names.has(name.text)) return true;
    if (ts.isParameter(declaration)) {
      const annotation = declaration.type ?? ts.getJSDocType(declaration);
      if (annotation) return this.annotation(annotation);
      if (isContextuallyTyped(ts, declaration.parent)) return !isPromiseExecutor(this.context, declaration.parent);
      return declaration.initializer !== undefined && this.value(declaration.initializer);
    }
    // `module.exports = { parseHeaders }`, `{ get: fetchPage }`: what the member is given.
    if (ts.isShorthandPropertyAssignment(declaration)) {
      const declarations = this.context.checker.getShorthandAssignmentValueSymbol(declaration)?.getDeclarations();
      return !declarations || declarations.length === 0 || declarations.some((candidate) => candidate !== declaration && this.declaration(candidate));
    }
    if (ts.isPropertyAssignment(declaration)) return this.value(declaration.initializer);
    if (ts.isVariableDeclaration(declaration)) {
      const annotation = declaration.type ?? ts.getJSDocType(declaration);
      if (annotation) return this.annotation(annotation);
      const values = getAssignedValues(ts, declaration);
      return values === undefined || values.some((value) => this.value(value));
    }
    if (ts.isBindingElement(declaration)) {
      if (declaration.initializer && this.value(declaration.initializer)) return true;
      const pattern = declaration.parent;
      if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(pattern.parent) || pattern.parent.type) return true;
      const property = declaration.propertyName ?? declaration.name;
      if (!(ts.isIdentifier(property) || ts.isStringLiteralLike(property))) return true;
      if (names.has(property.text)) return true;
      // `const { listen } = helpers`: whatever a member of that name is given, anywhere in the program.
      return getDeclarationsNamed(ts, this.context.host.program, property.text).some((candidate) => candidate !== declaration && this.declaration(candidate));
    }
    // Functions, classes and methods are what they are. An interface or type alias merged with a
    // value (`interface Error` beside `var Error: ErrorConstructor`) is no value at all, nor is an
    // enum ever called: the value's own declaration answers. Anything else (a property, an import
    // left unresolved…) may be anything.
    return !(
      isFunctionWithBody(ts, declaration) ||
      ts.isFunctionDeclaration(declaration) ||
      ts.isClassLike(declaration) ||
      ts.isMethodDeclaration(declaration) ||
      ts.isMethodSignature(declaration) ||
      ts.isInterfaceDeclaration(declaration) ||
      ts.isTypeAliasDeclaration(declaration) ||
      ts.isTypeParameterDeclaration(declaration) ||
      ts.isEnumDeclaration(declaration)
    );
  }
}
