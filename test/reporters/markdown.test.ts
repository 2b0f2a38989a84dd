import { describe, expect, it } from 'vitest';
import { escapeText, formatMarkdown, MARKDOWN_MAX_ROWS } from '../../src/reporters/markdown.js';
import { context, createCleanResult, createErrorResult, createSampleResult } from './sample.js';

describe('markdown reporter', () => {
  it('summarises by rule, lists findings and folds the leaking paths', () => {
    expect(formatMarkdown(createErrorResult(), context)).toMatchSnapshot();
  });

  it('has a one-line verdict when clean', () => {
    expect(formatMarkdown(createCleanResult(), context)).toBe('### closewait: no socket lifecycle problems found\n\n5 files analysed\n');
  });

  it('keeps source text from breaking the table or injecting HTML', () => {
    const report = formatMarkdown(createSampleResult(), context);
    const row = report.split('\n').find((line) => line.startsWith('| `src/markup/tricky.ts'))!;
    expect(row).toBe('| `src/markup/tricky.ts:5:3` | The net.Socket `conn\\|<b>` \\<i\\> leaks: this return leaves it open without end(). | `no-leaked-socket` |');
    expect(report).not.toMatch(/(?<!`[^`\n]*)<(b|i|script)>/);
  });

  it('escapes prose but leaves code spans alone', () => {
    expect(escapeText('a *b* <c> `x<y>*` & _d_')).toBe('a \\*b\\* \\<c\\> `x<y>*` &amp; \\_d\\_');
    expect(escapeText('`a|b` | c', true)).toBe('`a\\|b` \\| c');
  });

  it('keeps a code span that holds backticks whole', () => {
    expect(escapeText('`` `${a}` === b `` is *true*')).toBe('`` `${a}` === b `` is \\*true\\*');
    expect(escapeText('`` a`b `` is *x*')).toBe('``a`b`` is \\*x\\*');
    expect(escapeText('a lone ` backtick')).toBe('a lone \\` backtick');
  });

  it(`shows at most ${MARKDOWN_MAX_ROWS} rows`, () => {
    const sample = createSampleResult();
    const many = Array.from({ length: MARKDOWN_MAX_ROWS + 5 }, (_, index) => ({ ...sample.findings[0]!, line: index + 1 }));
    const report = formatMarkdown({ ...sample, findings: many }, context);
    expect(report.split('\n').filter((line) => line.startsWith('| `lib/')).length).toBe(MARKDOWN_MAX_ROWS);
    expect(report).toContain('…and 5 more (see the full report).');
  });
});
