/**
 * Whether a callee takes ownership of an argument. A function with a body in the program answers
 * by its summary; the built-in table and the `borrowingFunctions` option name the functions that
 * only look; anything else we cannot see into takes ownership (DESIGN.md: we do not guess).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context.js';
import type { TrackedResource } from './resource.js';
import { summaryTakesOwnership } from './summaries.js';

/** Whether the callee of `call` takes ownership of its argument at `index`. */
export function calleeTakesOwnership(
  context: AnalysisContext,
  call: ts.CallExpression | ts.NewExpression,
  index: number,
  resource: TrackedResource,
): boolean {
  const declaration = context.getCalleeDeclaration(call);
  if (!declaration) return true;
  if (context.isBorrowingFunction(declaration)) return false;
  if (hasBodyInProgram(context, declaration)) return summaryTakesOwnership(context, declaration, index, resource);
  return true;
}

/** A declaration with an implementation we can analyse (not a `.d.ts` signature). */
export function hasBodyInProgram(context: AnalysisContext, declaration: ts.Node): declaration is ts.FunctionLikeDeclaration {
  const { ts } = context;
  return (
    ts.isFunctionLike(declaration) &&
    (declaration as ts.FunctionLikeDeclaration).body !== undefined &&
    !declaration.getSourceFile().isDeclarationFile
  );
}
