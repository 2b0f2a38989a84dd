/**
 * Text edits for the rule's suggestions: a statement inserted before or after another (with its
 * indentation), at the start of a function body, or at the end of a listener body.
 */
import type * as ts from 'typescript';
import type { Ts } from '../host.js';
import type { TextEdit } from '../findings.js';
import type { FunctionWithBody } from '../lifecycle/syntax.js';

function isStatementList(ts: Ts, node: ts.Node): boolean {
  return ts.isBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node) || ts.isSourceFile(node);
}

function getIndent(sourceFile: ts.SourceFile, position: number): string {
  const { line } = sourceFile.getLineAndCharacterOfPosition(position);
  const lineStart = sourceFile.getPositionOfLineAndCharacter(line, 0);
  const indent = sourceFile.text.slice(lineStart, position);
  return /^\s*$/.test(indent) ? indent : '';
}

/** `code;` as a statement right before `statement` (wrapping both in a block where it stands alone). */
export function getInsertBeforeEdit(ts: Ts, statement: ts.Statement, code: string): TextEdit {
  const sourceFile = statement.getSourceFile();
  const start = statement.getStart(sourceFile);
  if (isStatementList(ts, statement.parent)) {
    const indent = getIndent(sourceFile, start);
    const separator = indent === '' && !isAtLineStart(sourceFile, start) ? ' ' : `\n${indent}`;
    return { range: [start, start], text: `${code};${separator}` };
  }
  return { range: [start, statement.getEnd()], text: `{ ${code}; ${statement.getText(sourceFile)} }` };
}

/** `code;` as a statement right after `statement`, when it stands in a statement list. */
export function getInsertAfterEdit(ts: Ts, statement: ts.Statement, code: string): TextEdit | undefined {
  if (!isStatementList(ts, statement.parent)) return undefined;
  const sourceFile = statement.getSourceFile();
  const indent = getIndent(sourceFile, statement.getStart(sourceFile));
  return { range: [statement.getEnd(), statement.getEnd()], text: `\n${indent}${code};` };
}

/** `code;` as the first statement of a block body that has statements. */
export function getInsertAtBodyStartEdit(ts: Ts, fn: FunctionWithBody, code: string): TextEdit | undefined {
  if (!ts.isBlock(fn.body)) return undefined;
  const first = fn.body.statements[0];
  return first ? getInsertBeforeEdit(ts, first, code) : undefined;
}

/** `code;` as the last statement of a listener body (a concise body becomes a block). */
export function getAppendToBodyEdit(ts: Ts, fn: FunctionWithBody, code: string): TextEdit | undefined {
  const sourceFile = fn.getSourceFile();
  const body = fn.body;
  if (!ts.isBlock(body)) {
    const text = body.getText(sourceFile);
    return { range: [body.getStart(sourceFile), body.getEnd()], text: `{ ${text}; ${code}; }` };
  }
  const last = body.statements[body.statements.length - 1];
  if (last) return getInsertAfterEdit(ts, last, code);
  return { range: [body.getStart(sourceFile), body.getEnd()], text: `{ ${code}; }` };
}

function isAtLineStart(sourceFile: ts.SourceFile, position: number): boolean {
  const { character } = sourceFile.getLineAndCharacterOfPosition(position);
  return character === 0;
}

/** The statement that contains `node` directly in a statement list, if any. */
export function getEnclosingStatement(ts: Ts, node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    if (isFunctionWithBody(ts, current)) return undefined;
    if (current.parent && isStatementList(ts, current.parent) && ts.isStatement(current as ts.Node)) return current as ts.Statement;
  }
  return undefined;
}

function isFunctionWithBody(ts: Ts, node: ts.Node): boolean {
  return ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body !== undefined;
}
