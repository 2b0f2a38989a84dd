/**
 * The results as data (the JSON file), as terminal tables, and as the generated block of
 * docs/performance.md. The targets of issue 18 are judged here.
 */
import type { EslintVariant } from './eslint.js';
import type { ProfileSummary } from './profile.js';
import type { Summary } from './measure.js';

export interface ToolRun extends Summary {
  /** What the tool reported: tsc's error count, the CLI's findings, ESLint's problems. */
  readonly reported: number;
  readonly note?: string;
}

export interface ProjectResult {
  readonly name: string;
  readonly kind: 'package' | 'synthetic';
  readonly language: 'ts' | 'js';
  readonly files: number;
  readonly lines: number;
  readonly missingDependencies?: readonly string[];
  tsc?: ToolRun;
  cli?: ToolRun;
  /** The CLI's floor (bench/floor.ts): its modules, programs and checkers, no check. Absent in results saved before it was measured. */
  floor?: Summary;
  eslint?: Partial<Record<EslintVariant, ToolRun>>;
}

export interface ScalingRow {
  readonly project: string;
  readonly lines: number;
  readonly cliMs: number;
  readonly cliCpuMs: number;
  readonly msPer1k: number;
  readonly cpuMsPer1k: number;
  /** After subtracting the CLI's fixed cost (its time on a ~200-line project). */
  readonly netMsPer1k: number;
  readonly tscMsPer1k: number;
}

export interface Target {
  readonly id: string;
  readonly target: string;
  /** Judged on wall time, as the issue states the targets. */
  readonly measured: string;
  readonly met: boolean | undefined;
  /** The same judged on CPU time (user + system), which background load disturbs far less. */
  readonly measuredCpu: string;
  readonly metCpu: boolean | undefined;
}

/** The editor's case on one package: per file, the ms the rules took on each re-lint after an edit. */
export interface RelintResult {
  readonly project: string;
  readonly files: readonly {
    readonly file: string;
    readonly lines: number;
    readonly ms: readonly number[];
    readonly nfpMs: readonly number[];
    /** The checker floor's rule (absent in results saved before it was measured). */
    readonly floorMs?: readonly number[];
  }[];
  /** Over every re-lint of every file. */
  readonly closewait: RelintSummary;
  readonly noFloatingPromises?: RelintSummary;
  /** The checker floor's rule in the same situation: a new checker asked one type. */
  readonly floor?: RelintSummary;
}

export interface RelintSummary {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

export interface Startup {
  readonly runs: number;
  readonly tsc: Summary;
  readonly cli: Summary;
}

/** What the targets are judged on (a whole Results, or the parts of one being built). */
export interface Measured {
  readonly projects: readonly ProjectResult[];
  readonly scaling: readonly ScalingRow[];
  readonly startup?: Startup | undefined;
  readonly relint?: readonly RelintResult[] | undefined;
}

export interface Results {
  readonly version: 1;
  readonly date: string;
  readonly machine: Machine;
  readonly tools: Readonly<Record<string, string>>;
  readonly options: { readonly runs: number; readonly sizes: readonly string[]; readonly sections: readonly string[]; readonly memory: string; readonly nodeFlags: readonly string[] };
  readonly wallMs: number;
  readonly projects: readonly ProjectResult[];
  readonly fixedCost: { readonly project: string; readonly lines: number; readonly cliMs: number; readonly tscMs: number } | undefined;
  readonly scaling: readonly ScalingRow[];
  /** Absent in results saved before issue 18. */
  readonly startup?: Startup | undefined;
  readonly relint?: readonly RelintResult[] | undefined;
  readonly targets: readonly Target[];
  readonly profiles: readonly ProfileSummary[];
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
  readonly loadAverageAtStart: readonly number[];
  readonly loadAverageAtEnd: readonly number[];
}

const s = (ms: number | undefined): string => (ms === undefined || Number.isNaN(ms) ? '–' : (ms / 1000).toFixed(2));
const mib = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(0));
const x = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(2)}×`);
/** Whole milliseconds; a rule time under 1 ms (the checker floor's) as "< 1" rather than 0. */
const ruleMs = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : v < 1 ? '< 1' : v.toFixed(0));
const pct = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`);

export function getTimeRatio(p: ProjectResult, metric: 'ms' | 'cpuMs' = 'ms'): number | undefined {
  return p.cli && p.tsc ? p.cli[metric] / p.tsc[metric] : undefined;
}

/** The CLI's floor over tsc (time, or peak memory): the least any audit that needs the checker can cost, as a ratio. */
export function getFloorRatio(p: ProjectResult, metric: 'ms' | 'cpuMs' | 'rssMiB' = 'ms'): number | undefined {
  return p.floor && p.tsc ? p.floor[metric] / p.tsc[metric] : undefined;
}

export function getMemoryRatio(p: ProjectResult): number | undefined {
  return p.cli && p.tsc ? p.cli.rssMiB / p.tsc.rssMiB : undefined;
}

/** Time a variant adds to the no-rules run, as a fraction of it. */
export function getAdded(p: ProjectResult, variant: Exclude<EslintVariant, 'none'>, metric: 'ms' | 'cpuMs' = 'ms'): number | undefined {
  const none = p.eslint?.none;
  const with_ = p.eslint?.[variant];
  return none && with_ ? (with_[metric] - none[metric]) / none[metric] : undefined;
}

/** One project's figure under a target (a ratio, an added fraction, a p95). */
interface Figure {
  readonly name: string;
  readonly v: number;
}

/** What the CLI's floor covers (bench/floor.ts), as the targets name it. */
const CLI_FLOOR = 'floor (program + checker, no check)';
/** What the ESLint checker floor covers (the `checker-floor` variant), as the targets name it. */
const RULE_FLOOR = 'floor (checker + one type per file)';

/** Each project's figure, leaving out the projects where it was not measured. */
function getFigures(projects: readonly ProjectResult[], figure: (p: ProjectResult) => number | undefined): Figure[] {
  return projects.flatMap((p) => {
    const v = figure(p);
    return v === undefined || !Number.isFinite(v) ? [] : [{ name: p.name, v }];
  });
}

/**
 * The floor's part of a target's text: the worst floor, and on how many projects the floor alone
 * is over the limit (there the target cannot be met by any analysis); empty when no floor was measured.
 */
function describeFloor(label: string, floors: readonly Figure[], limit: number, format: (v: number) => string): string {
  const worst = [...floors].sort((a, b) => b.v - a.v)[0];
  if (!worst) return '';
  const below = floors.filter((floor) => floor.v > limit).length;
  return `; ${label} worst ${format(worst.v)} (${worst.name}), target below it on ${below} of ${floors.length}`;
}

/** Judge issue 18's targets on the measured figures, by wall time and by CPU time. */
export function getTargets(measuredResults: Measured): Target[] {
  const { projects, scaling, startup, relint = [] } = measuredResults;
  const both = (build: (metric: 'ms' | 'cpuMs') => { measured: string; met: boolean | undefined }, id: string, target: string): Target => {
    const wall = build('ms');
    const cpu = build('cpuMs');
    return { id, target, measured: wall.measured, met: wall.met, measuredCpu: cpu.measured, metCpu: cpu.met };
  };
  const measured = projects.filter((p) => p.cli && p.tsc);
  const ratioTarget = (ratio: (p: ProjectResult) => number | undefined, limit: number, among: readonly ProjectResult[] = measured) => {
    if (among.length === 0) return { measured: 'not measured', met: undefined };
    const values = among.map((p) => ({ name: p.name, v: ratio(p) ?? Number.NaN })).sort((a, b) => b.v - a.v);
    const over = values.filter((e) => !(e.v <= limit));
    const first = values[0];
    return {
      measured: `worst ${x(first?.v)} (${first?.name ?? ''}); over ${limit.toFixed(1)}× on ${over.length} of ${values.length}`,
      met: over.length === 0,
    };
  };
  // A CLI target judged on the CLI, with the floor's figure beside it.
  const cliTarget = (metric: 'ms' | 'cpuMs' | 'rssMiB', ratio: (p: ProjectResult) => number | undefined, limit: number, among: readonly ProjectResult[] = measured) => {
    const judged = ratioTarget(ratio, limit, among);
    return { ...judged, measured: `${judged.measured}${describeFloor(CLI_FLOOR, getFigures(among, (p) => getFloorRatio(p, metric)), limit, x)}` };
  };
  const typescript = measured.filter((p) => p.language === 'ts');
  const linted = projects.filter((p) => p.eslint?.none && p.eslint.closewait);
  const compared = linted.filter((p) => p.eslint?.['no-floating-promises']);
  // Net of start-up, from 100k lines up (the issue's range).
  const large = scaling.filter((r) => r.lines >= 90_000);
  const has1m = large.some((r) => r.lines >= 900_000);
  return [
    both((metric) => cliTarget(metric, (p) => getTimeRatio(p, metric), 1.0), 'cli-time', 'CLI time ≤ 1.0× `tsc --noEmit` on every project'),
    both((metric) => cliTarget(metric, (p) => getTimeRatio(p, metric), 0.7, typescript), 'cli-time-ts', 'CLI time ≤ 0.7× `tsc --noEmit` on TypeScript projects'),
    { ...both(() => cliTarget('rssMiB', getMemoryRatio, 1.1), 'cli-memory', 'CLI peak RSS ≤ 1.1× `tsc --noEmit` on every project'), measuredCpu: '(memory: as measured)' },
    both(
      (metric) => {
        if (linted.length === 0) return { measured: 'not measured', met: undefined };
        const added = linted.map((p) => ({ name: p.name, v: getAdded(p, 'closewait', metric) ?? Number.NaN })).sort((a, b) => b.v - a.v);
        const over = added.filter((a) => !(a.v <= 0.15));
        const floor = describeFloor(RULE_FLOOR, getFigures(linted, (p) => getAdded(p, 'checker-floor', metric)), 0.15, pct);
        return { measured: `worst ${pct(added[0]?.v)} (${added[0]?.name ?? ''}); over 15% on ${over.length} of ${added.length}${floor}`, met: over.length === 0 };
      },
      'eslint-added',
      'recommended rules add ≤ 15% to a type-aware ESLint run (projectService, no rules) on every project',
    ),
    both(
      (metric) => {
        if (compared.length === 0) return { measured: 'not measured', met: undefined };
        const costlier = compared.filter((p) => !((getAdded(p, 'closewait', metric) ?? Number.NaN) < (getAdded(p, 'no-floating-promises', metric) ?? Number.NaN)));
        return { measured: `costlier on ${costlier.length} of ${compared.length}${costlier.length ? ` (${costlier.map((p) => p.name).join(', ')})` : ''}`, met: costlier.length === 0 };
      },
      'eslint-vs-no-floating-promises',
      'recommended rules add less than `@typescript-eslint/no-floating-promises` alone on every project',
    ),
    (() => {
      const judged = ((): { measured: string; met: boolean | undefined } => {
        if (relint.length === 0) return { measured: 'not measured', met: undefined };
        const worst = [...relint].sort((a, b) => b.closewait.p95 - a.closewait.p95);
        const over = worst.filter((r) => !(r.closewait.p95 <= 20));
        const floors = relint.flatMap((r) => (r.floor ? [{ name: r.project, v: r.floor.p95 }] : []));
        const floor = describeFloor(RULE_FLOOR, floors, 20, (v) => `p95 ${ruleMs(v)} ms`);
        return { measured: `worst p95 ${worst[0]?.closewait.p95.toFixed(0) ?? '–'} ms (${worst[0]?.project ?? ''}); over 20 ms on ${over.length} of ${relint.length}${floor}`, met: over.length === 0 };
      })();
      return { id: 'relint', target: 're-linting one file in a warm program: our rules add ≤ 20 ms at p95 (bench packages\' largest files)', ...judged, measuredCpu: '(rule time, as measured)', metCpu: judged.met };
    })(),
    both(
      (metric) => {
        if (!startup) return { measured: 'not measured', met: undefined };
        const extra = startup.cli[metric] - startup.tsc[metric];
        return { measured: `CLI ${s(startup.cli[metric])} s, tsc ${s(startup.tsc[metric])} s: ${extra >= 0 ? '+' : ''}${s(extra)} s`, met: extra <= 200 };
      },
      'startup',
      'CLI start-up ≤ tsc\'s start-up + 0.2 s (an empty project)',
    ),
    both(
      (metric) => {
        if (large.length < 2 || metric === 'cpuMs') return { measured: large.length < 2 ? 'not measured (needs 100k and a larger size, e.g. --sizes 10k,100k,1m)' : '(net figures: wall time only)', met: undefined };
        const net = large.map((r) => r.netMsPer1k);
        const spread = Math.max(...net) / Math.min(...net);
        return { measured: `net ms / 1k lines max/min ${x(spread)} over ${large.map((r) => r.project.replace('synthetic-', '')).join(', ')}${has1m ? '' : ' (1M not in this run)'}`, met: spread <= 1.3 };
      },
      'scaling',
      'CLI cost per 1k lines, net of start-up, flat within 1.3× from 100k to 1M lines',
    ),
  ];
}

function table(header: readonly string[], rows: readonly (readonly string[])[], align: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (align[i] === 'r' ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: string): string {
  const sep = header.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

interface Tables {
  readonly tsc: { header: string[]; rows: string[][]; align: string };
  readonly eslint: { header: string[]; rows: string[][]; align: string };
  readonly scaling: { header: string[]; rows: string[][]; align: string };
  readonly targets: { header: string[]; rows: string[][]; align: string };
  readonly startup: { header: string[]; rows: string[][]; align: string };
  readonly relint: { header: string[]; rows: string[][]; align: string };
}

const status = (met: boolean | undefined): string => (met === undefined ? 'not measured' : met ? 'met' : 'MISSED');

function getTables(results: Results): Tables {
  const tscRows = results.projects
    .filter((p) => p.tsc || p.cli)
    .map((p) => [
      p.name,
      p.language === 'ts' ? 'TS' : 'JS',
      String(p.files),
      String(p.lines),
      s(p.tsc?.ms),
      mib(p.tsc?.rssMiB),
      s(p.cli?.ms),
      mib(p.cli?.rssMiB),
      x(getTimeRatio(p)),
      s(p.floor?.ms),
      x(getFloorRatio(p)),
      mib(p.floor?.rssMiB),
      x(getTimeRatio(p, 'cpuMs')),
      x(getMemoryRatio(p)),
      String(p.tsc?.reported ?? '–'),
      String(p.cli?.reported ?? '–'),
    ]);
  const eslintRows = results.projects
    .filter((p) => p.eslint)
    .map((p) => [
      p.name,
      String(p.lines),
      s(p.eslint?.none?.ms),
      s(p.eslint?.closewait?.ms),
      s(p.eslint?.['no-floating-promises']?.ms),
      pct(getAdded(p, 'closewait')),
      pct(getAdded(p, 'no-floating-promises')),
      pct(getAdded(p, 'checker-floor')),
      pct(getAdded(p, 'closewait', 'cpuMs')),
      pct(getAdded(p, 'no-floating-promises', 'cpuMs')),
      String(p.eslint?.closewait?.reported ?? '–'),
      String(p.eslint?.['no-floating-promises']?.reported ?? '–'),
    ]);
  const base = results.scaling[0]?.msPer1k;
  const scalingRows = results.scaling.map((r) => [
    r.project,
    String(r.lines),
    s(r.cliMs),
    r.msPer1k.toFixed(0),
    base ? x(r.msPer1k / base) : '–',
    r.netMsPer1k.toFixed(0),
    r.cpuMsPer1k.toFixed(0),
    r.tscMsPer1k.toFixed(0),
  ]);
  const startup = results.startup;
  const startupRows = startup
    ? [
        ['tsc --noEmit', s(startup.tsc.ms), s(startup.tsc.cpuMs), mib(startup.tsc.rssMiB)],
        ['closewait', s(startup.cli.ms), s(startup.cli.cpuMs), mib(startup.cli.rssMiB)],
        ['difference', s(startup.cli.ms - startup.tsc.ms), s(startup.cli.cpuMs - startup.tsc.cpuMs), mib(startup.cli.rssMiB - startup.tsc.rssMiB)],
      ]
    : [];
  const relintRows = (results.relint ?? []).map((r) => [
    r.project,
    r.files.map((f) => `${f.file} (${f.lines})`).join(', '),
    ruleMs(r.closewait.p50),
    ruleMs(r.closewait.p95),
    ruleMs(r.closewait.max),
    ruleMs(r.noFloatingPromises?.p50),
    ruleMs(r.noFloatingPromises?.p95),
    ruleMs(r.floor?.p50),
    ruleMs(r.floor?.p95),
  ]);
  return {
    startup: { header: ['empty project', 'wall s', 'cpu s', 'peak MiB'], rows: startupRows, align: 'lrrr' },
    relint: {
      header: ['package', 'files re-linted (lines)', 'closewait p50 ms', 'closewait p95 ms', 'closewait max ms', 'nfp p50 ms', 'nfp p95 ms', 'floor p50 ms', 'floor p95 ms'],
      rows: relintRows,
      align: 'llrrrrrrr',
    },
    tsc: {
      header: ['project', 'lang', 'files', 'lines', 'tsc s', 'tsc MiB', 'cli s', 'cli MiB', 'time ×', 'floor s', 'floor ×', 'floor MiB', 'cpu ×', 'mem ×', 'tsc errors', 'findings'],
      rows: tscRows,
      align: 'llrrrrrrrrrrrrrr',
    },
    eslint: {
      header: ['project', 'lines', 'no rules s', 'closewait s', 'nfp s', 'closewait added', 'nfp added', 'floor added', 'closewait added (cpu)', 'nfp added (cpu)', 'closewait problems', 'nfp problems'],
      rows: eslintRows,
      align: 'lrrrrrrrrrrr',
    },
    scaling: {
      header: ['project', 'lines', 'cli s', 'ms / 1k lines', 'vs smallest', 'net ms / 1k lines', 'cpu ms / 1k lines', 'tsc ms / 1k lines'],
      rows: scalingRows,
      align: 'lrrrrrrr',
    },
    targets: {
      header: ['target', 'wall time', 'status', 'CPU time', 'status (CPU)'],
      rows: results.targets.map((t) => [t.target, t.measured, status(t.met), t.measuredCpu, status(t.metCpu)]),
      align: 'lllll',
    },
  };
}

export function formatTerminal(results: Results): string {
  const t = getTables(results);
  const out: string[] = [];
  const m = results.machine;
  out.push(`closewait benchmark — ${results.date} — ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}; median of ${results.options.runs} runs`);
  out.push(`load average at start ${m.loadAverageAtStart.map((v) => v.toFixed(2)).join(' ')}, at end ${m.loadAverageAtEnd.map((v) => v.toFixed(2)).join(' ')}`);
  if (t.tsc.rows.length) out.push('', 'CLI vs tsc --noEmit (wall time, peak RSS); floor: the CLI\'s programs and checkers, no check', table(t.tsc.header, t.tsc.rows, t.tsc.align));
  if (t.eslint.rows.length) out.push('', 'Type-aware ESLint (projectService): no rules vs closewait recommended vs no-floating-promises vs the checker floor', table(t.eslint.header, t.eslint.rows, t.eslint.align));
  if (t.scaling.rows.length) {
    const fixed = results.fixedCost ? ` (fixed cost: ${s(results.fixedCost.cliMs)} s on ${results.fixedCost.lines} lines)` : '';
    out.push('', `CLI time per 1k lines (synthetic)${fixed}`, table(t.scaling.header, t.scaling.rows, t.scaling.align));
  }
  if (t.startup.rows.length) out.push('', `Start-up on an empty project (median of ${results.startup?.runs ?? '–'} runs)`, table(t.startup.header, t.startup.rows, t.startup.align));
  if (t.relint.rows.length) out.push('', 'Re-linting one file in a warm program: the rules\' time per edit (ESLint stats); floor: one type asked of the new checker', table(t.relint.header, t.relint.rows, t.relint.align));
  out.push('', 'Targets (issue 18)', table(t.targets.header, t.targets.rows, t.targets.align));
  for (const profile of results.profiles) {
    out.push('', `Profile ${profile.file} — ${s(profile.totalMs)} s sampled`);
    out.push(
      `  by component: ${Object.entries(profile.components)
        .sort((a, b) => b[1] - a[1])
        .map(([c, ms]) => `${c} ${((ms / profile.totalMs) * 100).toFixed(1)}%`)
        .join(', ')}`,
    );
    out.push('  our functions by self time:');
    for (const f of profile.oursBySelf.slice(0, 12)) out.push(`    ${f.selfMs.toFixed(0).padStart(7)} ms self ${f.totalMs.toFixed(0).padStart(7)} ms total  ${f.fn}`);
    out.push('  our functions by total time:');
    for (const f of profile.oursByTotal.slice(0, 12)) out.push(`    ${f.totalMs.toFixed(0).padStart(7)} ms total ${f.selfMs.toFixed(0).padStart(7)} ms self  ${f.fn}`);
    out.push('  time inside TypeScript, by the engine function that called it:');
    for (const c of profile.typescriptByEngineCaller.slice(0, 8)) out.push(`    ${c.ms.toFixed(0).padStart(7)} ms  ${c.caller}`);
  }
  return out.join('\n');
}

export const DOCS_START = '<!-- bench:results:start (generated by `npm run bench`; edit outside these markers) -->';
export const DOCS_END = '<!-- bench:results:end -->';

/** The generated block of docs/performance.md. */
export function formatDocsBlock(results: Results): string {
  const t = getTables(results);
  const m = results.machine;
  const out: string[] = [DOCS_START, ''];
  out.push(`Measured ${results.date.slice(0, 10)} on ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB of memory, Node ${m.node}, ${m.os}.`);
  out.push(
    `Median of ${results.options.runs} runs; peak memory from ${results.options.memory === 'gnu-time' ? '`/usr/bin/time -v` (maximum resident set size)' : '`process.resourceUsage().maxRSS`'}. ` +
      `Load average ${m.loadAverageAtStart.map((v) => v.toFixed(1)).join(' / ')} at the start and ${m.loadAverageAtEnd.map((v) => v.toFixed(1)).join(' / ')} at the end of the run. ` +
      `Tools: ${Object.entries(results.tools).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
  );
  // One generated section: its heading, a sentence saying what it shows, its table.
  const section = (title: string, intro: string, table: { readonly header: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly align: string }): void => {
    if (table.rows.length === 0) return;
    out.push('', title, '', ...(intro ? [intro, ''] : []), markdownTable(table.header, table.rows, table.align));
  };
  section('### Targets', '', t.targets);
  section(
    '### CLI vs `tsc --noEmit -p`',
    '"floor" is the CLI\'s modules, programs and checkers with no check run ([`bench/floor.ts`](../bench/floor.ts)): the least an audit that needs the checker costs; "floor ×" is it over tsc.',
    t.tsc,
  );
  section(
    "### Type-aware ESLint: our rules' added time",
    '"floor added" is what a rule that only asks the checker the type of each file\'s first statement adds: the least a type-aware rule adds.',
    t.eslint,
  );
  section(
    '### CLI time per 1k lines',
    results.fixedCost ? `Fixed cost (the CLI on a ${results.fixedCost.lines}-line project): ${s(results.fixedCost.cliMs)} s (tsc: ${s(results.fixedCost.tscMs)} s). "net" subtracts it.` : '',
    t.scaling,
  );
  section(
    '### Start-up',
    `The CLI and \`tsc --noEmit\` on an empty project (one empty module, lib ES2023, skipLibCheck, no @types), median of ${results.startup?.runs ?? '–'} runs each.`,
    t.startup,
  );
  section(
    '### Re-linting one file in a warm program',
    `Each package's largest files, linted once with the project service and then after each of several one-line edits; the time the rules took per edit (ESLint's \`stats\`), p50 and p95 over every edit of every file. \`no-floating-promises\` alone, in its own process, for comparison, and the floor: the checker floor's rule (one type asked of the new checker after each edit) in the same situation.`,
    t.relint,
  );
  out.push('', DOCS_END);
  return out.join('\n');
}
