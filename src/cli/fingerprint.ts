/**
 * Finding identity for baselines and SARIF partialFingerprints: rule, file, the reported line's text
 * with whitespace normalised, and the resource's name. Line numbers are left out on purpose (also
 * from the name), so a finding keeps its identity when code above it moves.
 */
import { createHash } from 'node:crypto';

export interface FingerprintInput {
  readonly ruleId: string;
  readonly file: string;
  readonly source: string;
  readonly data: Readonly<Record<string, string>>;
}

/** A 32-hex-digit hash identifying the finding across line moves. */
export function getFingerprint(input: FingerprintInput): string {
  const parts = ['closewait/v1', input.ruleId, input.file, normalizeSource(input.source), getResourceName(input.data)];
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

/** The line's code with runs of whitespace collapsed, so re-indenting it does not change its identity. */
export function normalizeSource(source: string): string {
  return source.trim().replace(/\s+/g, ' ');
}

/**
 * The resource's name without positions: `data.name` when a rule provides it, else the code spans
 * of `data.resource` ("The net.Socket `s` created on line 4" → "`s`"), else that text with its
 * numbers blanked, since it may say where the resource was created.
 */
export function getResourceName(data: Readonly<Record<string, string>>): string {
  if (data['name'] !== undefined) return data['name'];
  const resource = data['resource'] ?? '';
  const spans = resource.match(/`[^`]*`/g);
  return spans ? spans.join(' ') : resource.replace(/\d+/g, '#');
}
