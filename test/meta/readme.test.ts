/**
 * The README: users first, its rules table generated from the rules' meta (test/meta/rules-table.ts),
 * and its "Try it" output exactly what the command prints. Regenerate both with
 * `CLOSEWAIT_UPDATE_README=1 npx vitest run test/meta/readme.test.ts`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import {
  RULES_TABLE_END,
  RULES_TABLE_START,
  getReadmeRulesTable,
  getRulesTable,
  replaceReadmeRulesTable,
} from './rules-table.js';

const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url));

const readReadme = (): string => readFileSync(readmePath, 'utf8');

const packageJson = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { scripts: Record<string, string> };
const rootDir = fileURLToPath(new URL('../..', import.meta.url));

/** The text of the first fenced code block after `marker`. */
function getCodeBlockAfter(readme: string, marker: string): string {
  const start = readme.indexOf(marker);
  expect(start, `README.md has no ${JSON.stringify(marker)}`).toBeGreaterThanOrEqual(0);
  return /```[\w-]*\n([\s\S]*?)```/u.exec(readme.slice(start))?.[1] ?? '';
}

const EXAMPLE_START = '<!-- example-output:start -->';
const EXAMPLE_END = '<!-- example-output:end -->';

describe('README.md', () => {
  it('is for users first: what closewait finds, installing it, the flat config, npx closewait, then trying it', () => {
    const readme = readReadme();
    const order = [
      '## What it finds',
      'npm install --save-dev eslint typescript @typescript-eslint/parser @types/node eslint-plugin-closewait',
      '...closewait.configs.recommended',
      'npx closewait ',
      '## Try it',
      '## Development',
    ].map((text) => [text, readme.indexOf(text)] as const);
    for (const [text, index] of order) expect(index, `README.md lacks ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(0);
    expect(order.map(([text]) => text)).toEqual([...order].sort((a, b) => a[1] - b[1]).map(([text]) => text));
    expect(readme.split('\n').find((line) => line.startsWith('## '))).toBe('## What it finds');
  });

  it('keeps development in its own section, with npm install and npm test', () => {
    const block = getCodeBlockAfter(readReadme(), '## Development');
    expect(block.split('\n')).toEqual(expect.arrayContaining(['npm install', 'npm test']));
  });

  it('shows what its "try it" command prints on the example project', () => {
    const readme = readReadme();
    const command = getCodeBlockAfter(readme, '## Try it').trim();
    const script = /^npm run ([\w:-]+)$/u.exec(command)?.[1];
    expect(script, `the "Try it" block should be one npm script, not ${JSON.stringify(command)}`).toBeDefined();
    // The script builds first (a fresh clone has no dist/), then runs the CLI: `npm test` has just built.
    const [build, cli, ...rest] = (packageJson.scripts[script!] ?? '').split(' && ');
    expect(build).toBe('npm run build --silent');
    expect(rest).toEqual([]);
    const run = spawnSync(cli!, { cwd: rootDir, shell: true, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', CI: '' } });
    expect(run.stderr).toBe('');
    expect(run.status, 'closewait exits 1: the example has findings').toBe(1);
    const expected = `${EXAMPLE_START}\n\`\`\`text\n${run.stdout}\`\`\`\n${EXAMPLE_END}`;
    const actual = readme.slice(readme.indexOf(EXAMPLE_START), readme.indexOf(EXAMPLE_END) + EXAMPLE_END.length);
    if (actual !== expected && process.env['CLOSEWAIT_UPDATE_README']) {
      writeFileSync(readmePath, readme.replace(actual, expected));
      return;
    }
    expect(actual, 'README.md shows another output (CLOSEWAIT_UPDATE_README=1 npx vitest run test/meta/readme.test.ts rewrites it)').toBe(expected);
  });

  it(`has the rules table between ${RULES_TABLE_START} and ${RULES_TABLE_END}`, () => {
    expect(getReadmeRulesTable(readReadme())).toBeDefined();
  });

  it('has the rules table generated from the rules’ meta', () => {
    const readme = readReadme();
    const expected = getRulesTable(rules);
    const actual = getReadmeRulesTable(readme);
    if (actual !== expected && process.env['CLOSEWAIT_UPDATE_README']) {
      writeFileSync(readmePath, replaceReadmeRulesTable(readme, expected));
      return;
    }
    expect(
      actual,
      `README.md's rules table is stale. Replace the text between the markers with:\n\n${expected}\n\n` +
        '(or run CLOSEWAIT_UPDATE_README=1 npx vitest run test/meta/readme.test.ts)\n',
    ).toBe(expected);
  });

  it('lists every rule with a link to its docs page', () => {
    const readme = readReadme();
    for (const id of Object.keys(rules)) {
      expect(readme).toContain(`[${id}](docs/rules/${id}.md)`);
    }
  });
});
