/**
 * `closewait merge`: the reports of the n shards of one audit (`--shard i/n`) as the report one
 * run over every file would have given. JSON reports merge into JSON, SARIF logs into SARIF (one
 * run). Findings, suppressed results and errors are put back in the order one run sorts them in;
 * counts add up (the shards' files are disjoint); projects are united; the missing-types lines are
 * recounted from their per-file records, since a module untyped in two shards is still one line.
 * Shards must all be there: a merge that silently lacks one would pass a CI gate on part of the code.
 */
import type * as Sarif from 'sarif';
import { JSON_REPORT_VERSION, type JsonReport } from '../reporters/json.js';
import { toSarifNotification, type SarifRunProperties } from '../reporters/sarif.js';
import { compareErrors, compareFindings, compareStrings } from './compare.js';
import { ClosewaitError } from './errors.js';
import { compareMissingTypes, getMissingTypesErrors } from './missing-types.js';
import type { FileError, MissingTypesRecord, ShardInfo } from './result.js';
import { isPlainObject } from './rule-catalog.js';

export interface ReportInput {
  /** How messages name it (the file as given). */
  readonly label: string;
  readonly text: string;
}

export type MergedReport = { readonly format: 'json'; readonly report: JsonReport } | { readonly format: 'sarif'; readonly log: Sarif.Log };

/** Merge JSON reports or SARIF logs of closewait (not a mix); throws a ClosewaitError for anything else, or a missing shard. */
export function mergeReports(inputs: readonly ReportInput[]): MergedReport {
  if (inputs.length === 0) throw new ClosewaitError('merge needs at least one report');
  const parsed = inputs.map((input) => parseReport(input));
  const formats = new Set(parsed.map((report) => report.format));
  if (formats.size > 1) throw new ClosewaitError('merge takes JSON reports or SARIF logs, not both');
  if (parsed[0]!.format === 'json') {
    const reports = parsed.map((report) => (report as { report: JsonReport }).report);
    assertShards(reports.map((report) => report.shard), inputs);
    return { format: 'json', report: mergeJson(reports) };
  }
  const logs = parsed.map((report) => (report as { log: Sarif.Log }).log);
  assertShards(logs.map((log) => getRunProperties(log.runs[0]!).shard), inputs);
  return { format: 'sarif', log: mergeSarif(logs) };
}

type Parsed = { readonly format: 'json'; readonly report: JsonReport } | { readonly format: 'sarif'; readonly log: Sarif.Log };

function parseReport(input: ReportInput): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(input.text);
  } catch (error) {
    throw new ClosewaitError(`${input.label}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (isPlainObject(value) && isPlainObject(value['tool']) && value['tool']['name'] === 'closewait') {
    if (value['version'] !== JSON_REPORT_VERSION || !Array.isArray(value['missingTypes'])) {
      throw new ClosewaitError(`${input.label}: a closewait JSON report of another version (this closewait merges version ${JSON_REPORT_VERSION} with missingTypes)`);
    }
    return { format: 'json', report: value as unknown as JsonReport };
  }
  const runs = isPlainObject(value) ? value['runs'] : undefined;
  if (isPlainObject(value) && value['version'] === '2.1.0' && Array.isArray(runs)) {
    const run = runs[0] as Sarif.Run | undefined;
    if (runs.length !== 1 || run?.tool.driver.name !== 'closewait' || !isPlainObject(run.properties?.['closewait'])) {
      throw new ClosewaitError(`${input.label}: not a SARIF log of one closewait run`);
    }
    return { format: 'sarif', log: value as unknown as Sarif.Log };
  }
  throw new ClosewaitError(`${input.label}: not a closewait JSON report or SARIF log`);
}

/** Either no report is a shard, or they are shards 1…n of n, each once. */
function assertShards(shards: readonly (ShardInfo | undefined)[], inputs: readonly ReportInput[]): void {
  if (shards.every((shard) => shard === undefined)) return;
  const unsharded = shards.findIndex((shard) => shard === undefined);
  if (unsharded !== -1) throw new ClosewaitError(`${inputs[unsharded]!.label} is not a shard, but the other reports are`);
  const count = shards[0]!.count;
  const other = shards.findIndex((shard) => shard!.count !== count);
  if (other !== -1) throw new ClosewaitError(`${inputs[other]!.label} is shard ${shards[other]!.index}/${shards[other]!.count}, but ${inputs[0]!.label} is one of ${count}`);
  const seen = new Map<number, string>();
  shards.forEach((shard, index) => {
    const previous = seen.get(shard!.index);
    if (previous !== undefined) throw new ClosewaitError(`shard ${shard!.index}/${count} is given twice: ${previous} and ${inputs[index]!.label}`);
    seen.set(shard!.index, inputs[index]!.label);
  });
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) throw new ClosewaitError(`shard${missing.length === 1 ? '' : 's'} ${missing.map((index) => `${index}/${count}`).join(', ')} missing: merge every shard of the audit`);
}

function assertSame<T>(values: readonly T[], what: string): T {
  const first = JSON.stringify(values[0]);
  if (values.some((value) => JSON.stringify(value) !== first)) throw new ClosewaitError(`the reports differ in ${what}: merge reports of one audit`);
  return values[0]!;
}

function mergeJson(reports: readonly JsonReport[]): JsonReport {
  const tool = assertSame(reports.map((report) => report.tool), 'closewait version');
  const config = assertSame(reports.map((report) => report.config), 'config file');
  const rules = assertSame(reports.map((report) => report.rules), 'the rules that ran');
  const projects = [...new Set(reports.flatMap((report) => report.projects))].sort(compareStrings);
  const findings = reports.flatMap((report) => report.findings).sort(compareFindings);
  const missingTypes = reports.flatMap((report) => report.missingTypes).sort(compareMissingTypes);
  const errors = mergeErrors(reports.flatMap((report) => report.errors), missingTypes);
  const skipped = mergeSkipped(reports.flatMap((report) => report.skipped));
  const sum = (count: (report: JsonReport) => number) => reports.reduce((total, report) => total + count(report), 0);
  return {
    version: JSON_REPORT_VERSION,
    tool,
    tsconfig: projects.find((project) => project.endsWith('.json')) ?? null,
    projects,
    config,
    summary: {
      filesAnalyzed: sum((report) => report.summary.filesAnalyzed),
      projects: projects.length,
      findings: findings.length,
      suppressed: sum((report) => report.summary.suppressed),
      suppressedInSource: sum((report) => report.summary.suppressedInSource),
      staleBaselineEntries: sum((report) => report.summary.staleBaselineEntries),
      errors: errors.length,
      skipped: skipped.length,
    },
    rules,
    findings,
    errors,
    missingTypes,
    skipped,
  };
}

/** Notes on code left out, once per file (shards that import one deep file each list it). */
function mergeSkipped(skipped: readonly FileError[]): FileError[] {
  const byFile = new Map<string, FileError>();
  for (const note of skipped) if (!byFile.has(note.file) || note.line !== undefined) byFile.set(note.file, note);
  return [...byFile.values()].sort(compareErrors);
}

/** File errors as they were, missing-types lines rebuilt from every shard's records. */
function mergeErrors(errors: readonly FileError[], missingTypes: readonly MissingTypesRecord[]): FileError[] {
  return [...errors.filter((error) => error.kind !== 'missing-types'), ...getMissingTypesErrors(missingTypes)].sort(compareErrors);
}

function getRunProperties(run: Sarif.Run): SarifRunProperties {
  return run.properties!['closewait'] as SarifRunProperties;
}

function mergeSarif(logs: readonly Sarif.Log[]): Sarif.Log {
  const runs = logs.map((log) => log.runs[0]!);
  const driver = assertSame(runs.map((run) => run.tool.driver), 'closewait version or the rules that ran');
  assertSame(runs.map((run) => run.originalUriBaseIds), 'the directory they ran in');
  const ruleIndex = new Map((driver.rules ?? []).map((rule, index) => [rule.id, index]));
  const results = runs
    .flatMap((run) => run.results ?? [])
    .map((result) => ({ ...result, ...(ruleIndex.has(result.ruleId ?? '') ? { ruleIndex: ruleIndex.get(result.ruleId ?? '')! } : {}) }))
    .sort(compareResults);

  const all = runs.flatMap((run) => run.invocations?.[0]?.toolExecutionNotifications ?? []);
  // Errors first, then the warnings about code left out, each sorted as one run sorts them.
  const notifications = all.filter((notification) => notification.level !== 'warning');
  const warnings = mergeSkipped(all.filter((notification) => notification.level === 'warning').map(toFileError)).map((note) => toSarifNotification(note, [], 'warning'));
  const missingTypes = notifications.flatMap((notification) => getMissingTypesRecords(notification)).sort(compareMissingTypes);
  const others = notifications.filter((notification) => getMissingTypesRecords(notification).length === 0).map((notification) => ({ notification, error: toFileError(notification) }));
  const rebuilt = getMissingTypesErrors(missingTypes).map((error) => ({ notification: toSarifNotification(error, missingTypes), error }));
  const errors = [...others, ...rebuilt].sort((a, b) => compareErrors(a.error, b.error)).map(({ notification }) => notification);
  const merged = [...errors, ...warnings];

  const properties = runs.map(getRunProperties);
  const closewait: SarifRunProperties = {
    filesAnalyzed: properties.reduce((total, run) => total + run.filesAnalyzed, 0),
    projects: [...new Set(properties.flatMap((run) => run.projects))].sort(compareStrings),
  };
  const first = runs[0]!;
  return {
    ...logs[0]!,
    runs: [
      {
        ...first,
        invocations: [{ ...first.invocations?.[0], executionSuccessful: errors.length === 0, toolExecutionNotifications: merged }],
        results,
        properties: { ...first.properties, closewait },
      },
    ],
  };
}

function getMissingTypesRecords(notification: Sarif.Notification): readonly MissingTypesRecord[] {
  const closewait = notification.properties?.['closewait'];
  return isPlainObject(closewait) && Array.isArray(closewait['missingTypes']) ? (closewait['missingTypes'] as MissingTypesRecord[]) : [];
}

/** The file error a notification stands for: enough to sort it as one run sorts its errors. */
function toFileError(notification: Sarif.Notification): FileError {
  const location = notification.locations?.[0]?.physicalLocation;
  const region = location?.region;
  return {
    file: location?.artifactLocation?.uri === undefined ? '' : decodeUri(location.artifactLocation.uri),
    ...(region?.startLine === undefined ? {} : { line: region.startLine }),
    ...(region?.startColumn === undefined ? {} : { column: region.startColumn }),
    message: notification.message.text ?? '',
  };
}

/** One run's order of results: the order of its findings (compare.ts), suppressed ones among them. */
function compareResults(a: Sarif.Result, b: Sarif.Result): number {
  const keyA = getResultKey(a);
  const keyB = getResultKey(b);
  return (
    compareStrings(keyA.file, keyB.file) ||
    keyA.line - keyB.line ||
    keyA.column - keyB.column ||
    compareStrings(a.ruleId ?? '', b.ruleId ?? '') ||
    compareStrings(a.message.text ?? '', b.message.text ?? '') ||
    compareStrings(keyA.fingerprint, keyB.fingerprint)
  );
}

function getResultKey(result: Sarif.Result): { file: string; line: number; column: number; fingerprint: string } {
  const location = result.locations?.[0]?.physicalLocation;
  return {
    file: decodeUri(location?.artifactLocation?.uri ?? ''),
    line: location?.region?.startLine ?? 0,
    column: location?.region?.startColumn ?? 0,
    fingerprint: Object.values(result.partialFingerprints ?? {})[0] ?? '',
  };
}

function decodeUri(uri: string): string {
  return uri.split('/').map(decodeURIComponent).join('/');
}
