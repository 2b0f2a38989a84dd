/** Every report format by name: `--format <name>` picks one; reporters are pure functions over a RunResult. */
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { Reporter } from './types.js';

export const reporters = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  markdown: formatMarkdown,
  html: formatHtml,
} satisfies Record<string, Reporter>;

export type FormatName = keyof typeof reporters;

export const formatNames = Object.keys(reporters) as FormatName[];

/** The reporter called `name`, or undefined for an unknown name. */
export function getReporter(name: string): Reporter | undefined {
  return Object.hasOwn(reporters, name) ? reporters[name as FormatName] : undefined;
}

export type { Reporter, ReporterContext } from './types.js';
