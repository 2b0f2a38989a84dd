/**
 * Boolean switches in the options object of a Node API call (`{ allowHalfOpen: true }`,
 * `{ keepAlive: true }`, `{ keepOpen: true }`): read from the argument's type when that is the
 * literal `true` or `false`, else from the object literal it is (or a `const` is initialised with).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context.js';
import { skipOuterExpressions } from './syntax.js';

/** Whether `options` sets the boolean property `name` to `true`. Unknown values count as not set. */
export function isOptionTrue(context: AnalysisContext, options: ts.Expression, name: string): boolean {
  const { ts, checker } = context;
  const property = checker.getTypeAtLocation(options).getProperty(name);
  if (property) {
    const propertyType = checker.getTypeOfSymbolAtLocation(property, options);
    if (propertyType.flags & ts.TypeFlags.BooleanLiteral) return checker.typeToString(propertyType) === 'true';
  }
  const node = context.resolveInitializer(options);
  if (!node || !ts.isObjectLiteralExpression(node)) return false;
  return node.properties.some(
    (property) =>
      ts.isPropertyAssignment(property) &&
      (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) &&
      property.name.text === name &&
      skipOuterExpressions(ts, property.initializer).kind === ts.SyntaxKind.TrueKeyword,
  );
}
