/**
 * no-missing-types: a file that uses a module or global closewait follows without its types is
 * reported, once per module or global, on its first import or use: the other checks would find
 * nothing there, and nothing found must not read as "clean".
 */
import type * as ts from 'typescript';
import type { Finding } from '../findings.js';
import type { EngineOptions } from '../options.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { getFollowedApis } from '../types/followed.js';
import { getMissingTypes } from '../types/missing-types.js';

/** Findings of no-missing-types in one file; `data` is `{ name, fix }`. */
export function getMissingTypesFindings(context: AnalysisContext, sourceFile: ts.SourceFile, options: EngineOptions): Finding[] {
  const followed = getFollowedApis(context.catalog.kinds, options.listenerTypes);
  return getMissingTypes(context.host, sourceFile, followed).map((missing) => ({
    check: 'no-missing-types',
    messageId: missing.kind === 'module' ? 'missingModuleTypes' : 'missingGlobalTypes',
    data: { name: missing.name, fix: missing.fix },
    node: missing.node,
    path: [],
    suggestions: [],
  }));
}
