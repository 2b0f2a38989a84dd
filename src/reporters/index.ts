/** Every report format by name: `--format <name>` picks one; reporters are pure functions over a RunResult. */
import { formatHtml, formatHtmlRun } from './html.js';
import { formatJson, formatJsonRun } from './json.js';
import { formatMarkdown, formatMarkdownRun } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish, formatStylishRun } from './stylish.js';
import type { CountedReporter, Reporter } from './types.js';

export const reporters = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  markdown: formatMarkdown,
  html: formatHtml,
} satisfies Record<string, Reporter>;

export type FormatName = keyof typeof reporters;

/**
 * The formats a CountedRun is enough for: every one but SARIF, whose log lists the findings
 * eslint-disable silenced and names the run's directory. `closewait merge` makes these from JSON reports.
 */
export const countedReporters = {
  stylish: formatStylishRun,
  json: formatJsonRun,
  markdown: formatMarkdownRun,
  html: formatHtmlRun,
} satisfies Partial<Record<FormatName, CountedReporter>>;

export const formatNames = Object.keys(reporters) as FormatName[];

/** The reporter called `name`, or undefined for an unknown name. */
export function getReporter(name: string): Reporter | undefined {
  return Object.hasOwn(reporters, name) ? reporters[name as FormatName] : undefined;
}

export type { CountedReporter, CountedRun, Reporter, ReporterContext } from './types.js';
