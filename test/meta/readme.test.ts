/**
 * The README's rules table is generated from the rules' meta (test/meta/rules-table.ts).
 * Regenerate it with `CLOSEWAIT_UPDATE_README=1 npx vitest run test/meta/readme.test.ts`.
 */
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

describe('README.md', () => {
  it('opens with the set-up commands', () => {
    const readme = readReadme();
    const firstBlock = /```(?:sh|bash|console)?\n([\s\S]*?)```/u.exec(readme)?.[1] ?? '';
    expect(firstBlock).toContain('npm install');
    expect(firstBlock).toContain('npm test');
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
