/** The CLI's programmatic API: `run()` returns plain data, reporters turn it into text. */
export { run, type Progress, type RunOptions } from './run.js';
export { main } from './main.js';
export { ClosewaitError, ExitCode } from './errors.js';
export { applyBaseline, createBaseline, readBaseline, type BaselineEntry, type BaselineFile } from './baseline.js';
export type { ClosewaitConfig, RuleSetting } from './config.js';
export type { CliIo, OutputStream } from './io.js';
export type {
  Excerpt,
  FileError,
  MissingTypesRecord,
  ReportedFinding,
  ReportedPathStep,
  ReportedRule,
  ReportedSuggestion,
  RunResult,
  ShardInfo,
  SourceLocation,
  SuppressedInSource,
} from './result.js';
export { mergeReports, type MergedReport, type ReportInput } from './merge.js';
export { formatNames, getReporter, reporters, type FormatName, type Reporter, type ReporterContext } from '../reporters/index.js';
export { JSON_REPORT_VERSION, type JsonReport } from '../reporters/json.js';
export { jsonReportSchema } from '../reporters/json-schema.js';
