/**
 * The verdict file: one entry per finding of `npm run realworld`, judged by a person who read the
 * package's code. An entry is keyed by what stays put when code moves or a message is reworded
 * (package@version, file, rule and the CLI's fingerprint); `line` and `message` are for people.
 * The file is validated against VERDICT_FILE_SCHEMA (ajv) when loaded and written sorted, so a
 * triage is a small diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Ajv, type JSONSchemaType } from 'ajv';

/**
 * TRUE: a maintainer of the package would agree it is a leak. FALSE: not a leak; the engine is
 * wrong. DEBATABLE: a leak only under assumptions the package does not make, or a deliberate
 * choice. UNTRIAGED: appended by `--update`, not judged yet (the run fails until it is).
 */
export const VERDICTS = ['TRUE', 'FALSE', 'DEBATABLE', 'UNTRIAGED'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface VerdictEntry {
  /** `name@version`, as pinned in bench/realworld/packages.ts. */
  readonly package: string;
  /** Relative to the package root, `/`-separated (the CLI's `file`). */
  readonly file: string;
  readonly rule: string;
  /** The CLI's `fingerprint`: rule, file, the reported line's text and the resource's name. */
  readonly fingerprint: string;
  /** The reported line when judged (for people; matching prefers the nearest line). */
  readonly line: number;
  /** The message when judged (for people). */
  readonly message: string;
  readonly verdict: Verdict;
  /** For FALSE and DEBATABLE: the kind of engine mistake, a short phrase shared by entries of one kind. */
  readonly kind?: string;
  /** Why, citing the package's code: one or two sentences its maintainer would accept. */
  readonly why: string;
}

export interface VerdictFile {
  readonly version: 1;
  readonly verdicts: readonly VerdictEntry[];
}

/** The JSON schema of the verdict file (draft-07, as ajv's default). */
export const VERDICT_FILE_SCHEMA: JSONSchemaType<VerdictFile> = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'verdicts'],
  properties: {
    version: { type: 'number', const: 1 },
    verdicts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['package', 'file', 'rule', 'fingerprint', 'line', 'message', 'verdict', 'why'],
        properties: {
          package: { type: 'string', pattern: '^(@[^/@\\s]+/)?[^/@\\s]+@\\d+\\.\\d+\\.\\d+\\S*$' },
          file: { type: 'string', minLength: 1 },
          rule: { type: 'string', minLength: 1 },
          fingerprint: { type: 'string', pattern: '^[0-9a-f]{32}$' },
          line: { type: 'integer', minimum: 1 },
          message: { type: 'string', minLength: 1 },
          verdict: { type: 'string', enum: [...VERDICTS] },
          kind: { type: 'string', minLength: 1, nullable: true },
          why: { type: 'string' },
        },
        // A judged entry says why; an UNTRIAGED one may not yet.
        if: { properties: { verdict: { enum: ['TRUE', 'FALSE', 'DEBATABLE'] } } },
        then: { properties: { why: { type: 'string', minLength: 1 } } },
      },
    },
  },
};

const validate = new Ajv({ allErrors: true }).compile(VERDICT_FILE_SCHEMA);

/**
 * Problems of `value` against the verdict file schema, one line each (`verdicts/3/verdict: must be
 * equal to one of the allowed values`); empty when it is valid.
 */
export function getVerdictFileErrors(value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const where = error.instancePath === '' ? '(root)' : error.instancePath.slice(1);
    const allowed = error.keyword === 'enum' ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
    const property = error.keyword === 'additionalProperties' ? ` "${(error.params as { additionalProperty: string }).additionalProperty}"` : '';
    return `${where}: ${error.message ?? error.keyword}${property}${allowed}`;
  });
}

/**
 * Read and validate the verdict file; a missing file is an empty one. Throws an Error whose message
 * lists every schema problem (or the JSON syntax error) with the file's name.
 */
export function loadVerdictFile(file: string): VerdictFile {
  if (!existsSync(file)) return { version: 1, verdicts: [] };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const errors = getVerdictFileErrors(value);
  if (errors.length > 0) throw new Error(`${file}: invalid verdict file:\n  ${errors.join('\n  ')}`);
  return value as VerdictFile;
}

/** The file's text: entries sorted by package, file, line, rule, fingerprint; keys in a fixed order. */
export function formatVerdictFile(verdicts: readonly VerdictEntry[]): string {
  const sorted = [...verdicts].sort(compareEntries).map((entry) => ({
    package: entry.package,
    file: entry.file,
    rule: entry.rule,
    fingerprint: entry.fingerprint,
    line: entry.line,
    message: entry.message,
    verdict: entry.verdict,
    ...(entry.kind === undefined ? {} : { kind: entry.kind }),
    why: entry.why,
  }));
  const file: VerdictFile = { version: 1, verdicts: sorted };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Write the verdict file (sorted, see formatVerdictFile). */
export function saveVerdictFile(file: string, verdicts: readonly VerdictEntry[]): void {
  writeFileSync(file, formatVerdictFile(verdicts));
}

function compareEntries(a: VerdictEntry, b: VerdictEntry): number {
  return cmp(a.package, b.package) || cmp(a.file, b.file) || a.line - b.line || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
