/**
 * A vitest setup file (see bench/findings/vitest.config.ts): every call of the engine's
 * `getCheckFindings` made by the test suite is written, with the findings it returned, as one JSON
 * line to `$CLOSEWAIT_FINDINGS_DIR/tests-<pid>.jsonl`. `bench/findings/run.ts` sorts and merges the
 * lines, so two runs of the suite can be compared finding by finding.
 */
import { vi } from 'vitest';

vi.mock('../../src/engine/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/engine/index.js')>();
  const { recordFindings } = await import('./record.js');
  return {
    ...original,
    getCheckFindings: (...args: Parameters<typeof original.getCheckFindings>) => {
      const findings = original.getCheckFindings(...args);
      recordFindings(args[0], args[1], args[3], findings);
      return findings;
    },
  };
});
