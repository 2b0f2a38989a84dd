/**
 * What a run produces: plain, JSON-ready data with no TypeScript nodes in it. Reporters format it,
 * the JSON reporter prints it almost as is, and programmatic callers of `run()` get it back.
 * Lines and columns are 1-based (as in ESLint); end columns point one past the last character.
 */

/** A place in a source file; `file` is relative to the run's root, with `/` separators. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** One step of the leaking path: where the resource was acquired, a branch taken, the exit. */
export interface ReportedPathStep extends SourceLocation {
  readonly role: 'acquire' | 'branch' | 'exit';
  readonly message: string;
  /** The text of the step's first line. */
  readonly source: string;
}

export interface ReportedSuggestion {
  readonly message: string;
  /** Replacements in the file's UTF-16 offsets. */
  readonly edits: readonly { readonly range: readonly [number, number]; readonly text: string }[];
}

/** A few lines of source around the finding, for reports that show code. */
export interface Excerpt {
  readonly startLine: number;
  readonly lines: readonly string[];
}

export interface ReportedFinding extends SourceLocation {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly data: Readonly<Record<string, string>>;
  /** The text of the reported line. */
  readonly source: string;
  readonly excerpt: Excerpt;
  readonly path: readonly ReportedPathStep[];
  readonly suggestions: readonly ReportedSuggestion[];
  /** Stable identity across line moves: rule, file, normalised line text and resource name (see baseline.ts). */
  readonly fingerprint: string;
}

/** A file the run could not analyse: a syntax error, a file that cannot be read, or types closewait cannot see. */
export interface FileError {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  /** `missing-types`: the line no-missing-types gives one module (rebuilt from `missingTypes` when reports merge). */
  readonly kind?: 'missing-types';
}

/** A finding an inline `eslint-disable…` directive silences, with the directives' `-- reason`s. */
export interface SuppressedInSource extends ReportedFinding {
  readonly justifications: readonly string[];
}

/** One file that uses a module or global closewait follows without its types (no-missing-types). */
export interface MissingTypesRecord {
  /** `node:net` and `net` are one module: `missingModuleTypes:net`. */
  readonly key: string;
  /** As the file writes it. */
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly fix: string;
}

/** `--shard i/n`: this run analysed shard `index` (1-based) of `count`. */
export interface ShardInfo {
  readonly index: number;
  readonly count: number;
}

export interface ReportedRule {
  readonly id: string;
  readonly description: string;
  readonly helpUri: string;
  readonly recommended: boolean;
}

export interface RunResult {
  /** Absolute directory that every `file` is relative to (the working directory of the run). */
  readonly root: string;
  /** The first tsconfig.json of `projects`, relative to root; undefined for a default program alone. */
  readonly tsconfig: string | undefined;
  /** Every project analysed, sorted: a tsconfig.json, or the directory of a default program (`.` for the root), relative to root. */
  readonly projects: readonly string[];
  readonly config: string | undefined;
  readonly filesAnalyzed: number;
  /** The rules that ran. */
  readonly rules: readonly ReportedRule[];
  /** Findings to report: every finding not matched by the baseline, sorted by file, line, column, rule. */
  readonly findings: readonly ReportedFinding[];
  /** Findings the baseline already knew about (not reported). */
  readonly suppressed: readonly ReportedFinding[];
  /** Findings silenced by `eslint-disable…` directives (SARIF lists them as suppressed; other reports count them). */
  readonly suppressedInSource: readonly SuppressedInSource[];
  /** Baseline entries that matched nothing any more (fixed, or their line changed). */
  readonly staleBaselineEntries: number;
  readonly errors: readonly FileError[];
  /** Every file that uses a followed module or global without its types; `errors` has one line per module. */
  readonly missingTypes: readonly MissingTypesRecord[];
  /** Set when the run analysed one shard of the files. */
  readonly shard?: ShardInfo;
  /** Files with code left out because it nests too deeply for TypeScript (where, and what); the rest was analysed. */
  readonly skipped: readonly FileError[];
}
