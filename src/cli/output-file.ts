/**
 * Files the CLI writes (the report of `--output`, the baseline of `--update-baseline`). They are
 * checked, and their folders created, before the analysis: a path that cannot be written fails at
 * once with one line naming it, not after a long run, and never with a stack trace or a hang.
 *
 * Folders are created one level at a time. Node's `mkdirSync(dir, { recursive: true })` spins for
 * ever when the kernel answers ENOENT for a child of a folder that exists (any path under /proc on
 * Linux): it keeps creating the parent, gets EEXIST, and retries the child.
 */
import { closeSync, mkdirSync, openSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { ClosewaitError } from './errors.js';
import { describeFsError } from './json-file.js';

/**
 * Make sure `file` can be written: create its missing folders, then open it for appending (which
 * changes nothing in an existing file; a file created by the probe is removed again). Throws a
 * ClosewaitError "cannot write <label>: <reason>".
 */
export function prepareOutputFile(file: string, label: string): void {
  createFolders(path.dirname(file), label);
  const existed = getStat(file, label) !== undefined;
  try {
    closeSync(openSync(file, 'a'));
  } catch (error) {
    throw new ClosewaitError(`cannot write ${label}: ${describeFsError(error)}`);
  }
  if (!existed) unlinkSync(file);
}

/** Write `text` to `file`, creating its folders; throws a ClosewaitError "cannot write <label>: <reason>". */
export function writeOutputFile(file: string, label: string, text: string): void {
  createFolders(path.dirname(file), label);
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new ClosewaitError(`cannot write ${label}: ${describeFsError(error)}`);
  }
}

/** Create `folder` and its missing parents, outermost first. */
function createFolders(folder: string, label: string): void {
  const missing: string[] = [];
  let existing = path.resolve(folder);
  for (;;) {
    const stat = getStat(existing, label);
    if (stat) {
      if (!stat.isDirectory()) throw new ClosewaitError(`cannot write ${label}: ${existing} is not a folder`);
      break;
    }
    const parent = path.dirname(existing);
    if (parent === existing) break;
    missing.unshift(existing);
    existing = parent;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && getStat(dir, label)?.isDirectory()) continue;
      throw new ClosewaitError(`cannot write ${label}: cannot create the folder ${dir} (${describeMkdirError(error)})`);
    }
  }
}

/** The stat of `file`, undefined when it or a parent is missing (ENOENT) or a parent is a file (ENOTDIR). */
function getStat(file: string, label: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new ClosewaitError(`cannot write ${label}: ${describeFsError(error)}`);
  }
}

/** ENOENT from mkdir under a folder that exists: the file system takes no new folders there (/proc, /sys). */
function describeMkdirError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'the file system does not allow it' : describeFsError(error);
}
