/**
 * Every ```ts example in docs/rules/<id>.md is linted with the real ESLint class and typed
 * typescript-eslint parsing: examples under `### Incorrect` must report the page's rule, examples
 * under `### Correct` must report nothing, and every example must parse and type-check.
 * All examples are compiled once, each as its own virtual module next to the fixture tsconfig, into
 * one ts.Program that both the type check and the linter use (typescript-eslint's `programs`
 * option): no watch program re-reading one file under changing text, so no stale type information
 * under load.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseTsconfig } from '../tsconfig-programs.js';
import plugin from '../../src/index.js';
import { rules } from '../../rules/index.js';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const docsDir = path.join(rootDir, 'docs', 'rules');
const fixtureDir = path.join(rootDir, 'test', 'fixtures', 'docs');
const tsconfigPath = path.join(fixtureDir, 'tsconfig.json');

type Section = 'incorrect' | 'correct' | 'other';

interface Example {
  readonly ruleId: string;
  /** 1-based line of the opening fence in the docs page. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  readonly section: Section;
}

/** Fenced code blocks of a docs page, with the `### Incorrect` / `### Correct` section they sit in. */
function getExamples(ruleId: string, markdown: string): Example[] {
  const examples: Example[] = [];
  let h2 = '';
  let h3 = '';
  let fence: { marker: string; lang: string; line: number; lines: string[] } | undefined;
  for (const [index, line] of markdown.split('\n').entries()) {
    if (fence) {
      const closing = /^\s{0,3}(`{3,}|~{3,})\s*$/u.exec(line)?.[1];
      if (closing !== undefined && closing[0] === fence.marker[0] && closing.length >= fence.marker.length) {
        const section = h2 === 'Examples' && h3 === 'Incorrect' ? 'incorrect' : h2 === 'Examples' && h3 === 'Correct' ? 'correct' : 'other';
        examples.push({ ruleId, line: fence.line, lang: fence.lang, code: `${fence.lines.join('\n')}\n`, section });
        fence = undefined;
      } else {
        fence.lines.push(line);
      }
      continue;
    }
    const opening = /^\s{0,3}(`{3,}|~{3,})\s*([\w-]*)/u.exec(line);
    if (opening) {
      fence = { marker: opening[1]!, lang: opening[2]!, line: index + 1, lines: [] };
      continue;
    }
    const heading = /^(#{2,3})\s+(.*?)\s*$/u.exec(line);
    if (heading?.[1] === '##') {
      h2 = heading[2]!;
      h3 = '';
    } else if (heading?.[1] === '###') {
      h3 = heading[2]!;
    }
  }
  return examples;
}

const isTypeScript = (example: Example): boolean => example.lang === 'ts' || example.lang === 'typescript';

const ruleIds = Object.keys(rules).filter((id) => readdirSync(docsDir).includes(`${id}.md`));
const examplesByRule = new Map(
  ruleIds.map((id) => [id, getExamples(id, readFileSync(path.join(docsDir, `${id}.md`), 'utf8'))] as const),
);

/** An ESLint instance with only `closewait/<ruleId>` enabled, typed by the examples' program. */
function createESLint(ruleId: string, program: ts.Program): ESLint {
  return new ESLint({
    cwd: fixtureDir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tsParser as Linter.Parser,
          parserOptions: { programs: [program] },
        },
        plugins: { closewait: plugin as unknown as ESLint.Plugin },
        rules: { [`closewait/${ruleId}`]: 'error' },
      },
    ],
  });
}

async function getLintMessages(eslint: ESLint, example: Example): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(example.code, { filePath: getExamplesProgram().fileNames.get(example)! });
  return result?.messages ?? [];
}

const formatMessages = (messages: readonly Linter.LintMessage[]): string =>
  messages.map((m) => `  ${m.line}:${m.column} ${m.ruleId ?? '(fatal)'} ${m.message}`).join('\n') || '  (none)';

interface ExamplesProgram {
  readonly program: ts.Program;
  readonly fileNames: ReadonlyMap<Example, string>;
}

/** Every example compiled as its own module next to the fixture tsconfig, in one program. */
function createExamplesProgram(examples: readonly Example[]): ExamplesProgram {
  const parsed = parseTsconfig(tsconfigPath);
  const fileNames = new Map(
    examples.map((example) => [example, path.join(fixtureDir, `__${example.ruleId}-line-${example.line}.ts`)] as const),
  );
  const virtualFiles = new Map([...fileNames].map(([example, fileName]) => [fileName, example] as const));
  const host = ts.createCompilerHost(parsed.options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    const example = virtualFiles.get(path.resolve(fileName));
    return example
      ? ts.createSourceFile(fileName, example.code, languageVersionOrOptions, true)
      : getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
  };
  host.fileExists = (fileName) => virtualFiles.has(path.resolve(fileName)) || fileExists(fileName);
  host.readFile = (fileName) => virtualFiles.get(path.resolve(fileName))?.code ?? readFile(fileName);
  const program = ts.createProgram({ rootNames: [...virtualFiles.keys()], options: parsed.options, host });
  return { program, fileNames };
}

let examplesProgram: ExamplesProgram | undefined;
function getExamplesProgram(): ExamplesProgram {
  examplesProgram ??= createExamplesProgram([...examplesByRule.values()].flat().filter(isTypeScript));
  return examplesProgram;
}

/** TypeScript diagnostics of one example (empty when it type-checks). */
function getExampleTypeDiagnostics(example: Example): string {
  const { program, fileNames } = getExamplesProgram();
  const formatHost: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (fileName) => fileName,
    getCurrentDirectory: () => fixtureDir,
    getNewLine: () => '\n',
  };
  const sourceFile = program.getSourceFile(fileNames.get(example)!);
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...(sourceFile ? [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)] : []),
  ];
  return ts.formatDiagnostics(diagnostics, formatHost);
}

describe.each(ruleIds)('docs/rules/%s.md examples', (ruleId) => {
  const examples = examplesByRule.get(ruleId) ?? [];
  let eslint: ESLint | undefined;
  const getESLint = (): ESLint => (eslint ??= createESLint(ruleId, getExamplesProgram().program));

  it('has at least one incorrect and one correct example', () => {
    expect(examples.filter((example) => example.section === 'incorrect').length).toBeGreaterThan(0);
    expect(examples.filter((example) => example.section === 'correct').length).toBeGreaterThan(0);
  });

  it('writes the incorrect and correct examples in ```ts fences', () => {
    const nonTs = examples.filter((example) => example.section !== 'other' && !isTypeScript(example));
    expect(nonTs.map((example) => `line ${example.line}: \`\`\`${example.lang}`)).toEqual([]);
  });

  for (const example of examples.filter(isTypeScript)) {
    const where = `${example.section} example at line ${example.line}`;

    it(`${where} type-checks`, () => {
      expect(getExampleTypeDiagnostics(example), example.code).toBe('');
    });

    if (example.section === 'incorrect') {
      it(`${where} reports closewait/${ruleId}`, async () => {
        const messages = await getLintMessages(getESLint(), example);
        const fatal = messages.filter((message) => message.fatal);
        const reports = messages.filter((message) => message.ruleId === `closewait/${ruleId}`);
        const details = `${example.code}\nmessages:\n${formatMessages(messages)}`;
        expect(fatal, details).toEqual([]);
        expect(reports.length, details).toBeGreaterThan(0);
      });
    } else {
      it(`${where} reports nothing`, async () => {
        const messages = await getLintMessages(getESLint(), example);
        expect(messages, `${example.code}\nmessages:\n${formatMessages(messages)}`).toEqual([]);
      });
    }
  }
});
