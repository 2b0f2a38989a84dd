/**
 * The CLI's floor on one tsconfig: what any tool that needs the type checker pays before it asks a
 * single real question. Run by `npm run bench`'s `tsc` section, interleaved with tsc and the CLI:
 *
 *   node dist/bench/floor.js --project TSCONFIG
 *
 * It loads the CLI's own modules (the graph its bin loads at start-up), plans the audit as the CLI
 * does for that tsconfig (`planAudit`), loads every planned project's program as the CLI's
 * `analyseProjects` does (`loadProgram`, one declaration cache for the run), makes sure each has its
 * checker (`getTypeChecker()`, which binds every file), and runs no check. The CLI cannot cost less
 * than this, so a target set below it (the CLI vs `tsc --noEmit`, which on a JavaScript project with
 * `checkJs: false` only parses and binds) cannot be met by making the analysis cheaper.
 *
 * The bench runs it from its copy of the measured build (`<cache>/build/dist/bench/floor.js`), so the
 * modules below are the measured build's. Prints JSON: `{ projects, files }` (programs loaded, files
 * they would analyse).
 */
import { parseArgs } from 'node:util';
// The rest of what the CLI's bin (bin.ts → main.ts) loads before its first program.
import '../src/cli/main.js';
import { planAudit } from '../src/cli/plan.js';
import { createDeclarationCache, loadProgram } from '../src/cli/project.js';

function main(): void {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { project: { type: 'string' } }, strict: true });
  if (values.project === undefined) throw new Error('usage: floor.js --project TSCONFIG');
  const cwd = process.cwd();
  const plan = planAudit({ cwd, paths: [], projects: [values.project], shard: undefined });
  const declarations = createDeclarationCache();
  let projects = 0;
  let files = 0;
  for (const project of plan.projects) {
    if (project.assigned.length === 0) continue;
    const loaded = loadProgram(project.inputs, project.extraRoots, project.assigned, cwd, declarations);
    loaded.host.program.getTypeChecker();
    projects += 1;
    files += loaded.sourceFiles.length;
  }
  process.stdout.write(`${JSON.stringify({ projects, files })}\n`);
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`floor: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
