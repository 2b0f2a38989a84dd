/**
 * Code spans in message text (rule descriptions, messages, branch conditions), read as CommonMark
 * reads them: a run of n backticks opens a span that the next run of exactly n backticks closes, so
 * code that itself holds backticks (a template literal) is written with a longer fence:
 * "`` `a${b}` `` is true". One space is stripped from both ends of a span when both ends have one.
 * A run with no closing partner is literal text.
 */

export interface InlinePart {
  readonly kind: 'text' | 'code';
  readonly text: string;
}

/** `text` split into prose and code spans, in order; adjacent prose is merged. */
export function splitCodeSpans(text: string): InlinePart[] {
  const parts: InlinePart[] = [];
  const pushText = (value: string): void => {
    if (value === '') return;
    const last = parts.at(-1);
    if (last?.kind === 'text') parts[parts.length - 1] = { kind: 'text', text: last.text + value };
    else parts.push({ kind: 'text', text: value });
  };
  let position = 0;
  while (position < text.length) {
    const open = text.indexOf('`', position);
    if (open === -1) break;
    pushText(text.slice(position, open));
    const fence = getRunLength(text, open);
    const close = findClosingRun(text, open + fence, fence);
    if (close === -1) {
      pushText(text.slice(open, open + fence));
      position = open + fence;
      continue;
    }
    parts.push({ kind: 'code', text: stripPadding(text.slice(open + fence, close)) });
    position = close + fence;
  }
  pushText(text.slice(position));
  return parts;
}

/** `code` as a code span: a fence longer than any backtick run inside, padded when it starts or ends with one. */
export function toCodeSpan(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const padding = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${code}${padding}${fence}`;
}

function getRunLength(text: string, start: number): number {
  let end = start;
  while (text[end] === '`') end++;
  return end - start;
}

/** Start of the next run of exactly `length` backticks at or after `from`, or -1. */
function findClosingRun(text: string, from: number, length: number): number {
  let position = from;
  while (position < text.length) {
    const start = text.indexOf('`', position);
    if (start === -1) return -1;
    const run = getRunLength(text, start);
    if (run === length) return start;
    position = start + run;
  }
  return -1;
}

function stripPadding(code: string): string {
  return code.length >= 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '' ? code.slice(1, -1) : code;
}
