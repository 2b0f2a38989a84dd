/**
 * Reading a V8 `.cpuprofile` (from `node --cpu-prof`): self time and total time per function, and
 * self time per component (closewait's engine, its CLI, TypeScript, ts-morph, the garbage
 * collector). Total time counts a function once per sample however deep it recurses.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface FunctionCost {
  /** `name (file:line)`, the file relative to the repository where it is ours. */
  readonly fn: string;
  readonly component: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

export interface ProfileSummary {
  readonly file: string;
  readonly totalMs: number;
  readonly components: Readonly<Record<string, number>>;
  /** Our functions (engine, rules, CLI) by self time. */
  readonly oursBySelf: readonly FunctionCost[];
  /** Our functions by total time (themselves and what they call, TypeScript's checker included). */
  readonly oursByTotal: readonly FunctionCost[];
  /** Every function by self time. */
  readonly allBySelf: readonly FunctionCost[];
  /** Time inside TypeScript (checker, walkers) by the engine function that called into it. */
  readonly typescriptByEngineCaller: readonly { readonly caller: string; readonly ms: number }[];
}

/** Which part of the process a function belongs to. */
export function getComponent(url: string, functionName: string): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'gc';
    if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') return 'v8/other';
    return 'native';
  }
  if (url.includes('/dist/src/engine/')) return 'closewait engine';
  if (url.includes('/dist/src/') || url.includes('/dist/rules/')) return 'closewait cli/eslint';
  if (url.includes('/node_modules/@ts-morph/common/dist/typescript')) return 'typescript (ts-morph copy)';
  if (url.includes('/node_modules/typescript/')) return 'typescript';
  if (url.includes('/node_modules/@ts-morph/') || url.includes('/node_modules/ts-morph/')) return 'ts-morph';
  if (url.startsWith('node:')) return 'node';
  return 'other';
}

export function summariseProfile(file: string, repoRoot: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const keyOf = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url === '' ? '' : ` (${shortUrl(url, repoRoot)}:${lineNumber + 1})`;
    return `${functionName || '(anonymous)'}${where}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const componentOf = new Map<string, string>();
  const components: Record<string, number> = {};
  const byCaller = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((sample, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    totalMs += ms;
    const node = byId.get(sample);
    if (!node) return;
    const key = keyOf(node);
    const component = getComponent(node.callFrame.url, node.callFrame.functionName);
    componentOf.set(key, component);
    self.set(key, (self.get(key) ?? 0) + ms);
    components[component] = (components[component] ?? 0) + ms;
    // The innermost engine frame above a run of TypeScript frames called into TypeScript.
    let tsCallee: string | undefined;
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id);
      if (!frame) break;
      const frameComponent = getComponent(frame.callFrame.url, frame.callFrame.functionName);
      if (frameComponent === 'closewait engine') {
        if (tsCallee !== undefined) {
          const caller = `${keyOf(frame)} → ${tsCallee}`;
          byCaller.set(caller, (byCaller.get(caller) ?? 0) + ms);
        }
        break;
      }
      tsCallee = frameComponent.startsWith('typescript') ? frame.callFrame.functionName : undefined;
    }
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id);
      if (!frame) break;
      const frameKey = keyOf(frame);
      if (seen.has(frameKey)) continue;
      seen.add(frameKey);
      componentOf.set(frameKey, getComponent(frame.callFrame.url, frame.callFrame.functionName));
      total.set(frameKey, (total.get(frameKey) ?? 0) + ms);
    }
  });
  const costs: FunctionCost[] = [...total.keys()].map((fn) => ({
    fn,
    component: componentOf.get(fn) ?? 'other',
    selfMs: self.get(fn) ?? 0,
    totalMs: total.get(fn) ?? 0,
  }));
  const isOurs = (cost: FunctionCost): boolean => cost.component.startsWith('closewait');
  const ours = costs.filter(isOurs);
  return {
    file,
    totalMs,
    components,
    oursBySelf: [...ours].sort((a, b) => b.selfMs - a.selfMs).slice(0, top),
    oursByTotal: [...ours].filter((c) => !/dist\/src\/cli\/(bin|main)\.js/.test(c.fn)).sort((a, b) => b.totalMs - a.totalMs).slice(0, top),
    allBySelf: [...costs].sort((a, b) => b.selfMs - a.selfMs).slice(0, top),
    typescriptByEngineCaller: [...byCaller.entries()]
      .map(([caller, ms]) => ({ caller, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
  };
}

function shortUrl(url: string, repoRoot: string): string {
  const plain = url.replace(/^file:\/\//, '');
  // Ours, from the checkout or from the benchmark's copy of the build: dist/src/…, dist/rules/….
  const ours = /\/(dist\/(?:src|rules)\/.*)$/.exec(plain);
  if (ours?.[1] && !plain.includes('/node_modules/')) return ours[1];
  if (plain.startsWith(`${repoRoot}/`)) return plain.slice(repoRoot.length + 1);
  const nm = plain.lastIndexOf('/node_modules/');
  return nm >= 0 ? plain.slice(nm + 1) : plain;
}
