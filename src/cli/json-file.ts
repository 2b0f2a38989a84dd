/** Read a JSON file with errors that name the file, line and column. */
import { readFileSync } from 'node:fs';
import { ClosewaitError } from './errors.js';

/** The parsed contents of `file`; `label` names it in error messages (usually a path relative to the cwd). */
export function readJsonFile(file: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ClosewaitError(`cannot read ${label}: ${describeFsError(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ClosewaitError(`${label}${getJsonErrorLocation(text, error)}: invalid JSON: ${getJsonErrorReason(error)}`);
  }
}

/** A short reason for a failed file-system call: `ENOENT` becomes "no such file", and so on. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file (or a dangling symbolic link)';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function getJsonErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // One line: V8 quotes the start of the text, newlines included (`"nope\n" is not valid JSON`).
  return message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function getJsonErrorLocation(text: string, error: unknown): string {
  const match = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!match) return '';
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `:${line}:${column}`;
}
