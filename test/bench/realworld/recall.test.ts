import { describe, expect, it } from 'vitest';
import { KNOWN_LEAKS, type KnownLeak } from '../../../bench/realworld/known-leaks.js';
import { getExitCode, type PackageFinding } from '../../../bench/realworld/match.js';
import { REALWORLD_PACKAGES } from '../../../bench/realworld/packages.js';
import { compareKnownLeaks, getRecall, reportsLeak } from '../../../bench/realworld/recall.js';
import { formatReport } from '../../../bench/realworld/report.js';

const leak = (over: Partial<KnownLeak> = {}): KnownLeak => ({
  package: 'tunnel@0.0.4',
  file: 'lib/tunnel.js',
  rule: 'no-leaked-socket',
  lines: [138, 156],
  what: 'A CONNECT answered with another status than 200 leaves the proxy socket open.',
  url: 'https://github.com/koichik/node-tunnel/pull/21',
  status: 'found',
  ...over,
});

const finding = (over: Partial<PackageFinding> = {}): PackageFinding => ({
  package: 'tunnel@0.0.4',
  file: 'lib/tunnel.js',
  rule: 'no-leaked-socket',
  fingerprint: 'a'.repeat(32),
  line: 138,
  message: "The socket `socket` received by the 'connect' handler on line 138 leaks.",
  ...over,
});

const checked = new Set(['tunnel', 'whois']);

describe('reportsLeak', () => {
  it('takes a finding of the same package@version, file and rule within the lines, both ends included', () => {
    expect(reportsLeak(finding({ line: 138 }), leak())).toBe(true);
    expect(reportsLeak(finding({ line: 156 }), leak())).toBe(true);
    expect(reportsLeak(finding({ line: 137 }), leak())).toBe(false);
    expect(reportsLeak(finding({ line: 157 }), leak())).toBe(false);
  });

  it('does not take a finding of another version, file or rule', () => {
    for (const over of [{ package: 'tunnel@0.0.5' }, { file: 'lib/other.js' }, { rule: 'consume-response-body' }]) {
      expect(reportsLeak(finding(over), leak())).toBe(false);
    }
  });
});

describe('compareKnownLeaks', () => {
  it('splits the known leaks of audited packages into found and missed, and leaves the others unchecked', () => {
    const found = leak();
    const missed = leak({ package: 'whois@2.1.6', file: 'index.js', lines: [64, 81], status: 'missed', missedBecause: '`net` is `any`' });
    const other = leak({ package: 'typeorm@0.3.3', file: 'driver/mysql/MysqlDriver.js', lines: [306, 306], status: 'missed' });
    const hit = finding({ line: 150 });
    const result = compareKnownLeaks([hit, finding({ package: 'whois@2.1.6', file: 'index.js', line: 20 })], [found, missed, other], checked);
    expect(result.found).toEqual([{ leak: found, finding: hit }]);
    expect(result.missed).toEqual([missed]);
    expect(result.unchecked).toEqual([other]);
    expect(result.lost).toEqual([]);
    expect(result.newlyFound).toEqual([]);
    expect(getRecall(result)).toBe(0.5);
  });

  it('calls a leak listed as found that no finding reports LOST, and one listed as missed that a finding reports NEWLY FOUND', () => {
    expect(compareKnownLeaks([], [leak({ status: 'found' })], checked).lost).toEqual([leak({ status: 'found' })]);
    const fixed = leak({ status: 'missed', missedBecause: 'untyped' });
    expect(compareKnownLeaks([finding()], [fixed], checked).newlyFound).toEqual([fixed]);
  });

  it('has no recall when no known leak was checked', () => {
    expect(getRecall(compareKnownLeaks([], [leak()], new Set(['ws'])))).toBeUndefined();
  });

  it('fails the run on a LOST known leak, not on a missed one', () => {
    const comparison = { matched: [], changed: [], new: [], gone: [], unchecked: [] };
    expect(getExitCode(comparison, 0, 0)).toBe(0);
    expect(getExitCode(comparison, 0, 1)).toBe(1);
    expect(getExitCode(comparison, 1, 1)).toBe(2);
  });
});

describe('the report', () => {
  const report = (findings: PackageFinding[], leaks: KnownLeak[]) =>
    formatReport({
      packages: [{ id: 'tunnel@0.0.4', role: 'library', files: 1, lines: 247, findings: findings.length, ms: 1000, warnings: [] }],
      comparison: { matched: [], changed: [], new: findings, gone: [], unchecked: [] },
      recall: compareKnownLeaks(findings, leaks, new Set(['tunnel'])),
      totalMs: 2000,
    });

  it('lists the known leaks missed with why, and gives the recall', () => {
    const text = report([], [leak({ status: 'missed', missedBecause: '`self.request` is `any`' })]);
    expect(text).toContain(
      [
        'MISSED (1): known leaks no finding reports',
        '  tunnel@0.0.4 lib/tunnel.js:138-156 no-leaked-socket',
        '    A CONNECT answered with another status than 200 leaves the proxy socket open. https://github.com/koichik/node-tunnel/pull/21',
        '    missed: `self.request` is `any`',
      ].join('\n'),
    );
    expect(text).toContain('recall: 0.0% (0 of 1 known leaks found)');
  });

  it('lists LOST and NEWLY FOUND known leaks', () => {
    expect(report([], [leak()])).toContain('LOST (1): known leaks a finding reported before, none now\n  tunnel@0.0.4 lib/tunnel.js:138-156 no-leaked-socket');
    const text = report([finding()], [leak({ status: 'missed' })]);
    expect(text).toContain("NEWLY FOUND (1): known leaks listed as missed that a finding reports now: set their status to 'found'");
    expect(text).toContain('recall: 100.0% (1 of 1 known leaks found)');
  });

  it('says how many known leaks were not checked', () => {
    const text = report([], [leak({ package: 'whois@2.1.6', file: 'index.js' })]);
    expect(text).toContain('recall: n/a (no known leak checked; 1 in packages not audited)');
  });
});

describe('KNOWN_LEAKS', () => {
  const pinned = new Map(REALWORLD_PACKAGES.map((p) => [`${p.name}@${p.version}`, p]));

  it('names packages of the pinned list, at their pinned versions', () => {
    expect(KNOWN_LEAKS.filter((known) => !pinned.has(known.package))).toEqual([]);
  });

  it('gives ordered lines, a bug report, and why for each leak it misses', () => {
    for (const known of KNOWN_LEAKS) {
      expect(known.lines[0], known.package).toBeLessThanOrEqual(known.lines[1]);
      expect(known.lines[0], known.package).toBeGreaterThan(0);
      expect(known.url, known.package).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/(issues|pull|commit)\/\w+$/);
      expect(known.missedBecause !== undefined, known.package).toBe(known.status === 'missed');
    }
  });

  it('names rules that exist', async () => {
    const { rules } = await import('../../../rules/index.js');
    expect(KNOWN_LEAKS.filter((known) => !(known.rule in rules))).toEqual([]);
  });
});
