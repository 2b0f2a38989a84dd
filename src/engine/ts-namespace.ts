/**
 * The `ts` namespace as the engine reads it, fast. TypeScript's bundle exports its namespace as an
 * object of several thousand getters (esbuild's CommonJS interop), so V8 keeps it in dictionary
 * mode: each `ts.isIdentifier` or `ts.SyntaxKind` the engine reads is a hash lookup and a getter
 * call, about 12 ns against 1–3 ns for a data property of an ordinary object (Node 20 and 24). The
 * engine reads it tens of millions of times on a large program. The members it reads are copied
 * here as data properties of an object whose prototype is the namespace itself, so anything not
 * listed is still found, only at the old cost.
 */
import type { Ts } from './host.js';

/**
 * Every member of `ts` the engine reads at run time. test/engine/ts-namespace.test.ts keeps the list
 * in step with `src/engine`: a member missing here still works, slowly.
 */
export const engineMembers: readonly string[] = [
  'InternalSymbolName', 'ModifierFlags', 'NodeFlags', 'ObjectFlags', 'SymbolFlags', 'SyntaxKind',
  'TypeFlags', 'canHaveModifiers', 'findAncestor', 'flattenDiagnosticMessageText', 'forEachChild',
  'getCombinedModifierFlags', 'getJSDocReturnType', 'getJSDocTags', 'getJSDocType', 'getJSDocTypeTag',
  'getModifiers', 'identifierToKeywordKind', 'isArrayBindingPattern', 'isArrayLiteralExpression',
  'isArrayTypeNode', 'isArrowFunction', 'isAsExpression', 'isAwaitExpression', 'isBinaryExpression',
  'isBindingElement', 'isBlock', 'isBreakOrContinueStatement', 'isBreakStatement', 'isCallExpression', 'isCallSignatureDeclaration',
  'isCaseBlock', 'isCaseClause', 'isCatchClause', 'isClassDeclaration', 'isClassExpression', 'isClassLike',
  'isClassStaticBlockDeclaration', 'isComputedPropertyName', 'isConditionalExpression',
  'isConstructSignatureDeclaration', 'isConstructorDeclaration', 'isContinueStatement',
  'isDebuggerStatement', 'isDefaultClause', 'isDoStatement', 'isElementAccessExpression', 'isEmptyStatement',
  'isEnumDeclaration', 'isExportAssignment', 'isExportDeclaration', 'isExportSpecifier', 'isExpression',
  'isExpressionStatement', 'isExternalModule', 'isExternalModuleReference',
  'isForInStatement', 'isForOfStatement', 'isForStatement', 'isFunctionDeclaration', 'isFunctionExpression',
  'isFunctionLike', 'isGetAccessor', 'isIdentifier', 'isIfStatement', 'isImportClause', 'isImportDeclaration',
  'isImportEqualsDeclaration', 'isImportSpecifier', 'isImportTypeNode', 'isIndexSignatureDeclaration', 'isInterfaceDeclaration',
  'isIterationStatement', 'isJSDocTypeTag', 'isJsxAttribute', 'isJsxAttributes', 'isJsxExpression',
  'isLabeledStatement', 'isLiteralTypeNode', 'isMetaProperty', 'isMethodDeclaration', 'isMethodSignature', 'isModuleBlock',
  'isModuleDeclaration', 'isNamespaceExport', 'isNamespaceExportDeclaration', 'isNamespaceImport', 'isNewExpression', 'isNoSubstitutionTemplateLiteral',
  'isNonNullExpression', 'isNumericLiteral', 'isObjectBindingPattern', 'isObjectLiteralExpression', 'isOmittedExpression',
  'isOptionalChain', 'isParameter', 'isParameterPropertyDeclaration', 'isParenthesizedExpression',
  'isParenthesizedTypeNode', 'isPostfixUnaryExpression', 'isPrefixUnaryExpression', 'isPrivateIdentifier',
  'isPropertyAccessExpression', 'isPropertyAssignment', 'isPropertyDeclaration', 'isPropertySignature',
  'isQualifiedName', 'isReturnStatement', 'isSatisfiesExpression', 'isSetAccessor',
  'isShorthandPropertyAssignment', 'isSourceFile', 'isSpreadAssignment', 'isSpreadElement', 'isStatement',
  'isStringLiteral', 'isStringLiteralLike', 'isSwitchStatement', 'isTaggedTemplateExpression',
  'isTemplateExpression', 'isTemplateSpan', 'isThrowStatement', 'isTryStatement', 'isTypeAliasDeclaration',
  'isTypeAssertionExpression', 'isTypeLiteralNode', 'isTypeNode', 'isTypeOfExpression', 'isTypeOperatorNode',
  'isTypeParameterDeclaration', 'isTypePredicateNode', 'isTypeReferenceNode', 'isVariableDeclaration', 'isVariableDeclarationList',
  'isVariableStatement', 'isVoidExpression', 'isWhileStatement', 'isYieldExpression', 'resolveModuleName',
  'resolveTypeReferenceDirective', 'sys', 'versionMajorMinor',
];

const snapshots = new WeakMap<Ts, Ts>();

/**
 * `ts` with the engine's members as own data properties (see above); the namespace itself is the
 * prototype. One object per namespace, and the copy is its own copy. Members that this copy of
 * TypeScript lacks (an older project TypeScript) are left to the prototype.
 * Values are read once: the namespace's members are constants after TypeScript loads.
 */
export function getEngineNamespace(ts: Ts): Ts {
  let snapshot = snapshots.get(ts);
  if (!snapshot) {
    const copy = Object.create(ts) as Record<string, unknown>;
    const source = ts as unknown as Record<string, unknown>;
    for (const name of engineMembers) {
      if (name in source) Object.defineProperty(copy, name, { value: source[name], enumerable: true });
    }
    snapshot = copy as unknown as Ts;
    snapshots.set(ts, snapshot);
    // Asked again of the copy (a front end that made it already), the copy itself.
    snapshots.set(snapshot, snapshot);
  }
  return snapshot;
}
