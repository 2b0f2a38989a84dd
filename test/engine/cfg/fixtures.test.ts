/**
 * The control-flow graph of every fixture in test/fixtures/cfg, compared with the expected text the
 * fixture carries (ESLint's tests/fixtures/code-path-analysis style). The expectations were written
 * by hand from the semantics; on a mismatch decide which side is right before touching either.
 * Set CLOSEWAIT_DEBUG_CFG=<dir> to get each graph as Graphviz DOT (see src/engine/cfg/format.ts).
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { formatCfg } from '../../../src/engine/cfg/format.js';
import { buildFixtureCfg, dumpDotIfRequested, fixtureNamePattern, listCfgFixtures, readCfgFixture } from './cfg-fixtures.js';

const names = listCfgFixtures();

describe('CFG fixtures', () => {
  it('exist and are named <construct>--<case>-N.ts', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    expect(names.filter((name) => !fixtureNamePattern.test(name))).toEqual([]);
  });

  for (const name of names) {
    it(name, () => {
      const fixture = readCfgFixture(name);
      const cfg = buildFixtureCfg(fixture);
      dumpDotIfRequested(name, cfg, fixture.sourceFile);
      expect(formatCfg(ts, cfg, fixture.sourceFile)).toBe(fixture.expected);
    });
  }
});
