/**
 * ESLint's disable directives, read the way ESLint reads them (lib/languages/js/source-code and
 * lib/linter/linter.js): `eslint-disable` / `eslint-enable` in block comments, `eslint-disable-line`
 * and `eslint-disable-next-line` in either kind, a rule list separated by commas (quotes allowed),
 * a `-- reason` after it. The comment grammar is ESLint's own parser (`ConfigCommentParser` from
 * @eslint/plugin-kit). A multi-line `eslint-disable-line` is not a directive (ESLint reports it and
 * ignores it). Rule ids of other plugins are kept only to word unused-directive messages as ESLint
 * does: the CLI runs closewait's rules alone, so it treats the others as rules it does not know.
 */
import { createRequire } from 'node:module';
import type { ConfigCommentParser } from '@eslint/plugin-kit';
import type { SourceComment } from './comments.js';

export type DirectiveType = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

/** One comment's directive: ESLint's `parentDirective`. */
export interface DirectiveComment {
  readonly comment: SourceComment;
  readonly type: DirectiveType;
  /** Every rule id the comment lists, as written (`closewait/no-leaked-socket`, `other/rule`); empty for a bare directive. */
  readonly ruleIds: readonly string[];
  readonly justification: string;
}

/** A directive for one rule (or every rule, `ruleId: null`), at ESLint's 1-based position for its type. */
export interface Directive {
  readonly parent: DirectiveComment;
  readonly type: DirectiveType;
  readonly ruleId: string | null;
  readonly line: number;
  readonly column: number;
}

let commentParser: ConfigCommentParser | undefined;
/** ESLint's comment parser, loaded when a file first has a comment that may be a directive (most files have none). */
function getParser(): ConfigCommentParser {
  if (!commentParser) {
    const kit = createRequire(import.meta.url)('@eslint/plugin-kit') as typeof import('@eslint/plugin-kit');
    commentParser = new kit.ConfigCommentParser();
  }
  return commentParser;
}
/** ESLint's shared/directives.js: the labels that make a comment an inline-config comment. */
const DIRECTIVE_LABEL = /^(eslint(?:-env|-enable|-disable(?:(?:-next)?-line)?)?|exported|globals?)(?:\s|$)/u;
const LINE_COMMENT_LABEL = /^eslint-disable-(?:next-)?line$/u;

/**
 * The disable directives of `comments` for the rules `isKnownRule` accepts (ESLint creates
 * directives only for rules it has loaded); a bare directive applies to every rule.
 */
export function getDirectives(comments: readonly SourceComment[], isKnownRule: (ruleId: string) => boolean): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const parent = parseDirectiveComment(comment);
    if (!parent) continue;
    const ruleIds = parent.ruleIds.length > 0 ? parent.ruleIds : [null];
    for (const ruleId of ruleIds) {
      if (ruleId !== null && !isKnownRule(ruleId)) continue;
      // disable-next-line counts from the comment's last line; the others from its start.
      const line = parent.type === 'disable-next-line' ? comment.endLine : comment.line;
      directives.push({ parent, type: parent.type, ruleId, line, column: comment.column });
    }
  }
  return directives;
}

function parseDirectiveComment(comment: SourceComment): DirectiveComment | undefined {
  const parsed = getParser().parseDirective(comment.value);
  if (!parsed || !DIRECTIVE_LABEL.test(parsed.label)) return undefined;
  if (comment.type === 'Line' && !LINE_COMMENT_LABEL.test(parsed.label)) return undefined;
  if (parsed.label === 'eslint-disable-line' && comment.line !== comment.endLine) return undefined;
  switch (parsed.label) {
    case 'eslint-disable':
    case 'eslint-enable':
    case 'eslint-disable-line':
    case 'eslint-disable-next-line':
      return {
        comment,
        type: parsed.label.slice('eslint-'.length) as DirectiveType,
        ruleIds: Object.keys(getParser().parseListConfig(parsed.value)),
        justification: parsed.justification,
      };
    default:
      return undefined;
  }
}
