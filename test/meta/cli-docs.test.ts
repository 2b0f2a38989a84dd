/**
 * The examples of docs/cli.md's "Monorepos", "Inline directives" and "Shards for CI" sections, run:
 * the console output is the CLI's on the example monorepo (test/fixtures/monorepo), the code is that
 * fixture's file, the SARIF suppression is what the CLI writes, and the CI workflow's commands are
 * executed job by job (each shard, then the merge) and must give the report of one full run; the
 * config files of "Config file" are valid, and its spelled-out strict set is ESLint's configs.strict.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { validateConfig } from '../../src/cli/config.js';
import { getRuleCatalog, isPlainObject } from '../../src/cli/rule-catalog.js';
import { selectRules } from '../../src/cli/rule-selection.js';
import { configs as eslintConfigs } from '../../src/index.js';
import { runCli } from '../cli/helpers.js';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const monorepo = path.join(rootDir, 'test', 'fixtures', 'monorepo');
const docs = readFileSync(path.join(rootDir, 'docs', 'cli.md'), 'utf8');

/** The fenced blocks of the `## <title>` section, in order, with their language. */
function getBlocks(title: string): { lang: string; text: string }[] {
  const start = docs.indexOf(`## ${title}\n`);
  if (start === -1) throw new Error(`docs/cli.md has no "## ${title}" section`);
  const body = docs.slice(start + title.length + 4);
  const end = body.search(/^## /mu);
  const section = end === -1 ? body : body.slice(0, end);
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gmu)].map((match) => ({ lang: match[1]!, text: match[2]! }));
}

/** `npx closewait a b` → ['a', 'b'] (the docs' commands need no quoting). */
function getArgs(command: string): string[] {
  const args = command.trim().split(/\s+/u);
  expect(args.slice(0, 2)).toEqual(['npx', 'closewait']);
  return args.slice(2);
}

describe('docs/cli.md: Monorepos', () => {
  it('shows what `npx closewait` prints at the root of the example monorepo', () => {
    const [block] = getBlocks('Monorepos').filter((candidate) => candidate.lang === 'console');
    const [command, ...output] = block!.text.split('\n');
    const run = runCli(getArgs(command!.replace(/^\$ /u, '')), { cwd: monorepo });
    expect(run.stdout + run.stderr).toBe(output.join('\n'));
    expect(run.code).toBe(1);
  });
});

describe('docs/cli.md: Inline directives', () => {
  const blocks = getBlocks('Inline directives');

  it('shows a file of the example monorepo', () => {
    const code = blocks.find((block) => block.lang === 'ts')!.text;
    const [first, ...rest] = code.split('\n');
    const file = /^\/\/ (\S+) of the example monorepo$/u.exec(first!)?.[1];
    expect(readFileSync(path.join(monorepo, file!), 'utf8')).toBe(rest.join('\n'));
  });

  it('shows the suppression SARIF gives that file’s finding', () => {
    const shown = JSON.parse(blocks.find((block) => block.lang === 'json')!.text) as Pick<Sarif.Result, 'suppressions'>;
    const log = JSON.parse(runCli(['-f', 'sarif'], { cwd: monorepo }).stdout) as Sarif.Log;
    const result = log.runs[0]!.results!.find((candidate) => candidate.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'packages/api/src/keep-alive.ts');
    expect(result?.suppressions).toEqual(shown.suppressions);
  });
});

describe('docs/cli.md: Shards for CI', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-cli-docs-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  interface Step {
    run?: string;
    uses?: string;
    with?: Record<string, unknown>;
  }
  interface Workflow {
    jobs: Record<string, { strategy?: { matrix: { shard: number[] } }; steps: Step[]; needs?: string }>;
  }

  /** A workflow `run:` line of closewait as arguments: `${{ matrix.shard }}` filled in, `|| [ $? -eq 1 ]` dropped, files put in the scratch directory. */
  function toArgs(line: string, shard: number | undefined): string[] {
    const command = line.replace(/\$\{\{ matrix\.shard \}\}/gu, String(shard)).replace(/ \|\| \[ \$\? -eq 1 \]$/u, '');
    const args = getArgs(command);
    return args.map((arg, index) => (args[index - 1] === '--output' || /^closewait-\d\.json$/u.test(arg) || arg === 'closewait.json' ? path.join(scratch, arg) : arg));
  }

  it('runs every shard of the workflow and merges them into the report of one full run', () => {
    const [block] = getBlocks('Shards for CI').filter((candidate) => candidate.lang === 'yaml');
    const workflow = parseYaml(block!.text) as Workflow;
    const { shard: shardJob, gate } = workflow.jobs;
    const shards = shardJob!.strategy!.matrix.shard;
    expect(shards).toEqual([1, 2, 3]);

    for (const shard of shards) {
      const steps = shardJob!.steps.filter((step) => step.run?.startsWith('npx closewait'));
      expect(steps).toHaveLength(2);
      for (const step of steps) expect(runCli(toArgs(step.run!, shard), { cwd: monorepo }).code).toBeLessThanOrEqual(1);
      const upload = shardJob!.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif'))!;
      expect(String(upload.with!['sarif_file']).replace('${{ matrix.shard }}', String(shard))).toBe(`closewait-${shard}.sarif`);
      expect(upload.with!['category']).toBe('closewait-shard-${{ matrix.shard }}');
    }

    expect(gate!.needs).toBe('shard');
    const merge = gate!.steps.find((step) => step.run?.startsWith('npx closewait merge'))!;
    const merged = runCli(toArgs(merge.run!, undefined), { cwd: monorepo, env: {} });
    expect(merged.code).toBe(1);
    expect(readFileSync(path.join(scratch, 'closewait.json'), 'utf8')).toBe(runCli(['--format', 'json'], { cwd: monorepo }).stdout);
  });
});

describe('docs/cli.md: Config file', () => {
  const catalog = getRuleCatalog();
  const configs = getBlocks('Config file')
    .filter((block) => block.lang === 'json')
    .map((block) => JSON.parse(block.text) as Record<string, unknown>)
    .map((json) => ('closewait' in json ? json['closewait'] : json));

  it('shows only valid configs', () => {
    expect(configs.length).toBeGreaterThan(2);
    for (const config of configs) expect(() => validateConfig(config, 'docs', catalog)).not.toThrow();
  });

  it('spells out "extends": "strict" as the rules and options it stands for, which are ESLint\'s configs.strict', () => {
    const select = (config: unknown) => selectRules(catalog, validateConfig(config, 'docs', catalog), { only: [], ignore: [] });
    const strict = configs.find((config) => isPlainObject(config) && config['extends'] === 'strict' && !('rules' in config));
    const spelled = configs[configs.indexOf(strict) + 1];
    expect(select(strict)).toEqual(select(spelled));
    const eslintOptions = Object.entries(eslintConfigs.strict.rules).flatMap(([id, entry]) => (Array.isArray(entry) ? [[id.replace(/^closewait\//u, ''), entry[1]]] : []));
    expect(Object.fromEntries(eslintOptions)).toEqual((spelled as { rules: unknown }).rules);
  });
});
