/**
 * One analysis context per Program for rules configured alike: the context holds every shared
 * cache (class summaries, acquisitions, the pre-filter's answers), so two contexts for the same
 * facts would compute them all twice.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../../rules/index.js';
import { getAnalysisContext } from '../../../src/engine/lifecycle/context.js';
import type { EngineOptions } from '../../../src/engine/options.js';
import { createVirtualProgram } from './virtual-program.js';

describe('getAnalysisContext', () => {
  const { host } = createVirtualProgram(new Map([['context.ts', 'export {};\n']]));
  const defaults = Object.entries(rules).map(([id, rule]) => [id, (rule.meta.defaultOptions?.[0] ?? {}) as EngineOptions] as const);

  it("gives every rule at its defaults the same context (each rule spells out only its own options' defaults)", () => {
    const contexts = new Set(defaults.map(([, options]) => getAnalysisContext(host, options)));
    expect(defaults.length).toBe(6);
    expect(contexts.size).toBe(1);
    expect(getAnalysisContext(host, {})).toBe([...contexts][0]);
  });

  it('keeps a context of its own for options that change the shared facts', () => {
    const base = getAnalysisContext(host, {});
    expect(getAnalysisContext(host, { checkThrowingCalls: true })).not.toBe(base);
    expect(getAnalysisContext(host, { borrowingFunctions: [{ from: 'file', name: 'lend' }] })).not.toBe(base);
    // Read by one check for itself only.
    expect(getAnalysisContext(host, { requireFinWaitTimeout: true })).toBe(base);
  });
});
