/**
 * The comments of a source file, as ESLint sees them: every `//` and `/* *\/` comment between
 * tokens (not inside strings, templates, regular expressions or JSX text), with 1-based positions.
 * Tokens come from the parser's tree (`getChildren`), so the scanner never has to guess whether a
 * `/` starts a regular expression.
 */
import { ts } from '../typescript.js';

export interface SourceComment {
  readonly type: 'Line' | 'Block';
  /** The text between the delimiters. */
  readonly value: string;
  /** 1-based line and column of the first character of the comment (ESLint's `loc.start`). */
  readonly line: number;
  readonly column: number;
  /** 1-based line of its last character. */
  readonly endLine: number;
  /** Offsets in the file's text. */
  readonly range: readonly [number, number];
}

/** Every comment of `sourceFile`, in source order. */
export function getComments(sourceFile: ts.SourceFile): SourceComment[] {
  const { text } = sourceFile;
  const found = new Map<number, ts.CommentRange>();
  const collect = (pos: number): void => {
    for (const range of [...(ts.getLeadingCommentRanges(text, pos) ?? []), ...(ts.getTrailingCommentRanges(text, pos) ?? [])]) {
      found.set(range.pos, range);
    }
  };
  const visit = (node: ts.Node): void => {
    const children = node.getChildren(sourceFile);
    if (children.length === 0) {
      // JSX text starts right at its position: what looks like a comment there is text.
      if (node.kind !== ts.SyntaxKind.JsxText) collect(node.pos);
      return;
    }
    for (const child of children) if (!ts.isJSDoc(child)) visit(child);
  };
  visit(sourceFile);
  return [...found.values()].sort((a, b) => a.pos - b.pos).map((range) => toComment(sourceFile, range));
}

function toComment(sourceFile: ts.SourceFile, range: ts.CommentRange): SourceComment {
  const isLine = range.kind === ts.SyntaxKind.SingleLineCommentTrivia;
  const start = sourceFile.getLineAndCharacterOfPosition(range.pos);
  const end = sourceFile.getLineAndCharacterOfPosition(range.end);
  return {
    type: isLine ? 'Line' : 'Block',
    value: sourceFile.text.slice(range.pos + 2, isLine ? range.end : range.end - 2),
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    range: [range.pos, range.end],
  };
}
