import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonFile } from '../../src/cli/json-file.js';

function errorOf(text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'closewait-json-')), 'baseline.json');
  writeFileSync(file, text);
  try {
    readJsonFile(file, 'baseline.json');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('readJsonFile', () => {
  it('says what is wrong in one line, even when the parser quotes a text with newlines', () => {
    const message = errorOf('nope\nstill not json\n');
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^baseline\.json(:\d+:\d+)?: invalid JSON: /);
  });

  it('names the line and column where the parser gives a position', () => {
    expect(errorOf('{\n  "a": 1,\n}')).toMatch(/^baseline\.json:3:1: invalid JSON: /);
  });
});
