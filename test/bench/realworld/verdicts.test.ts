import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REALWORLD_PACKAGES } from '../../../bench/realworld/packages.js';
import { formatVerdictFile, getVerdictFileErrors, loadVerdictFile, type VerdictEntry } from '../../../bench/realworld/verdicts.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'closewait-verdicts-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const entry: VerdictEntry = {
  package: '@node-red/nodes@5.0.7',
  file: 'core/network/31-tcpin.js',
  rule: 'no-leaked-socket',
  fingerprint: '0123456789abcdef0123456789abcdef',
  line: 120,
  message: 'The net.Socket `client` created on line 118 leaks.',
  verdict: 'FALSE',
  kind: 'wrapper class field store',
  why: 'It is stored in node.connection and ended in the close handler.',
};

describe('the verdict file schema', () => {
  it('accepts a valid file, with and without kind', () => {
    const { kind: _kind, ...withoutKind } = entry;
    expect(getVerdictFileErrors({ version: 1, verdicts: [entry, withoutKind] })).toEqual([]);
    expect(getVerdictFileErrors({ version: 1, verdicts: [] })).toEqual([]);
  });

  it('names the entry and the property of each problem', () => {
    expect(getVerdictFileErrors({ version: 1, verdicts: [{ ...entry, verdict: 'MAYBE' }] })).toEqual([
      'verdicts/0/verdict: must be equal to one of the allowed values (TRUE, FALSE, DEBATABLE, UNTRIAGED)',
    ]);
    expect(getVerdictFileErrors({ version: 1, verdicts: [{ ...entry, fingerprint: 'xyz' }] })).toEqual(['verdicts/0/fingerprint: must match pattern "^[0-9a-f]{32}$"']);
    expect(getVerdictFileErrors({ version: 1, verdicts: [{ ...entry, package: 'ws' }] })).toHaveLength(1);
    expect(getVerdictFileErrors({ version: 1, verdicts: [{ ...entry, line: 0 }] })).toEqual(['verdicts/0/line: must be >= 1']);
    expect(getVerdictFileErrors({ version: 1, verdicts: [{ ...entry, verdcit: 'TRUE' }] })).toEqual(['verdicts/0: must NOT have additional properties "verdcit"']);
    expect(getVerdictFileErrors({ verdicts: [] })).toEqual(["(root): must have required property 'version'"]);
  });

  it('requires a why for a judged entry, not for an UNTRIAGED one', () => {
    expect(getVerdictFileErrors({ version: 1, verdicts: [{ ...entry, why: '' }] })).toContain('verdicts/0/why: must NOT have fewer than 1 characters');
    expect(getVerdictFileErrors({ version: 1, verdicts: [{ ...entry, verdict: 'UNTRIAGED', why: '' }] })).toEqual([]);
  });
});

describe('loading and writing', () => {
  it('reads a missing file as empty and a valid one as is', () => {
    expect(loadVerdictFile(path.join(scratch, 'none.json'))).toEqual({ version: 1, verdicts: [] });
    const file = path.join(scratch, 'valid.json');
    writeFileSync(file, formatVerdictFile([entry]));
    expect(loadVerdictFile(file)).toEqual({ version: 1, verdicts: [entry] });
  });

  it('throws one message listing every problem of an invalid file, or the JSON error', () => {
    const file = path.join(scratch, 'invalid.json');
    writeFileSync(file, JSON.stringify({ version: 1, verdicts: [{ ...entry, verdict: 'MAYBE', line: -1 }] }));
    expect(() => loadVerdictFile(file)).toThrow(/invalid verdict file:\n {2}verdicts\/0\/line: must be >= 1\n {2}verdicts\/0\/verdict: must be equal/);
    writeFileSync(file, '{ "version": 1,');
    expect(() => loadVerdictFile(file)).toThrow(/invalid\.json: not JSON/);
  });

  it('writes entries sorted by package (scopes first), file and line, keys in a fixed order', () => {
    const file = path.join(scratch, 'sorted.json');
    const later = { ...entry, line: 300, why: 'Later.' };
    const other = { ...entry, package: 'aedes@1.2.0', file: 'lib/client.js' };
    writeFileSync(file, formatVerdictFile([later, entry, other]));
    const written = JSON.parse(readFileSync(file, 'utf8')) as { verdicts: VerdictEntry[] };
    expect(written.verdicts).toEqual([entry, later, other]);
    expect(Object.keys(written.verdicts[0] ?? {})).toEqual(['package', 'file', 'rule', 'fingerprint', 'line', 'message', 'verdict', 'kind', 'why']);
  });
});

describe('bench/realworld/verdicts.json', () => {
  const file = path.join(import.meta.dirname, '..', '..', '..', 'bench', 'realworld', 'verdicts.json');

  it('is valid, and written as --update writes it (sorted, keys in order)', () => {
    const { verdicts } = loadVerdictFile(file);
    expect(formatVerdictFile(verdicts)).toBe(readFileSync(file, 'utf8'));
  });

  it('judges only packages of the pinned list, at their pinned versions', () => {
    const pinned = new Set(REALWORLD_PACKAGES.map((p) => `${p.name}@${p.version}`));
    expect(loadVerdictFile(file).verdicts.filter((entry) => !pinned.has(entry.package))).toEqual([]);
  });
});

describe('docs/realworld.md', () => {
  it("shows a verdict entry that the schema accepts", () => {
    const docs = readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'docs', 'realworld.md'), 'utf8');
    const blocks = [...docs.matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) => match[1] ?? '');
    expect(blocks).toHaveLength(1);
    expect(getVerdictFileErrors({ version: 1, verdicts: [JSON.parse(blocks[0] ?? '')] })).toEqual([]);
  });
});
