import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClosewaitError } from '../../src/cli/errors.js';
import { prepareOutputFile, writeOutputFile } from '../../src/cli/output-file.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-output-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('prepareOutputFile', () => {
  it('creates the missing folders and leaves no file behind', () => {
    const file = path.join(scratch, 'a', 'b', 'report.txt');
    prepareOutputFile(file, 'a/b/report.txt');
    expect(existsSync(path.dirname(file))).toBe(true);
    expect(existsSync(file)).toBe(false);
  });

  it('leaves an existing file as it is', () => {
    const file = path.join(scratch, 'existing.json');
    writeFileSync(file, 'kept');
    prepareOutputFile(file, 'existing.json');
    expect(readFileSync(file, 'utf8')).toBe('kept');
  });

  it('names the file and the reason when a folder of the path is a file', () => {
    const blocker = path.join(scratch, 'blocker');
    writeFileSync(blocker, '');
    const prepare = () => prepareOutputFile(path.join(blocker, 'sub', 'report.txt'), 'blocker/sub/report.txt');
    expect(prepare).toThrow(ClosewaitError);
    expect(prepare).toThrow(`cannot write blocker/sub/report.txt: ${blocker} is not a folder`);
  });

  it('refuses a folder as the file', () => {
    expect(() => prepareOutputFile(scratch, 'out')).toThrow('cannot write out: is a directory, not a file');
  });

  // Node's recursive mkdir never returns here (procfs answers ENOENT): this runs in a child process
  // in bin.test.ts as well, where a hang fails on its timeout instead of blocking the test worker.
  it.runIf(process.platform === 'linux' && existsSync('/proc/self'))('fails at once for a folder the file system cannot hold (/proc)', () => {
    expect(() => prepareOutputFile('/proc/nope/report.txt', '/proc/nope/report.txt')).toThrow(
      'cannot write /proc/nope/report.txt: cannot create the folder /proc/nope (the file system does not allow it)',
    );
  });
});

describe('writeOutputFile', () => {
  it('creates folders and writes the text', () => {
    const file = path.join(scratch, 'c', 'report.txt');
    writeOutputFile(file, 'c/report.txt', 'text');
    expect(readFileSync(file, 'utf8')).toBe('text');
  });

  it('turns file-system errors into one line naming the file', () => {
    expect(() => writeOutputFile(scratch, 'out', 'text')).toThrow(new ClosewaitError('cannot write out: is a directory, not a file'));
  });
});
