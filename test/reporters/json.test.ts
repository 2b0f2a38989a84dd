import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatJson, JSON_REPORT_VERSION } from '../../src/reporters/json.js';
import { jsonReportSchema } from '../../src/reporters/json-schema.js';
import { context, createCleanResult, createErrorResult, createSampleResult, createRepositoryResult } from './sample.js';

const validate = new Ajv({ allErrors: true, strict: true }).compile(jsonReportSchema);

describe('json reporter', () => {
  it('prints the documented envelope', () => {
    const report = JSON.parse(formatJson(createSampleResult(), context));
    expect(report.version).toBe(JSON_REPORT_VERSION);
    expect(report.tool).toEqual({ name: 'closewait', version: '9.9.9' });
    expect(report.summary).toEqual({ filesAnalyzed: 5, projects: 1, findings: 3, suppressed: 0, suppressedInSource: 0, staleBaselineEntries: 0, errors: 0, skipped: 0 });
    expect(report.findings.map((f: { file: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column}`)).toEqual([
      'lib/fall-off.ts:4:18',
      'src/early-return.ts:5:10',
      'src/markup/tricky.ts:5:3',
    ]);
  });

  it.each([
    ['with findings', createSampleResult()],
    ['clean', createCleanResult({ config: 'closewait.config.json', tsconfig: undefined })],
    ['with file errors', createErrorResult()],
    ['of a whole repository', createRepositoryResult()],
    ['with code left out', createSampleResult({ skipped: [{ file: 'src/deep.ts', line: 2, column: 1, message: 'not analysed: the function `deep`, nested more than 300 levels deep' }] })],
  ])('matches its JSON schema (%s)', (_name, result) => {
    const report = JSON.parse(formatJson(result, context));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('matches the snapshot', () => {
    expect(formatJson(createErrorResult(), context)).toMatchSnapshot();
  });

  it('lists the projects and the shard, counts silenced findings, and keeps the missing-types records', () => {
    const report = JSON.parse(formatJson(createRepositoryResult(), context));
    expect(report).toMatchObject({ projects: ['packages/a/tsconfig.json', 'packages/b/tsconfig.json'], shard: { index: 1, count: 2 }, missingTypes: createRepositoryResult().missingTypes });
    expect(report.summary).toEqual({ filesAnalyzed: 5, projects: 2, findings: 2, suppressed: 0, suppressedInSource: 1, staleBaselineEntries: 0, errors: 1, skipped: 0 });
    expect(report.findings).toHaveLength(2);
  });
});
