/**
 * Values TypeScript types `any` by their declarations alone: a parameter with no type (no
 * annotation, no JSDoc `@param`, no default) of a function nothing can type from outside (a
 * function declaration, a class's method or constructor, with no JSDoc `@type`), and whatever is
 * read or called off one (`request.headers.get(…)`). Most parameters of a JavaScript program are
 * such; calling a member of one creates nothing the checker can name, and typing the call only
 * made the checker infer the region around it. A parameter assigned anywhere in its file is left
 * to the checker (flow narrowing may give it another type).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../lifecycle/context.js';
import { getIdentifierAssignments, skipValuePreservingWrappers } from './values.js';

/** Whether `expression` is typed `any` by declarations alone (false: the checker has to say). */
export function isUntypedValue(context: AnalysisContext, expression: ts.Expression): boolean {
  const { ts } = context;
  let node = skipValuePreservingWrappers(ts, expression);
  // `a.b.c`, `a[i]`, `a.b()`: off an `any`, `any` again.
  for (;;) {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) node = skipValuePreservingWrappers(ts, node.expression);
    else break;
  }
  if (!ts.isIdentifier(node)) return false;
  const declaration = context.getSymbol(node)?.valueDeclaration;
  return declaration !== undefined && ts.isParameter(declaration) && isUntypedParameter(context, declaration);
}

function isUntypedParameter(context: AnalysisContext, parameter: ts.ParameterDeclaration): boolean {
  const { ts } = context;
  if (parameter.type || parameter.initializer || parameter.dotDotDotToken || !ts.isIdentifier(parameter.name) || ts.getJSDocType(parameter)) return false;
  const fn = parameter.parent;
  const ownSignature = ts.isFunctionDeclaration(fn) || ((ts.isMethodDeclaration(fn) || ts.isConstructorDeclaration(fn) || ts.isSetAccessor(fn)) && ts.isClassLike(fn.parent));
  if (!ownSignature || ts.getJSDocTags(fn).some((tag) => ts.isJSDocTypeTag(tag) || ts.isJSDocThisTag(tag))) return false;
  return !getIdentifierAssignments(ts, parameter.getSourceFile()).has(parameter.name.text);
}
