/**
 * How many classes of the realworld packages the engine reads as owning resources (wrappers,
 * docs/architecture.md): every class declared in the files closewait audits, by its summary.
 * Run after `npm run realworld` has prepared the cache:
 *
 *   node dist/bench/realworld/wrappers.js [--cache DIR]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ts } from 'ts-morph';
import type { EngineHost } from '../../src/engine/index.js';
import { getAnalysisContext } from '../../src/engine/lifecycle/context.js';
import { forEachDescendant } from '../../src/engine/lifecycle/syntax.js';
import { getClassSummary } from '../../src/engine/wrappers/class-summaries.js';
import { createDeclarationCache, loadProgram } from '../../src/cli/project.js';
import { planAudit } from '../../src/cli/plan.js';
import { getCacheDir, preparePackage } from '../lib/packages.js';
import { REALWORLD_PACKAGES } from './packages.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

interface Counts {
  classes: number;
  owning: number;
  wrappers: number;
  selfManaging: number;
  names: string[];
}

function countPackage(dir: string): Counts {
  const plan = planAudit({ cwd: dir, paths: [], projects: [] });
  const counts: Counts = { classes: 0, owning: 0, wrappers: 0, selfManaging: 0, names: [] };
  const declarations = createDeclarationCache();
  for (const project of plan.projects) {
    const program = loadProgram(project.inputs, project.extraRoots, project.assigned, dir, declarations);
    const context = getAnalysisContext(program.host as EngineHost, {});
    for (const sourceFile of program.sourceFiles) {
      forEachDescendant(ts as unknown as EngineHost['ts'], sourceFile as never, (node) => {
        if (!ts.isClassLike(node as unknown as ts.Node)) return;
        counts.classes++;
        const summary = getClassSummary(context, node as never);
        if (!summary || summary.fields.length === 0) return;
        counts.owning++;
        if (summary.selfManaging) counts.selfManaging++;
        if (summary.kind) {
          counts.wrappers++;
          counts.names.push(`${summary.name}(${summary.kind.release.join('/')})`);
        }
      });
    }
  }
  return counts;
}

const { values } = parseArgs({ options: { cache: { type: 'string' } } });
const cacheDir = getCacheDir('closewait-realworld', values.cache, repoRoot);
const typeRoots = path.join(repoRoot, 'node_modules', '@types');
const total: Counts = { classes: 0, owning: 0, wrappers: 0, selfManaging: 0, names: [] };
for (const spec of REALWORLD_PACKAGES) {
  const prepared = preparePackage(spec, cacheDir, typeRoots, () => undefined, { closewaitConfig: { presets: ['clients'] } });
  const counts = countPackage(prepared.dir);
  process.stdout.write(
    `${prepared.name.padEnd(30)} classes ${String(counts.classes).padStart(4)}  owning ${String(counts.owning).padStart(3)}  wrappers ${String(counts.wrappers).padStart(3)}  self-managing ${String(counts.selfManaging).padStart(3)}  ${counts.names.join(', ')}\n`,
  );
  total.classes += counts.classes;
  total.owning += counts.owning;
  total.wrappers += counts.wrappers;
  total.selfManaging += counts.selfManaging;
}
process.stdout.write(`total: ${total.classes} classes, ${total.owning} own a resource, ${total.wrappers} wrapper kinds, ${total.selfManaging} self-managing\n`);
