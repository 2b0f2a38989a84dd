/**
 * SARIF 2.1.0 for code scanning (GitHub and others): the rules that ran as `tool.driver.rules`,
 * one result per finding with a location relative to `%SRCROOT%`, the leaking path as a code flow,
 * the fingerprint as a partial fingerprint, suggestions as fixes, unanalysable files as
 * tool-execution notifications.
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { FileError, ReportedFinding, ReportedPathStep, ReportedRule, SourceLocation } from '../cli/result.js';
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
            toolExecutionNotifications: [...result.errors.map((error) => toNotification(error, 'error')), ...result.skipped.map((skipped) => toNotification(skipped, 'warning'))],
          },
        ],
        results: result.findings.map((finding) => toResult(finding, ruleIndex.get(finding.ruleId))),
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

function toResult(finding: ReportedFinding, ruleIndex: number | undefined): Sarif.Result {
  const result: Sarif.Result = {
    ruleId: finding.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: 'error',
    message: { text: finding.message },
    locations: [{ physicalLocation: toPhysicalLocation(finding, finding.source) }],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
  };
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

function toNotification(error: FileError, level: 'error' | 'warning'): Sarif.Notification {
  const region = error.line === undefined ? undefined : { startLine: error.line, ...(error.column === undefined ? {} : { startColumn: error.column }) };
  return {
    level,
    message: { text: error.message },
    ...(error.file === '' ? {} : { locations: [{ physicalLocation: { artifactLocation: toArtifactLocation(error.file), ...(region ? { region } : {}) } }] }),
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
