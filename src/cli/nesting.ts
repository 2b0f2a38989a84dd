/**
 * Code nested too deeply for TypeScript. Its parser, binder and checker recurse once per level of
 * syntax, with several stack frames each: on Node's default stack the binder overflows at about 900
 * nested `if`s, the parser at about 1,000 nested parentheses, and the checker at about 450 nested
 * calls (microsoft/TypeScript#21720, #46119 "won't fix"). A binder overflow takes the whole program
 * down, and with it every other file's findings.
 *
 * So each file is measured before the program is built (an iterative walk: the depth comes from
 * the input). Code deeper than MAX_NESTING levels of syntax is given up on, one function at a time:
 * the body of the innermost function that holds it (or the top-level statement, outside functions)
 * is blanked in the program's copy of the file, with the same length and the same line breaks, so
 * every other position in the file is unchanged, and the rest of the file is analysed as usual.
 * Where TypeScript's parser itself overflows, the deep brackets are found with its scanner instead.
 * Only a file that still cannot be parsed is replaced by an empty module. Each is reported.
 *
 * Real code stays far below the limit: the deepest file among the ~4,000 JavaScript and TypeScript
 * files of this repository's node_modules nests 219 levels (a minified bundle); hand-written code
 * rarely passes 60.
 */
import { ts } from './typescript.js';

/** Levels of syntax (AST depth below the source file) that the analysis goes to; deeper code is skipped. */
export const MAX_NESTING = 300;

/** What was given up on in one file. */
export interface SkippedCode {
  /** 0-based offset of the first skipped function or statement, or undefined for the whole file. */
  readonly start: number | undefined;
  /** What was left out: "the function `deep`", "2 functions or statements (…)", "the file". */
  readonly what: string;
  /** A one-line note for a file the run analyses. */
  readonly message: string;
}

export interface NestingLimit {
  /** The text to give TypeScript: the file's own, or with its too-deep code blanked. */
  readonly text: string;
  readonly skipped: SkippedCode | undefined;
}

/** The empty module that stands in for a file TypeScript cannot parse (imports of it still resolve, to nothing). */
const EMPTY_MODULE = 'export {};\n';

/**
 * Parses `text` and blanks the code nested deeper than `maxNesting`. `parse` is how the caller
 * parses (so the program reuses that parse); it may throw a RangeError on a file too deep to parse.
 * When it does, the bracketed code nested deeper than `maxNesting` is emptied first (found with
 * TypeScript's scanner, which does not recurse), so that the rest of the file parses and the
 * functions holding that code can be found and given up on.
 */
export function limitNesting(text: string, parse: (text: string) => ts.SourceFile, maxNesting = MAX_NESTING): NestingLimit {
  const wholeFile: NestingLimit = {
    text: EMPTY_MODULE,
    skipped: { start: undefined, what: 'the file', message: `not analysed: the file nests more than ${maxNesting} levels deep, deeper than TypeScript's parser can follow` },
  };
  let layout = tryParse(parse, text);
  let cuts: readonly Range[] = [];
  if (!layout) {
    cuts = findDeepBrackets(text, maxNesting);
    layout = cuts.length > 0 ? tryParse(parse, blankRanges(text, cuts)) : undefined;
    if (!layout) return wholeFile;
  }
  const sourceFile = layout;
  const targets = mergeTargets([...findTooDeepTargets(sourceFile, maxNesting), ...cuts.map((cut) => findEnclosingTarget(sourceFile, cut.start))]);
  // No target for a cut (it fell outside every statement): the file itself does not parse.
  if (targets.length === 0) return cuts.length > 0 ? wholeFile : { text, skipped: undefined };

  // Positions in `layout` are those of `text`: blanking keeps every offset.
  const blanked = blankTargets(text, sourceFile, targets);
  const what =
    targets.length === 1
      ? describeTarget(sourceFile, targets[0]!, false)
      : `${targets.length} functions or statements (${targets.map((target) => describeTarget(sourceFile, target, true)).join(', ')})`;
  const skipped = {
    start: getOwner(targets[0]!).getStart(sourceFile),
    what,
    message: `not analysed: ${what}, nested more than ${maxNesting} levels deep (TypeScript itself cannot check code that deep); the rest of the file was analysed`,
  };
  // Blanking removes every too-deep node; should the result still not parse within the limit, give up on the file.
  const check = tryParse(parse, blanked);
  return check && findTooDeepTargets(check, maxNesting).length === 0 ? { text: blanked, skipped } : wholeFile;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

function tryParse(parse: (text: string) => ts.SourceFile, text: string): ts.SourceFile | undefined {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * The insides of the brackets (`(`, `[`, `{`, `${`) that open at depth `maxNesting`, outermost only.
 * A scan, not a parse: a `/` after a token that can end an expression is division, else a regular
 * expression; a `}` that closes a `${` resumes the template. Unbalanced text gives no ranges.
 */
function findDeepBrackets(text: string, maxNesting: number): Range[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const ranges: Range[] = [];
  const open: { template: boolean }[] = [];
  let cutFrom: number | undefined;
  let previous = ts.SyntaxKind.Unknown;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) {
      if (!endsExpression(previous)) token = scanner.reScanSlashToken();
    }
    if (token === ts.SyntaxKind.CloseBraceToken && open.at(-1)?.template) token = scanner.reScanTemplateToken(false);
    const opens = token === ts.SyntaxKind.OpenParenToken || token === ts.SyntaxKind.OpenBracketToken || token === ts.SyntaxKind.OpenBraceToken || token === ts.SyntaxKind.TemplateHead;
    const closes = token === ts.SyntaxKind.CloseParenToken || token === ts.SyntaxKind.CloseBracketToken || token === ts.SyntaxKind.CloseBraceToken || token === ts.SyntaxKind.TemplateTail;
    if (opens) {
      open.push({ template: token === ts.SyntaxKind.TemplateHead });
      if (open.length === maxNesting && cutFrom === undefined) cutFrom = scanner.getTokenEnd();
    } else if (closes) {
      if (open.length === 0) return [];
      if (open.length === maxNesting && cutFrom !== undefined) {
        ranges.push({ start: cutFrom, end: scanner.getTokenStart() });
        cutFrom = undefined;
      }
      open.pop();
    }
    previous = token;
  }
  return open.length === 0 ? ranges : [];
}

/** Tokens after which a `/` divides (an identifier, a literal, a closing bracket, `this`…). */
function endsExpression(token: ts.SyntaxKind): boolean {
  return (
    token === ts.SyntaxKind.Identifier ||
    token === ts.SyntaxKind.PrivateIdentifier ||
    token === ts.SyntaxKind.NumericLiteral ||
    token === ts.SyntaxKind.BigIntLiteral ||
    token === ts.SyntaxKind.StringLiteral ||
    token === ts.SyntaxKind.RegularExpressionLiteral ||
    token === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
    token === ts.SyntaxKind.TemplateTail ||
    token === ts.SyntaxKind.CloseParenToken ||
    token === ts.SyntaxKind.CloseBracketToken ||
    token === ts.SyntaxKind.CloseBraceToken ||
    token === ts.SyntaxKind.PlusPlusToken ||
    token === ts.SyntaxKind.MinusMinusToken ||
    token === ts.SyntaxKind.ThisKeyword ||
    token === ts.SyntaxKind.SuperKeyword ||
    token === ts.SyntaxKind.TrueKeyword ||
    token === ts.SyntaxKind.FalseKeyword ||
    token === ts.SyntaxKind.NullKeyword
  );
}

/** `text` with the insides of `ranges` replaced by spaces (line breaks kept). */
function blankRanges(text: string, ranges: readonly Range[]): string {
  let result = '';
  let position = 0;
  for (const range of ranges) {
    result += text.slice(position, range.start) + blank(text.slice(range.start, range.end));
    position = range.end;
  }
  return result + text.slice(position);
}

/** The body of the innermost function holding `position`, else the top-level statement holding it. */
function findEnclosingTarget(sourceFile: ts.SourceFile, position: number): ts.Node | undefined {
  let target: ts.Node | undefined;
  let node: ts.Node | undefined = sourceFile;
  // Iterative descent: the tree can still be deep.
  while (node) {
    let next: ts.Node | undefined;
    const current: ts.Node = node;
    ts.forEachChild(current, (child) => {
      if (next === undefined && child.pos <= position && position < child.end) next = child;
    });
    if (next && (current === sourceFile || (isFunctionWithBody(current) && current.body === next))) target = next;
    node = next;
  }
  return target;
}

/** Targets in source order, without those inside another. */
function mergeTargets(targets: readonly (ts.Node | undefined)[]): ts.Node[] {
  const sorted = [...new Set(targets.filter((target): target is ts.Node => target !== undefined))].sort((a, b) => a.pos - b.pos);
  return sorted.filter((target) => !sorted.some((other) => other !== target && other.pos <= target.pos && target.end <= other.end));
}

/**
 * The outermost-first list of what to blank: for each node deeper than `maxNesting`, the body of the
 * innermost function holding it, or the top-level statement holding it. Nested targets are merged.
 */
function findTooDeepTargets(sourceFile: ts.SourceFile, maxNesting: number): ts.Node[] {
  const targets = new Set<ts.Node>();
  // Iterative on purpose: the depth comes from the input. `target` is the innermost function body
  // or top-level statement strictly above the node: a body that is itself too deep goes with it.
  const stack: { node: ts.Node; depth: number; target: ts.Node | undefined }[] = [];
  for (const statement of sourceFile.statements) stack.push({ node: statement, depth: 1, target: undefined });
  while (stack.length > 0) {
    const { node, depth, target } = stack.pop()!;
    if (depth > maxNesting) {
      if (target) targets.add(target);
      continue;
    }
    const childTarget = node.parent === sourceFile || isFunctionBody(node) ? node : target;
    ts.forEachChild(node, (child) => {
      stack.push({ node: child, depth: depth + 1, target: childTarget });
    });
  }
  return mergeTargets([...targets]);
}

/** Whether `node` is the body of the function that holds it. */
function isFunctionBody(node: ts.Node): boolean {
  return node.parent !== undefined && isFunctionWithBody(node.parent) && node.parent.body === node;
}

function isFunctionWithBody(node: ts.Node): node is ts.FunctionLikeDeclaration & { body: ts.ConciseBody } {
  return ts.isFunctionLike(node) && 'body' in node && node.body !== undefined;
}

/**
 * `text` with each target's code replaced by spaces (line breaks kept). A function body becomes an
 * empty block in place: a block keeps its braces, an expression body gets `{` on its first
 * character and `}` on its last (neither is ever a line break).
 */
function blankTargets(text: string, sourceFile: ts.SourceFile, targets: readonly ts.Node[]): string {
  let result = '';
  let position = 0;
  for (const target of targets) {
    const start = target.getStart(sourceFile);
    const end = target.getEnd();
    result += text.slice(position, start);
    result += isFunctionBody(target) ? `{${blank(text.slice(start + 1, end - 1))}}` : blank(text.slice(start, end));
    position = end;
  }
  return result + text.slice(position);
}

/** Spaces for every character but line breaks, so lines and columns elsewhere stay the same. */
function blank(text: string): string {
  return text.replace(/[^\r\n\u2028\u2029]/g, ' ');
}

/** The function whose body `target` is, else the statement `target` itself. */
function getOwner(target: ts.Node): ts.Node {
  return isFunctionBody(target) ? target.parent : target;
}

/** "the function `deep`", "a function", "the statement", each followed by " on line N" when `withLine`. */
function describeTarget(sourceFile: ts.SourceFile, target: ts.Node, withLine: boolean): string {
  const owner = getOwner(target);
  const where = withLine ? ` on line ${sourceFile.getLineAndCharacterOfPosition(owner.getStart(sourceFile)).line + 1}` : '';
  if (owner === target) return `the statement${where}`;
  const name = getFunctionName(owner as ts.FunctionLikeDeclaration);
  return name === undefined ? `a function${where}` : `the function \`${name}\`${where}`;
}

function getFunctionName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name) || ts.isStringLiteral(fn.name))) return fn.name.text;
  if (ts.isConstructorDeclaration(fn)) return 'constructor';
  const parent = fn.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  return undefined;
}
