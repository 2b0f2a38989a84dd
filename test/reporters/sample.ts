/**
 * Hand-made findings on real TypeScript nodes (an in-memory ts-morph project), turned into a
 * RunResult by the CLI's own conversion: reporter tests do not depend on the engine's output.
 */
import { Project, ts } from 'ts-morph';
import type { Finding } from '../../src/engine/index.js';
import { toReportedFinding } from '../../src/cli/findings.js';
import type { RunResult } from '../../src/cli/result.js';
import type { RuleMeta } from '../../src/cli/rule-catalog.js';
import { compareFindings } from '../../src/cli/run.js';

export const ROOT = '/project';

export const sampleRule: RuleMeta = {
  id: 'no-leaked-socket',
  description: 'Require every socket to be released or handed off on every path',
  helpUri: 'https://example.com/docs/rules/no-leaked-socket.md',
  recommended: true,
  strict: true,
  strictOptions: {},
  type: 'problem',
  messages: {
    leakAtExit: '{{resource}} leaks: this {{exit}} leaves it open without {{release}}.',
    leakAtEnd: '{{resource}} leaks: {{where}} can end without {{release}} on some path.',
    insertRelease: 'Call `{{call}}` before this {{exit}}.',
  },
  optionsSchema: undefined,
  defaultOptions: {},
};

const earlyReturn = `import net from 'node:net';

export function send(x: boolean): void {
  const s = net.connect(80);
  if (x) return;
  s.end();
}
`;

// Source that must be escaped everywhere: markup, pipes and backticks.
const tricky = `import net from 'node:net';

export function tag(): string {
  const conn = net.connect(80);
  return '<script>alert("|x|")</script>' + \`\${conn.remotePort}\`;
}
`;

const fallOff = `import net from 'node:net';

export function open(): void {
  const socket = net.connect({ port: 80 });
  socket.write('ping');
}
`;

let cached: Record<string, ts.SourceFile> | undefined;

/** The sample files, parsed once per test file (building a program takes a few hundred milliseconds). */
function createSourceFiles(): Record<string, ts.SourceFile> {
  if (cached) return cached;
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
  const files = { 'src/early-return.ts': earlyReturn, 'src/markup/tricky.ts': tricky, 'lib/fall-off.ts': fallOff };
  for (const [name, text] of Object.entries(files)) project.createSourceFile(`${ROOT}/${name}`, text);
  const program = project.getProgram().compilerObject;
  cached = Object.fromEntries(Object.keys(files).map((name) => [name, program.getSourceFile(`${ROOT}/${name}`)!]));
  return cached;
}

/** The node at the `occurrence`-th `text` in the file: the one whose text is exactly `text`, else the outermost starting there. */
function nodeAt(file: ts.SourceFile, text: string, occurrence = 0): ts.Node {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = file.text.indexOf(text, start + 1);
  let exact: ts.Node | undefined;
  let outermost: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (node.getStart(file) === start && node !== file) {
      if (node.getText(file) === text) exact ??= node;
      outermost ??= node;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const found = exact ?? outermost;
  if (!found) throw new Error(`no node at ${text}`);
  return found;
}

/** Three findings in three files (two directories), one with a suggestion, one with hostile text. */
export function createSampleResult(overrides: Partial<RunResult> = {}): RunResult {
  const files = createSourceFiles();
  const early = files['src/early-return.ts']!;
  const trickyFile = files['src/markup/tricky.ts']!;
  const fall = files['lib/fall-off.ts']!;
  const returnNode = nodeAt(early, 'return;');
  const findings: Finding[] = [
    {
      check: 'no-leaked-socket',
      messageId: 'leakAtExit',
      data: { resource: 'The net.Socket `s` created on line 4', exit: 'return', release: 'end() or destroy()' },
      node: returnNode,
      path: [
        { node: nodeAt(early, 'net.connect(80)'), role: 'acquire', message: 'created here' },
        { node: nodeAt(early, 'x) return'), role: 'branch', message: '`x` is true' },
        { node: returnNode, role: 'exit', message: 'return with it still open' },
      ],
      suggestions: [
        { messageId: 'insertRelease', data: { call: 's.end()', exit: 'return' }, edits: [{ range: [returnNode.getStart(early), returnNode.getStart(early)], text: 's.end(); ' }] },
      ],
    },
    {
      check: 'no-leaked-socket',
      messageId: 'leakAtExit',
      data: { resource: 'The net.Socket `conn|<b>` <i>', exit: 'return', release: 'end()' },
      node: nodeAt(trickyFile, 'return'),
      path: [
        { node: nodeAt(trickyFile, 'net.connect(80)'), role: 'acquire', message: 'created here' },
        { node: nodeAt(trickyFile, 'return'), role: 'exit', message: 'return <with> it still "open" | &' },
      ],
      suggestions: [],
    },
    {
      check: 'no-leaked-socket',
      messageId: 'leakAtEnd',
      data: { resource: 'The net.Socket `socket` created on line 4', where: 'the function', release: 'end() or destroy()' },
      node: nodeAt(fall, 'net.connect({ port: 80 })'),
      path: [
        { node: nodeAt(fall, 'net.connect({ port: 80 })'), role: 'acquire', message: 'created here' },
        { node: nodeAt(fall, 'net.connect({ port: 80 })'), role: 'exit', message: 'the function ends here with it still open' },
      ],
      suggestions: [],
    },
  ];
  return {
    root: ROOT,
    tsconfig: 'tsconfig.json',
    projects: ['tsconfig.json'],
    config: undefined,
    filesAnalyzed: 5,
    rules: [{ id: sampleRule.id, description: sampleRule.description, helpUri: sampleRule.helpUri, recommended: true }],
    findings: findings.map((finding) => toReportedFinding(finding, sampleRule, ROOT)).sort(compareFindings),
    suppressed: [],
    suppressedInSource: [],
    staleBaselineEntries: 0,
    errors: [],
    missingTypes: [],
    skipped: [],
    ...overrides,
  };
}

/** A run with nothing to report. */
export function createCleanResult(overrides: Partial<RunResult> = {}): RunResult {
  return { ...createSampleResult(), findings: [], ...overrides };
}

/** A run where one file had a syntax error and another could not be read. */
export function createErrorResult(): RunResult {
  return createSampleResult({
    errors: [
      { file: 'src/broken.ts', line: 4, column: 27, message: "')' expected. (TS1005)" },
      { file: 'src/folder.ts', message: 'cannot read file: is a directory, not a file' },
    ],
  });
}

/** A fixed clock and project name: reports that show them stay stable in snapshots. */
export const context = { color: false, version: '9.9.9', projectName: 'sample-project', generatedAt: new Date('2026-01-02T03:04:05Z') };

/**
 * A whole-repository run: two projects, one shard of two, one finding silenced by a directive (with
 * its reason), and a module whose types are missing in two files.
 */
export function createRepositoryResult(): RunResult {
  const sample = createSampleResult();
  const [silenced, ...findings] = sample.findings;
  const missingTypes = [
    { key: 'missingModuleTypes:net', name: 'node:net', file: 'packages/a/src/send.ts', line: 1, column: 22, fix: 'add "node" to compilerOptions.types' },
    { key: 'missingModuleTypes:net', name: 'net', file: 'packages/b/src/serve.ts', line: 1, column: 30, fix: 'add "node" to compilerOptions.types' },
  ];
  return {
    ...sample,
    projects: ['packages/a/tsconfig.json', 'packages/b/tsconfig.json'],
    tsconfig: 'packages/a/tsconfig.json',
    findings,
    suppressedInSource: [{ ...silenced!, justifications: ['kept for the process lifetime'] }],
    errors: [{ file: 'packages/a/src/send.ts', line: 1, column: 22, message: 'cannot see the types of `node:net` (and in 1 other file): add "node" to compilerOptions.types', kind: 'missing-types' }],
    missingTypes,
    shard: { index: 1, count: 2 },
  };
}
