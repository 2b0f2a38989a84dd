import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { limitNesting, MAX_NESTING } from '../../src/cli/nesting.js';
import { repoRoot } from './helpers.js';

const parse = (text: string) => ts.createSourceFile('/project/src/deep.ts', text, ts.ScriptTarget.Latest, true);

/** `if (x > i) {` n times, then a return, then the closing braces: 2n levels of syntax. */
const nestedIfs = (n: number) => `${Array.from({ length: n }, (_, i) => `if (x > ${i}) {\n`).join('')}return 1;\n${'}\n'.repeat(n)}`;

const after = `
export function after(port: number): void {
  const socket = net.connect(port);
  socket.end();
}
`;

function file(body: string): string {
  return `import net from 'node:net';\nexport function deep(x: number): number {\n${body}  return 0;\n}\n${after}`;
}

/** TypeScript's syntax errors in `text`. */
const getSyntaxErrors = (text: string) => (ts.transpileModule(text, { reportDiagnostics: true }).diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));

/** The text with every character but line breaks compared: blanking must keep lengths and lines. */
const lineLengths = (text: string) => text.split('\n').map((line) => line.length);

describe('limitNesting', () => {
  it('leaves ordinary code alone', () => {
    const text = file(nestedIfs(10));
    expect(limitNesting(text, parse)).toEqual({ text, skipped: undefined });
  });

  it('blanks the body of a function nested deeper than the limit, keeping every position', () => {
    const text = file(nestedIfs(1_000));
    const { text: limited, skipped } = limitNesting(text, parse);
    expect(skipped).toEqual({
      start: text.indexOf('export function deep'),
      what: 'the function `deep`',
      message: `not analysed: the function \`deep\`, nested more than ${MAX_NESTING} levels deep (TypeScript itself cannot check code that deep); the rest of the file was analysed`,
    });
    expect(limited).toHaveLength(text.length);
    expect(lineLengths(limited)).toEqual(lineLengths(text));
    expect(limited.slice(0, limited.indexOf('{') + 1)).toBe(text.slice(0, text.indexOf('{') + 1));
    const body = limited.split('\n').slice(2, 2 + 2 * 1_000 + 2);
    expect(body.every((line) => line.trim() === '')).toBe(true);
    expect(limited.endsWith(`}\n${after}`)).toBe(true);
    expect(getSyntaxErrors(limited)).toEqual([]);
  });

  it('finds the function with the scanner when TypeScript cannot even parse the file (deep parentheses)', () => {
    const text = file(`  x = ${'('.repeat(5_000)}x${')'.repeat(5_000)};\n`);
    expect(() => parse(text)).toThrow(RangeError);
    const { text: limited, skipped } = limitNesting(text, parse);
    expect(skipped?.message).toMatch(/^not analysed: the function `deep`, nested more than/);
    expect(limited).toHaveLength(text.length);
    expect(limited).not.toContain('(((');
    expect(limited.endsWith(`}\n${after}`)).toBe(true);
    expect(getSyntaxErrors(limited)).toEqual([]);
  });

  it('blanks a top-level statement nested too deeply', () => {
    const text = `export const table = ${'{ a: '.repeat(400)}1${' }'.repeat(400)};\n${after}`;
    const { text: limited, skipped } = limitNesting(text, parse);
    expect(skipped?.message).toMatch(/^not analysed: the statement, nested more than/);
    expect(limited.trimStart().startsWith('export function after')).toBe(true);
  });

  it('turns a too-deep expression body into an empty block', () => {
    const text = `export const deep = (x: number) => ${'('.repeat(400)}x${')'.repeat(400)};\n${after}`;
    const { text: limited, skipped } = limitNesting(text, parse);
    expect(skipped?.message).toMatch(/^not analysed: the function `deep`, nested/);
    expect(limited).toMatch(/^export const deep = \(x: number\) => \{ +\};\n/);
    expect(getSyntaxErrors(limited)).toEqual([]);
  });

  it('names every function it gives up on, with its line', () => {
    const text = `${file(nestedIfs(400))}export function other(x: number): number {\n${nestedIfs(400)}  return 0;\n}\n`;
    const { skipped } = limitNesting(text, parse);
    expect(skipped?.message).toMatch(/^not analysed: 2 functions or statements \(the function `deep` on line 2, the function `other` on line \d+\), nested/);
  });

  it('keeps lengths, line breaks and syntax, and leaves nothing too deep, whatever the limit (our own sources and awkward shapes)', () => {
    const sources = ['src/cli/nesting.ts', 'src/cli/main.ts', 'src/engine/cfg/build.ts', 'src/reporters/html.ts', 'test/cli/nesting.test.ts'];
    // Function bodies that are themselves the first too-deep node, and expression bodies that open a line.
    const shapes = {
      'nested arrows': 'export const f = () => {\n  return () => {\n    return () => {\n      return (x: number) => {\n        return x + 1;\n      };\n    };\n  };\n};\n',
      'multi-line expression bodies': 'export const some = (list: number[]) => list.some((item) => (\n  item > 1 &&\n  item < (\n    10\n  )\n));\n',
    };
    const texts = [...sources.map((source) => [source, readFileSync(path.join(repoRoot, source), 'utf8')] as const), ...Object.entries(shapes)];
    let skips = 0;
    for (const [source, text] of texts) {
      for (const limit of [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 20]) {
        const { text: limited, skipped } = limitNesting(text, parse, limit);
        if (limited === 'export {};\n') throw new Error(`${source} at ${limit}: gave up on the whole file`);
        if (skipped) skips++;
        expect(lineLengths(limited), `${source} at ${limit}`).toEqual(lineLengths(text));
        expect(getSyntaxErrors(limited), `${source} at ${limit}`).toEqual([]);
        expect(limitNesting(limited, parse, limit).skipped, `${source} at ${limit}`).toBeUndefined();
      }
    }
    expect(skips).toBeGreaterThan(10);
  });

  it('gives up on the whole file only when even the scanner finds no way to parse it', () => {
    // A chain of else-ifs has no brackets to empty: TypeScript's parser recurses once per `else if`.
    const chain = `if (x === -1) { return 1; }\n${Array.from({ length: 20_000 }, (_, i) => ` else if (x === ${i}) { return ${i}; }\n`).join('')}`;
    const text = file(chain);
    expect(() => parse(text)).toThrow(RangeError);
    expect(limitNesting(text, parse)).toEqual({
      text: 'export {};\n',
      skipped: { start: undefined, what: 'the file', message: `not analysed: the file nests more than ${MAX_NESTING} levels deep, deeper than TypeScript's parser can follow` },
    });
  });
});
