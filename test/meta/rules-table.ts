/**
 * Generates the README's rules table from each rule's `meta`. The README holds a copy between the
 * markers below; test/meta/readme.test.ts fails (and prints this output) when the copy is stale.
 */

export const RULES_TABLE_START = '<!-- rules:start -->';
export const RULES_TABLE_END = '<!-- rules:end -->';

/** The part of a rule module the table reads. */
export interface TableRule {
  readonly meta: {
    readonly docs?: {
      readonly description: string;
      readonly recommended?: boolean;
      readonly strict?: boolean;
      readonly requiresTypeChecking?: boolean;
    };
    readonly hasSuggestions?: boolean;
  };
}

const LEGEND = [
  '✅ in `configs.recommended` (and `configs.strict`) · 🔒 in `configs.strict` only ·',
  '💡 offers editor suggestions · 💭 requires type information',
].join('\n');

/** The generated Markdown between the markers: legend and one row per rule, sorted by id. */
export function getRulesTable(rules: Readonly<Record<string, TableRule>>): string {
  const rows = Object.keys(rules)
    .sort()
    .map((id) => getRuleRow(id, rules[id]!));
  return [
    LEGEND,
    '',
    '| Rule | Description | ✅ 🔒 | 💡 | 💭 |',
    '| :--- | :--- | :-: | :-: | :-: |',
    ...rows,
  ].join('\n');
}

function getRuleRow(id: string, rule: TableRule): string {
  const docs = rule.meta.docs;
  const config = docs?.recommended ? '✅' : docs?.strict ? '🔒' : '';
  const cells = [
    `[${id}](docs/rules/${id}.md)`,
    escapeCell(docs?.description ?? ''),
    config,
    rule.meta.hasSuggestions ? '💡' : '',
    docs?.requiresTypeChecking ? '💭' : '',
  ];
  return `| ${cells.join(' | ')} |`;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** The README text between the markers (trimmed), or `undefined` when a marker is missing. */
export function getReadmeRulesTable(readme: string): string | undefined {
  const start = readme.indexOf(RULES_TABLE_START);
  const end = readme.indexOf(RULES_TABLE_END);
  if (start === -1 || end === -1 || end < start) return undefined;
  return readme.slice(start + RULES_TABLE_START.length, end).trim();
}

/** `readme` with the text between the markers replaced by `table`. */
export function replaceReadmeRulesTable(readme: string, table: string): string {
  const start = readme.indexOf(RULES_TABLE_START);
  const end = readme.indexOf(RULES_TABLE_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README.md needs the markers ${RULES_TABLE_START} and ${RULES_TABLE_END}`);
  }
  return `${readme.slice(0, start + RULES_TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
