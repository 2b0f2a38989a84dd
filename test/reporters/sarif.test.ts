import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, formatSarif } from '../../src/reporters/sarif.js';
import { context, createCleanResult, createErrorResult, createRepositoryResult, createSampleResult } from './sample.js';

// The official SARIF 2.1.0 (rtm.5) schema, as shipped by Microsoft's @microsoft/jest-sarif package.
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// The schema's language-tag pattern is not valid with the `u` flag, hence unicodeRegExp: false.
// Both are CommonJS with `exports.default`: under NodeNext the default import is the whole module.
const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

const parse = (text: string) => JSON.parse(text) as Sarif.Log;

describe('sarif reporter', () => {
  it.each([
    ['with findings', createSampleResult()],
    ['clean', createCleanResult()],
    ['with file errors', createErrorResult()],
    ['of a whole repository', createRepositoryResult()],
  ])('is valid SARIF 2.1.0 (%s)', (_name, result) => {
    const log = parse(formatSarif(result, context));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.version).toBe('2.1.0');
  });

  it('describes the rules that ran, with help links', () => {
    const driver = parse(formatSarif(createSampleResult(), context)).runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: 'closewait', version: '9.9.9', semanticVersion: '9.9.9' });
    expect(driver.rules).toEqual([
      expect.objectContaining({
        id: 'no-leaked-socket',
        helpUri: 'https://example.com/docs/rules/no-leaked-socket.md',
        shortDescription: { text: 'Require every socket to be released or handed off on every path' },
        defaultConfiguration: { level: 'error' },
      }),
    ]);
  });

  it('locates results relative to %SRCROOT%, and carries the leaking path as a code flow', () => {
    const run = parse(formatSarif(createSampleResult(), context)).runs[0]!;
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///project/' } });
    const result = run.results!.find((candidate) => candidate.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'src/early-return.ts')!;
    expect(result).toMatchObject({ ruleId: 'no-leaked-socket', ruleIndex: 0, level: 'error' });
    expect(result.locations![0]!.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'src/early-return.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 10, endLine: 5, endColumn: 17 },
    });
    expect(result.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const steps = result.codeFlows![0]!.threadFlows[0]!.locations;
    expect(steps.map((step) => [step.kinds, step.location?.physicalLocation?.region?.startLine, step.location?.message?.text])).toEqual([
      [['acquire'], 4, 'created here'],
      [['branch'], 5, '`x` is true'],
      [['exit'], 5, 'return with it still open'],
    ]);
    expect(result.fixes![0]).toMatchObject({
      description: { text: 'Call `s.end()` before this return.' },
      artifactChanges: [{ replacements: [{ deletedRegion: { charOffset: 108, charLength: 0 }, insertedContent: { text: 's.end(); ' } }] }],
    });
  });

  it('reports files it could not analyse as failed-execution notifications', () => {
    const invocation = parse(formatSarif(createErrorResult(), context)).runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: "')' expected. (TS1005)" },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/broken.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 27 } } }],
      },
      {
        level: 'error',
        message: { text: 'cannot read file: is a directory, not a file' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/folder.ts', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
  });

  it('percent-encodes file paths in URIs', () => {
    const sample = createSampleResult();
    const spaced = { ...sample, findings: sample.findings.map((finding) => ({ ...finding, file: `my dir/${finding.file}` })) };
    const uris = parse(formatSarif(spaced, context)).runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri);
    expect(uris).toContain('my%20dir/src/early-return.ts');
  });

  it('matches the snapshot', () => {
    expect(formatSarif(createSampleResult(), context)).toMatchSnapshot();
  });

  it('keeps findings silenced by a directive, as results suppressed in source with their reason', () => {
    const results = parse(formatSarif(createRepositoryResult(), context)).runs[0]!.results!;
    expect(results.map((result) => [result.locations?.[0]?.physicalLocation?.artifactLocation?.uri, result.suppressions])).toEqual([
      ['lib/fall-off.ts', [{ kind: 'inSource', justification: 'kept for the process lifetime' }]],
      ['src/early-return.ts', undefined],
      ['src/markup/tricky.ts', undefined],
    ]);
  });

  it('carries what a merge needs: files, projects, shard, and the files behind a missing-types line', () => {
    const run = parse(formatSarif(createRepositoryResult(), context)).runs[0]!;
    expect(run.properties).toEqual({ closewait: { filesAnalyzed: 5, projects: ['packages/a/tsconfig.json', 'packages/b/tsconfig.json'], shard: { index: 1, count: 2 } } });
    const [notification] = run.invocations![0]!.toolExecutionNotifications!;
    expect(notification!.properties).toEqual({ closewait: { missingTypes: createRepositoryResult().missingTypes } });
  });
});
