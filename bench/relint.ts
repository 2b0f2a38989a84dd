/**
 * The editor's case (issue 18): re-linting one file in a warm program. Run by `npm run bench`'s
 * `relint` section, one process per project, in the project's directory:
 *
 *   node dist/bench/relint.js --config ESLINT_CONFIG [--edits N] [--rules PREFIX] FILE...
 *
 * ESLint with typescript-eslint's project service (the config written by bench/lib/eslint.ts)
 * lints each file once, which builds the program, then lints it N more times, each time with a
 * one-line edit at its end, as an editor does after a keystroke: the project service updates the
 * file, the program is rebuilt incrementally and the checker is new. ESLint's `stats` give each
 * rule's time on each lint; what our rules add is the sum over the rules whose id starts with
 * `--rules` (default `closewait/`), their checker queries included. The new checker itself is made
 * by the parser (its parser services ask the program for it) and counts as parse time, not as any
 * rule's: a rule that asks one type and nothing else (the bench's checker floor) takes well under
 * 1 ms; what the rules' time holds is their questions, each answered afresh by the new checker.
 * Prints JSON: `{ files: [{ file, lines, ms: [per edit] }] }`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';

interface RuleTimes {
  readonly total: number;
}
/** The part of ESLint's `stats` (ESLint ≥ 9 with `stats: true`) read here. */
interface LintStats {
  readonly times: { readonly passes: readonly { readonly rules?: Readonly<Record<string, RuleTimes>> }[] };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { config: { type: 'string' }, edits: { type: 'string', default: '5' }, rules: { type: 'string', default: 'closewait/' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.config === undefined || positionals.length === 0) throw new Error('usage: relint.js --config FILE [--edits N] FILE...');
  const edits = Number(values.edits);
  const prefix = values.rules;
  const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: values.config, stats: true });
  const files: { file: string; lines: number; ms: number[] }[] = [];
  for (const file of positionals) {
    const filePath = path.resolve(file);
    const text = readFileSync(filePath, 'utf8');
    // The first lint builds (or updates) the program: the editor's state before the keystroke.
    await eslint.lintText(text, { filePath });
    const ms: number[] = [];
    for (let edit = 1; edit <= edits; edit++) {
      const [result] = await eslint.lintText(`${text}\n// edit ${edit}\n`, { filePath });
      const stats = (result as { stats?: LintStats } | undefined)?.stats;
      if (!stats) throw new Error('ESLint returned no stats (ESLint 9 or later is needed)');
      let total = 0;
      for (const pass of stats.times.passes) {
        for (const [rule, times] of Object.entries(pass.rules ?? {})) if (rule.startsWith(prefix)) total += times.total;
      }
      ms.push(total);
    }
    files.push({ file, lines: text.split('\n').length, ms });
  }
  process.stdout.write(`${JSON.stringify({ files })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`relint: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
