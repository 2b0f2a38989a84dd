/** JSON Schema (draft-07) of the JSON report, version 1: the contract docs/cli.md documents and a test enforces. */

const location = {
  file: { type: 'string', description: 'Path relative to the directory closewait ran in, with / separators.' },
  line: { type: 'integer', minimum: 1, description: '1-based line of the start.' },
  column: { type: 'integer', minimum: 1, description: '1-based column of the start (UTF-16 code units).' },
  endLine: { type: 'integer', minimum: 1, description: '1-based line of the end.' },
  endColumn: { type: 'integer', minimum: 1, description: '1-based column just past the end.' },
} as const;
const locationKeys = ['file', 'line', 'column', 'endLine', 'endColumn'] as const;

const finding = {
  type: 'object',
  additionalProperties: false,
  required: [...locationKeys, 'ruleId', 'messageId', 'message', 'data', 'source', 'excerpt', 'path', 'suggestions', 'fingerprint'],
  properties: {
    ruleId: { type: 'string', description: 'The rule id, as in the ESLint plugin (without the closewait/ prefix).' },
    messageId: { type: 'string', description: "The id of the rule's message." },
    message: { type: 'string', description: 'The message, placeholders filled.' },
    data: { type: 'object', additionalProperties: { type: 'string' }, description: 'The placeholder values (`resource`: the resource name).' },
    ...location,
    source: { type: 'string', description: 'The text of the reported line.' },
    excerpt: {
      type: 'object',
      additionalProperties: false,
      required: ['startLine', 'lines'],
      properties: {
        startLine: { type: 'integer', minimum: 1, description: 'Line number of the first excerpt line.' },
        lines: { type: 'array', items: { type: 'string' }, description: 'Source lines around the finding.' },
      },
    },
    path: {
      type: 'array',
      description: 'The leaking path: acquire, branches taken, exit.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role', 'message', 'source', ...locationKeys],
        properties: {
          role: { enum: ['acquire', 'branch', 'exit'], description: 'What happens at this step.' },
          message: { type: 'string', description: 'What happens at this step, in words.' },
          source: { type: 'string', description: "The text of the step's line." },
          ...location,
        },
      },
    },
    suggestions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['message', 'edits'],
        properties: {
          message: { type: 'string', description: 'What the fix does.' },
          edits: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['range', 'text'],
              properties: {
                range: { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 2, maxItems: 2, description: '[start, end) UTF-16 offsets in the file.' },
                text: { type: 'string', description: 'The replacement text.' },
              },
            },
          },
        },
      },
    },
    fingerprint: { type: 'string', pattern: '^[0-9a-f]{32}$', description: 'Identity that survives line moves (baselines, SARIF partialFingerprints).' },
  },
} as const;

const fileNote = {
  type: 'object',
  additionalProperties: false,
  required: ['file', 'message'],
  properties: { file: location.file, line: location.line, column: location.column, message: { type: 'string' } },
} as const;

export const jsonReportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'closewait JSON report, version 1',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'tool', 'tsconfig', 'projects', 'config', 'summary', 'rules', 'findings', 'errors', 'missingTypes', 'skipped'],
  properties: {
    version: { const: 1, description: 'Changes only when a field is removed or changes meaning.' },
    tool: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'version'],
      properties: { name: { const: 'closewait' }, version: { type: 'string' } },
    },
    tsconfig: { type: ['string', 'null'], description: 'The first tsconfig.json of `projects`, or null when only default programs ran.' },
    projects: { type: 'array', items: { type: 'string' }, description: 'Every project analysed, sorted: a tsconfig.json, or the directory of a default program.' },
    config: { type: ['string', 'null'], description: 'The config file used, or null.' },
    shard: {
      type: 'object',
      additionalProperties: false,
      required: ['index', 'count'],
      description: 'Present when the run analysed one shard (--shard index/count).',
      properties: { index: { type: 'integer', minimum: 1 }, count: { type: 'integer', minimum: 1 } },
    },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['filesAnalyzed', 'projects', 'findings', 'suppressed', 'suppressedInSource', 'staleBaselineEntries', 'errors', 'skipped'],
      properties: {
        filesAnalyzed: { type: 'integer', minimum: 0 },
        projects: { type: 'integer', minimum: 0, description: 'Projects analysed.' },
        findings: { type: 'integer', minimum: 0, description: 'Findings reported (not in the baseline).' },
        suppressed: { type: 'integer', minimum: 0, description: 'Findings the baseline already lists.' },
        suppressedInSource: { type: 'integer', minimum: 0, description: 'Findings silenced by eslint-disable directives.' },
        staleBaselineEntries: { type: 'integer', minimum: 0, description: 'Baseline entries that matched no finding.' },
        errors: { type: 'integer', minimum: 0, description: 'Files that could not be analysed.' },
        skipped: { type: 'integer', minimum: 0, description: 'Files with code left out (nested too deeply for TypeScript).' },
      },
    },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'description', 'helpUri', 'recommended'],
        properties: { id: { type: 'string' }, description: { type: 'string' }, helpUri: { type: 'string' }, recommended: { type: 'boolean' } },
      },
    },
    findings: { type: 'array', items: finding },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'message'],
        properties: {
          file: location.file,
          line: location.line,
          column: location.column,
          message: { type: 'string' },
          kind: { const: 'missing-types', description: 'A module whose types closewait cannot see (one line per module, built from missingTypes).' },
        },
      },
    },
    missingTypes: {
      type: 'array',
      description: 'Every file that uses a module or global closewait follows without its types.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'name', 'file', 'line', 'column', 'fix'],
        properties: {
          key: { type: 'string', description: 'The module or global, normalised (`missingModuleTypes:net`).' },
          name: { type: 'string', description: 'As the file writes it (`node:net`).' },
          file: location.file,
          line: location.line,
          column: location.column,
          fix: { type: 'string' },
        },
      },
    },
    skipped: { type: 'array', items: fileNote, description: 'Files with code left out (nested too deeply for TypeScript): where it starts, and what it is.' },
  },
} as const;
