import { describe, expect, it } from 'vitest';
import {
  compareFindings,
  countVerdicts,
  getExitCode,
  getPackageName,
  getPrecision,
  getUpdatedEntries,
  type PackageFinding,
} from '../../../bench/realworld/match.js';
import type { VerdictEntry } from '../../../bench/realworld/verdicts.js';

const finding = (over: Partial<PackageFinding> = {}): PackageFinding => ({
  package: 'ws@8.23.0',
  file: 'lib/websocket.js',
  rule: 'no-leaked-socket',
  fingerprint: 'a'.repeat(32),
  line: 10,
  message: 'The net.Socket `s` created on line 9 leaks: this return leaves it open.',
  ...over,
});

const entry = (over: Partial<VerdictEntry> = {}): VerdictEntry => ({ ...finding(), verdict: 'FALSE', why: 'It is stored in this.socket.', ...over });

const checked = new Set(['ws', 'pg']);

describe('compareFindings', () => {
  it('matches a finding to the entry with the same key, whatever its line and message', () => {
    const moved = finding({ line: 42, message: 'reworded' });
    const result = compareFindings([moved], [entry()], checked);
    expect(result.matched).toEqual([{ finding: moved, entry: entry() }]);
    expect(result.changed).toEqual([{ finding: moved, entry: entry() }]);
    expect(result.new).toEqual([]);
    expect(result.gone).toEqual([]);
  });

  it('is not CHANGED when the line and the message are the judged ones', () => {
    const result = compareFindings([finding()], [entry()], checked);
    expect(result.matched).toHaveLength(1);
    expect(result.changed).toEqual([]);
  });

  it('reports a finding whose package, file, rule or fingerprint differs as NEW and the entry as GONE', () => {
    for (const over of [{ package: 'ws@8.24.0' }, { file: 'lib/sender.js' }, { rule: 'consume-response-body' }, { fingerprint: 'b'.repeat(32) }]) {
      const other = finding(over);
      const result = compareFindings([other], [entry()], checked);
      expect(result.new).toEqual([other]);
      expect(result.gone).toEqual([entry()]);
      expect(result.matched).toEqual([]);
    }
  });

  it('matches as a multiset: two identical findings need two entries, each taking the nearest line', () => {
    const first = finding({ line: 10 });
    const second = finding({ line: 50 });
    const near50 = entry({ line: 48 });
    const result = compareFindings([first, second], [near50], checked);
    expect(result.matched).toEqual([{ finding: second, entry: near50 }]);
    expect(result.new).toEqual([first]);
    const both = compareFindings([first, second], [near50, entry({ line: 9 })], checked);
    expect(both.new).toEqual([]);
    expect(both.matched.map((m) => [m.entry.line, m.finding.line])).toEqual([
      [48, 50],
      [9, 10],
    ]);
  });

  it('leaves the entries of packages that were not run unchecked, not GONE', () => {
    const pg = entry({ package: 'pg@8.23.1', file: 'lib/client.js' });
    const mqtt = entry({ package: 'mqtt@5.16.0', file: 'build/lib/client.js' });
    const result = compareFindings([], [pg, mqtt], checked);
    expect(result.gone).toEqual([pg]);
    expect(result.unchecked).toEqual([mqtt]);
  });

  it('reports the entries of a package run at another version as GONE', () => {
    const old = entry({ package: 'ws@8.22.0' });
    expect(compareFindings([finding()], [old], checked)).toMatchObject({ gone: [old], new: [finding()] });
  });
});

describe('getPackageName', () => {
  it('strips the version, scoped names included', () => {
    expect(getPackageName('ws@8.23.0')).toBe('ws');
    expect(getPackageName('@node-red/nodes@5.0.7')).toBe('@node-red/nodes');
    expect(getPackageName('@node-red/nodes')).toBe('@node-red/nodes');
  });
});

describe('precision and exit status', () => {
  const matched = (verdicts: VerdictEntry['verdict'][]) => verdicts.map((verdict, i) => ({ finding: finding({ line: i + 1 }), entry: entry({ verdict, line: i + 1 }) }));

  it('counts current findings by verdict', () => {
    expect(countVerdicts(matched(['TRUE', 'FALSE', 'FALSE', 'DEBATABLE', 'UNTRIAGED']))).toEqual({ TRUE: 1, FALSE: 2, DEBATABLE: 1, UNTRIAGED: 1 });
  });

  it('is TRUE over every judged finding, DEBATABLE counting against, UNTRIAGED left out', () => {
    expect(getPrecision({ TRUE: 3, FALSE: 1, DEBATABLE: 0, UNTRIAGED: 5 })).toBe(0.75);
    expect(getPrecision({ TRUE: 1, FALSE: 0, DEBATABLE: 1, UNTRIAGED: 0 })).toBe(0.5);
    expect(getPrecision({ TRUE: 0, FALSE: 4, DEBATABLE: 0, UNTRIAGED: 0 })).toBe(0);
    expect(getPrecision({ TRUE: 0, FALSE: 0, DEBATABLE: 0, UNTRIAGED: 2 })).toBeUndefined();
  });

  const comparison = (verdicts: VerdictEntry['verdict'][], fresh: PackageFinding[] = []) => ({ matched: matched(verdicts), changed: [], new: fresh, gone: [], unchecked: [] });

  it('fails on a FALSE, an UNTRIAGED or a NEW finding, not on TRUE or DEBATABLE ones', () => {
    expect(getExitCode(comparison(['TRUE', 'DEBATABLE']), 0)).toBe(0);
    expect(getExitCode(comparison(['TRUE', 'FALSE']), 0)).toBe(1);
    expect(getExitCode(comparison(['UNTRIAGED']), 0)).toBe(1);
    expect(getExitCode(comparison([], [finding()]), 0)).toBe(1);
  });

  it('exits 2 when a package could not be audited', () => {
    expect(getExitCode(comparison(['TRUE']), 1)).toBe(2);
  });
});

describe('getUpdatedEntries', () => {
  it('appends NEW findings as UNTRIAGED and refreshes the line and message of CHANGED ones, keeping their verdict', () => {
    const judged = entry({ verdict: 'DEBATABLE' });
    const moved = finding({ line: 12, message: 'now' });
    const fresh = finding({ file: 'lib/sender.js', fingerprint: 'c'.repeat(32) });
    const result = compareFindings([moved, fresh], [judged], checked);
    expect(getUpdatedEntries([judged], result)).toEqual([
      { ...judged, line: 12, message: 'now' },
      { ...fresh, verdict: 'UNTRIAGED', why: '' },
    ]);
  });

  it('keeps GONE entries unless asked to prune them', () => {
    const gone = entry();
    const result = compareFindings([], [gone], checked);
    expect(getUpdatedEntries([gone], result)).toEqual([gone]);
    expect(getUpdatedEntries([gone], result, true)).toEqual([]);
  });
});
