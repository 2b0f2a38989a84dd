/**
 * getCreationKind against an oracle, on every call or `new` of one file that `select` picks: the
 * kind getCreationKind gives, and where it differs from `expected`'s (the checker's own reading).
 */
import type ts from 'typescript';
import { getCreationKind } from '../../../src/engine/lifecycle/acquisitions.js';
import { getAnalysisContext, type AnalysisContext } from '../../../src/engine/lifecycle/context.js';
import { createVirtualProgram } from './virtual-program.js';

type Invocation = ts.CallExpression | ts.NewExpression;

export function compareCreationKinds(
  fileName: string,
  code: string,
  select: (context: AnalysisContext, node: ts.Node) => node is Invocation,
  expected: (context: AnalysisContext, node: Invocation) => string | undefined,
): { compared: string[]; mismatches: string[] } {
  const { program, host, fileNames } = createVirtualProgram(new Map([[fileName, code]]));
  const sourceFile = program.getSourceFile(fileNames[0]!)!;
  const context = getAnalysisContext(host, {});
  const compared: string[] = [];
  const mismatches: string[] = [];
  const visit = (node: ts.Node): void => {
    if (select(context, node)) {
      const oracle = expected(context, node);
      const actual = getCreationKind(context, node)?.name;
      compared.push(`${node.getText()}: ${actual}`);
      if (actual !== oracle) mismatches.push(`${node.getText()}: ${actual} instead of ${oracle}`);
    }
    host.ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { compared, mismatches };
}
