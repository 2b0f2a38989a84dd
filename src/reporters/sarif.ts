/**
 * SARIF 2.1.0 for code scanning (GitHub and others): the rules that ran as `tool.driver.rules`,
 * one result per finding with a location relative to `%SRCROOT%`, the leaking path as a code flow,
 * the fingerprint as a partial fingerprint, suggestions as fixes, findings silenced by an
 * `eslint-disable` directive as results with an `inSource` suppression, unanalysable files as
 * tool-execution notifications. One run covers every project. The run's property bag carries what
 * `closewait merge` needs to turn shards' logs into the log of one run: files analysed, projects,
 * the shard, and the files behind each missing-types notification.
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { FileError, MissingTypesRecord, ReportedFinding, ReportedPathStep, ReportedRule, RunResult, SourceLocation, SuppressedInSource } from '../cli/result.js';
import { compareFindings } from '../cli/compare.js';
import type { Reporter } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** Key of our fingerprint in `partialFingerprints` (versioned, as SARIF recommends). */
export const FINGERPRINT_KEY = 'closewait/v1';
const INFORMATION_URI = 'https://github.com/closewait/eslint-plugin-closewait';

/** The SARIF log of `result`, pretty-printed. */
export const formatSarif: Reporter = (result, { version }) => {
  const ruleIndex = new Map(result.rules.map((rule, index) => [rule.id, index]));
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'closewait',
            version,
            semanticVersion: version,
            informationUri: INFORMATION_URI,
            rules: result.rules.map(toReportingDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(`${result.root}/`).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: result.errors.length === 0,
            toolExecutionNotifications: [
              ...result.errors.map((error) => toSarifNotification(error, result.missingTypes, 'error')),
              ...result.skipped.map((skipped) => toSarifNotification(skipped, result.missingTypes, 'warning')),
            ],
          },
        ],
        results: [...result.findings, ...result.suppressedInSource].sort(compareFindings).map((finding) => toResult(finding, ruleIndex.get(finding.ruleId))),
        properties: { closewait: getRunProperties(result) },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function toReportingDescriptor(rule: ReportedRule): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    helpUri: rule.helpUri,
    help: { text: `${rule.description}. See ${rule.helpUri}`, markdown: `${rule.description}. [Documentation](${rule.helpUri})` },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['reliability', 'correctness', 'resource-leak'], precision: 'high', 'problem.severity': 'error', recommended: rule.recommended },
  };
}

/** The run's `properties.closewait`: what a merge adds up (see merge.ts). */
export interface SarifRunProperties {
  readonly filesAnalyzed: number;
  readonly projects: readonly string[];
  readonly shard?: RunResult['shard'];
}

function getRunProperties(result: RunResult): SarifRunProperties {
  return { filesAnalyzed: result.filesAnalyzed, projects: result.projects, ...(result.shard ? { shard: result.shard } : {}) };
}

function toResult(finding: ReportedFinding | SuppressedInSource, ruleIndex: number | undefined): Sarif.Result {
  const result: Sarif.Result = {
    ruleId: finding.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: 'error',
    message: { text: finding.message },
    locations: [{ physicalLocation: toPhysicalLocation(finding, finding.source) }],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
  };
  if ('justifications' in finding) {
    const justification = finding.justifications.filter((text) => text !== '').join('; ');
    result.suppressions = [{ kind: 'inSource', ...(justification === '' ? {} : { justification }) }];
  }
  if (finding.path.length > 0) result.codeFlows = [toCodeFlow(finding.path)];
  if (finding.suggestions.length > 0) result.fixes = finding.suggestions.map((suggestion) => toFix(finding.file, suggestion));
  return result;
}

function toCodeFlow(steps: readonly ReportedPathStep[]): Sarif.CodeFlow {
  return {
    message: { text: 'leaking path' },
    threadFlows: [
      {
        locations: steps.map((step, index) => ({
          location: { physicalLocation: toPhysicalLocation(step, step.source), message: { text: step.message } },
          kinds: [step.role],
          executionOrder: index + 1,
          importance: 'essential',
          nestingLevel: 0,
        })),
      },
    ],
  };
}

function toFix(file: string, suggestion: ReportedFinding['suggestions'][number]): Sarif.Fix {
  return {
    description: { text: suggestion.message },
    artifactChanges: [
      {
        artifactLocation: toArtifactLocation(file),
        replacements: suggestion.edits.map((edit) => ({
          deletedRegion: { charOffset: edit.range[0], charLength: edit.range[1] - edit.range[0] },
          insertedContent: { text: edit.text },
        })),
      },
    ],
  };
}

/** A file error; a missing-types line carries its records (`properties.closewait.missingTypes`), so merged logs can recount them. */
export function toSarifNotification(error: FileError, missingTypes: readonly MissingTypesRecord[], level: 'error' | 'warning' = 'error'): Sarif.Notification {
  const region = error.line === undefined ? undefined : { startLine: error.line, ...(error.column === undefined ? {} : { startColumn: error.column }) };
  const first = error.kind === 'missing-types' ? missingTypes.find((record) => record.file === error.file && record.line === error.line && record.column === error.column) : undefined;
  return {
    level,
    message: { text: error.message },
    ...(error.file === '' ? {} : { locations: [{ physicalLocation: { artifactLocation: toArtifactLocation(error.file), ...(region ? { region } : {}) } }] }),
    ...(first ? { properties: { closewait: { missingTypes: missingTypes.filter((record) => record.key === first.key) } } } : {}),
  };
}

function toPhysicalLocation(location: SourceLocation, snippet: string): Sarif.PhysicalLocation {
  return {
    artifactLocation: toArtifactLocation(location.file),
    region: {
      startLine: location.line,
      startColumn: location.column,
      endLine: location.endLine,
      endColumn: location.endColumn,
    },
    // The whole first line, for viewers that show context (a region's own snippet must be exactly its text).
    contextRegion: { startLine: location.line, endLine: location.line, snippet: { text: snippet } },
  };
}

/** A relative URI: each path segment percent-encoded, `/` kept. */
function toArtifactLocation(file: string): Sarif.ArtifactLocation {
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}
