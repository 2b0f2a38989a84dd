/**
 * The engine's public surface: run one check over one source file. Both front ends call only this.
 * Work shared between checks (graphs, resource facts, callee summaries) is cached per Program.
 */
import type * as ts from 'typescript';
import type { EngineHost } from './host.js';
import type { CheckId, Finding } from './findings.js';
import type { EngineOptions } from './options.js';
import { runCheck } from './checks/registry.js';

export type { EngineHost, Ts } from './host.js';
export { getEngineNamespace } from './ts-namespace.js';
export type { CheckId, Finding, PathStep, Suggestion, TextEdit } from './findings.js';
export type { CustomResource, EngineOptions, PresetName, TypeSpecifier } from './options.js';

/** Findings of `check` in `sourceFile`. Never throws: a function the engine cannot analyse yields nothing. */
export function getCheckFindings(
  check: CheckId,
  sourceFile: ts.SourceFile,
  host: EngineHost,
  options: EngineOptions = {},
): Finding[] {
  try {
    return runCheck(check, sourceFile, host, options);
  } catch (error) {
    reportInternalError(error, sourceFile);
    return [];
  }
}

function reportInternalError(error: unknown, sourceFile: ts.SourceFile): void {
  if (process.env['CLOSEWAIT_DEBUG']) {
    console.error(`closewait: analysis of ${sourceFile.fileName} failed`, error);
  }
}
