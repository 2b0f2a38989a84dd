/**
 * One engine call as one line of JSON: the check, the file (its base name and a hash of its text,
 * since tests write fixtures to fresh temporary directories), the options, and every finding with
 * its nodes as positions. Two runs that give the same lines gave the same findings.
 */
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type * as ts from 'typescript';
import type { CheckId, EngineOptions, Finding } from '../../src/engine/index.js';

/** Append the line for one `getCheckFindings` call to `$CLOSEWAIT_FINDINGS_DIR/tests-<pid>.jsonl`. */
export function recordFindings(check: CheckId, sourceFile: ts.SourceFile, options: EngineOptions | undefined, findings: readonly Finding[]): void {
  const dir = process.env['CLOSEWAIT_FINDINGS_DIR'];
  if (!dir) return;
  appendFileSync(path.join(dir, `tests-${process.pid}.jsonl`), `${JSON.stringify(describeCall(check, sourceFile, options, findings))}\n`);
}

/** The JSON-ready form of one call and its findings. */
export function describeCall(check: CheckId, sourceFile: ts.SourceFile, options: EngineOptions | undefined, findings: readonly Finding[]): object {
  return {
    check,
    file: path.basename(sourceFile.fileName),
    text: createHash('sha1').update(sourceFile.text).digest('hex').slice(0, 16),
    options: options ?? {},
    findings: findings.map((finding) => ({
      messageId: finding.messageId,
      data: finding.data,
      node: describeNode(finding.node),
      path: finding.path.map((step) => ({ role: step.role, message: step.message, node: describeNode(step.node) })),
      suggestions: finding.suggestions,
    })),
  };
}

function describeNode(node: ts.Node): string {
  const sourceFile = node.getSourceFile();
  const start = node.getStart(sourceFile);
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
  return `${path.basename(sourceFile.fileName)}:${line + 1}:${character + 1}-${node.getEnd()}`;
}
