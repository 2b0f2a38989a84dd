/** Comments as ESLint sees them: only real comments, never text inside strings, templates, regular expressions or JSX. */
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { getComments } from '../../../src/cli/directives/comments.js';

const comments = (text: string, fileName = 'file.ts') => {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return getComments(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind)).map(({ type, value, line, column, endLine }) => ({ type, value, line, column, endLine }));
};

describe('getComments', () => {
  it('finds line and block comments, leading, trailing and at the end of the file, once each', () => {
    expect(comments('// a\nconst x = 1; /* b */ // c\nfoo(/* d */);\n/* e\n */')).toEqual([
      { type: 'Line', value: ' a', line: 1, column: 1, endLine: 1 },
      { type: 'Block', value: ' b ', line: 2, column: 14, endLine: 2 },
      { type: 'Line', value: ' c', line: 2, column: 22, endLine: 2 },
      { type: 'Block', value: ' d ', line: 3, column: 5, endLine: 3 },
      { type: 'Block', value: ' e\n ', line: 4, column: 1, endLine: 5 },
    ]);
  });

  it('ignores comment-like text in strings, templates and regular expressions', () => {
    expect(comments("const a = '// no';\nconst b = `/* no */ ${1 /* yes */}`;\nconst c = /\\/\\/ no/g;\nconst d = 4 / 2; // yes\n")).toEqual([
      { type: 'Block', value: ' yes ', line: 2, column: 25, endLine: 2 },
      { type: 'Line', value: ' yes', line: 4, column: 18, endLine: 4 },
    ]);
  });

  it('ignores JSX text, and finds comments in JSX expressions', () => {
    expect(comments('export const el = <p>// no {/* yes */}</p>;\n', 'file.tsx')).toEqual([{ type: 'Block', value: ' yes ', line: 1, column: 29, endLine: 1 }]);
  });

  it('skips a shebang', () => {
    expect(comments('#!/usr/bin/env node\n// a\n')).toEqual([{ type: 'Line', value: ' a', line: 2, column: 1, endLine: 2 }]);
  });
});
