/**
 * Two `npm run bench` results side by side (a build before a change and after it), as the
 * Markdown tables of docs/performance.md's before/after section:
 *
 *   node dist/bench/compare.js BEFORE.json AFTER.json
 *
 * Take both in one sitting, on the same cache and under the same load (`npm run bench -- --build
 * <other checkout> --no-save` measures another worktree's build with this checkout's bench).
 * CPU time (user + system) is compared: load from other work disturbs it far less than wall time.
 */
import { readFileSync } from 'node:fs';
import { getAdded, type ProjectResult, type Results } from './lib/report.js';

function main(): void {
  const [beforeFile, afterFile] = process.argv.slice(2);
  if (beforeFile === undefined || afterFile === undefined) throw new Error('usage: compare.js BEFORE.json AFTER.json');
  const before = JSON.parse(readFileSync(beforeFile, 'utf8')) as Results;
  const after = JSON.parse(readFileSync(afterFile, 'utf8')) as Results;
  const find = (results: Results, name: string): ProjectResult | undefined => results.projects.find((p) => p.name === name);
  const out: string[] = [];
  out.push(
    `Before: build of ${before.tools['closewait build'] ?? '?'}${before.tools['closewait build from'] ? ` (${before.tools['closewait build from']})` : ''}, measured ${before.date}; ` +
      `after: build of ${after.tools['closewait build'] ?? '?'}, measured ${after.date}. Load average ${load(before)} and ${load(after)}. Medians of ${after.options.runs} runs, CPU time (user + system).`,
    '',
  );
  out.push('| project | tsc cpu s | CLI cpu s before | after | change | CLI/tsc before | after | CLI MiB before | after |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const p of after.projects) {
    const b = find(before, p.name);
    if (!p.cli || !p.tsc || !b?.cli || !b.tsc) continue;
    out.push(
      `| ${p.name} | ${s(p.tsc.cpuMs)} | ${s(b.cli.cpuMs)} | ${s(p.cli.cpuMs)} | ${change(b.cli.cpuMs, p.cli.cpuMs)} | ${x(b.cli.cpuMs / b.tsc.cpuMs)} | ${x(p.cli.cpuMs / p.tsc.cpuMs)} | ${b.cli.rssMiB.toFixed(0)} | ${p.cli.rssMiB.toFixed(0)} |`,
    );
  }
  out.push('', '| project | no rules cpu s | closewait added before | after | no-floating-promises added |', '| --- | ---: | ---: | ---: | ---: |');
  for (const p of after.projects) {
    const b = find(before, p.name);
    if (!p.eslint?.none || !b?.eslint?.none) continue;
    out.push(`| ${p.name} | ${s(p.eslint.none.cpuMs)} | ${pct(getAdded(b, 'closewait', 'cpuMs'))} | ${pct(getAdded(p, 'closewait', 'cpuMs'))} | ${pct(getAdded(p, 'no-floating-promises', 'cpuMs'))} |`);
  }
  if (before.startup && after.startup) {
    out.push('', '| start-up (empty project) | wall s | cpu s | peak MiB |', '| --- | ---: | ---: | ---: |');
    out.push(`| tsc --noEmit | ${s(after.startup.tsc.ms)} | ${s(after.startup.tsc.cpuMs)} | ${after.startup.tsc.rssMiB.toFixed(0)} |`);
    out.push(`| closewait before | ${s(before.startup.cli.ms)} | ${s(before.startup.cli.cpuMs)} | ${before.startup.cli.rssMiB.toFixed(0)} |`);
    out.push(`| closewait after | ${s(after.startup.cli.ms)} | ${s(after.startup.cli.cpuMs)} | ${after.startup.cli.rssMiB.toFixed(0)} |`);
  }
  if (before.relint?.length && after.relint?.length) {
    out.push('', '| re-lint, one file in a warm program | closewait p50 ms before | after | closewait p95 ms before | after | nfp p50 ms | nfp p95 ms |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of after.relint) {
      const b = before.relint.find((other) => other.project === r.project);
      if (!b) continue;
      out.push(
        `| ${r.project} | ${b.closewait.p50.toFixed(0)} | ${r.closewait.p50.toFixed(0)} | ${b.closewait.p95.toFixed(0)} | ${r.closewait.p95.toFixed(0)} | ${r.noFloatingPromises?.p50.toFixed(0) ?? '–'} | ${r.noFloatingPromises?.p95.toFixed(0) ?? '–'} |`,
      );
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

const s = (ms: number): string => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
const x = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '–');
const pct = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(0)}%`);
const change = (from: number, to: number): string => pct((to - from) / from);
const load = (results: Results): string => `${results.machine.loadAverageAtStart.map((v) => v.toFixed(1)).join('/')} → ${results.machine.loadAverageAtEnd.map((v) => v.toFixed(1)).join('/')}`;

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`compare: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
