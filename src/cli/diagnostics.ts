/** TypeScript diagnostics as one-line messages: `file:line:col: text (TSnnnn)`. */
import { ts } from './typescript.js';
import { toRelativePath } from './findings.js';
import type { FileError } from './result.js';

/** `diagnostic` as a FileError, its file relative to `root`. */
export function toFileError(diagnostic: ts.Diagnostic, root: string): FileError {
  const message = `${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')} (TS${diagnostic.code})`;
  const { file, start } = diagnostic;
  if (!file) return { file: '', message };
  if (start === undefined) return { file: toRelativePath(root, file.fileName), message };
  const position = file.getLineAndCharacterOfPosition(start);
  return { file: toRelativePath(root, file.fileName), line: position.line + 1, column: position.character + 1, message };
}

/** `file:line:col: message`, leaving out what is unknown. */
export function formatFileError(error: FileError): string {
  const where = [error.file, error.line, error.column].filter((part) => part !== undefined && part !== '').join(':');
  return where === '' ? error.message : `${where}: ${error.message}`;
}
