import { describe, expect, it } from 'vitest';
import { formatStylish } from '../../src/reporters/stylish.js';
import { context, createCleanResult, createErrorResult, createSampleResult, createRepositoryResult } from './sample.js';

describe('stylish reporter', () => {
  it('lists findings by file with line:col, message, rule and the leaking path', () => {
    expect(formatStylish(createSampleResult(), context)).toMatchSnapshot();
  });

  it('says when there is nothing to report, with the baseline count', () => {
    const result = createCleanResult({ suppressed: createSampleResult().findings.slice(0, 2) });
    expect(formatStylish(result, context)).toBe('✔ No socket lifecycle problems found (5 files analysed, 2 in the baseline)\n');
  });

  it('counts file errors in the summary (the errors themselves go to stderr)', () => {
    expect(formatStylish(createErrorResult(), context).trimEnd().split('\n').at(-1)).toBe('✖ 3 findings in 3 files (5 files analysed, 2 errors)');
  });

  it('names missing types apart from other errors: the files that need them went unchecked', () => {
    const base = createErrorResult();
    const result = {
      ...base,
      findings: [],
      errors: [...base.errors, { file: 'src/send.ts', line: 1, column: 22, message: 'cannot see the types of `node:net`', kind: 'missing-types' as const }],
    };
    expect(formatStylish(result, context)).toBe(
      '✖ No findings, but 2 errors and types missing for 1 module left files unchecked (5 files analysed)\n',
    );
  });

  it('counts the modules and the globals whose types are missing, each once', () => {
    const record = (key: string, name: string, file: string) => ({ key, name, file, line: 1, column: 1, fix: 'install @types/node' });
    const missingTypes = [
      record('missingModuleTypes:net', 'node:net', 'src/a.ts'),
      record('missingModuleTypes:net', 'net', 'src/b.ts'),
      record('missingGlobalTypes:fetch', 'fetch', 'src/a.ts'),
    ];
    const errors = [
      { file: 'src/a.ts', line: 1, column: 1, message: 'cannot see the types of `node:net` (and in 1 other file): install @types/node', kind: 'missing-types' as const },
      { file: 'src/a.ts', line: 1, column: 1, message: 'cannot see the types of `fetch`: install @types/node', kind: 'missing-types' as const },
    ];
    const result = { ...createCleanResult(), errors, missingTypes };
    expect(formatStylish(result, context)).toBe(
      '✖ No findings, but types missing for 1 module and 1 global left files unchecked (5 files analysed)\n',
    );
    const onlyFetch = { ...result, errors: errors.slice(1), missingTypes: missingTypes.slice(2) };
    expect(formatStylish(onlyFetch, context)).toContain('types missing for 1 global left files unchecked');
  });

  it('says when errors left files unchecked, even without findings', () => {
    const result = { ...createErrorResult(), findings: [] };
    expect(formatStylish(result, context)).toBe('✖ No findings, but 2 errors left files unchecked (5 files analysed)\n');
  });

  it('says that the run passes when the findings are within --max-findings', () => {
    const summary = (maxFindings: number, color = false) => formatStylish(createSampleResult(), { ...context, color, maxFindings }).trimEnd().split('\n').at(-1);
    expect(summary(3)).toBe('⚠ 3 findings in 3 files, within --max-findings 3: the run passes (5 files analysed)');
    expect(summary(10)).toBe('⚠ 3 findings in 3 files, within --max-findings 10: the run passes (5 files analysed)');
    expect(summary(3, true)).toContain('\u001b[33m⚠'); // yellow, not the red of a failing run
    expect(summary(2)).toBe('✖ 3 findings in 3 files (5 files analysed)');
    const oneFinding = { ...createSampleResult(), findings: createSampleResult().findings.slice(0, 1) };
    expect(formatStylish(oneFinding, { ...context, maxFindings: 0 }).trimEnd().split('\n').at(-1)).toBe('✖ 1 finding in 1 file (5 files analysed)');
  });

  it('shows control characters from the source instead of sending them to the terminal', () => {
    const sample = createSampleResult();
    const hostile = { ...sample, findings: [{ ...sample.findings[0]!, message: 'a \u001b[2J b' }] };
    expect(formatStylish(hostile, context)).toContain('a \\u001b[2J b');
  });

  it('uses ANSI colours only when asked', () => {
    expect(formatStylish(createSampleResult(), context)).not.toContain('\u001b[');
    const coloured = formatStylish(createSampleResult(), { ...context, color: true });
    expect(coloured).toContain('\u001b[4msrc/early-return.ts\u001b[24m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatStylish(createSampleResult(), context));
  });

  it('says how many projects were analysed, which shard, and how many findings directives silenced', () => {
    expect(formatStylish(createRepositoryResult(), context).trimEnd().split('\n').at(-1)).toBe(
      '✖ 2 findings in 2 files (5 files analysed in 2 projects, shard 1/2, 1 silenced by eslint-disable comments, types missing for 1 module)',
    );
  });
});
