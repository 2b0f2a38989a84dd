/**
 * Property: for random programs over one socket (socket-programs.ts), the leaks no-leaked-socket
 * reports are exactly the leaking exits an independent path-enumerating oracle finds. Each batch
 * of programs is compiled into one real ts.Program (real checker, real @types/node) and run
 * through the public engine entry point, `getCheckFindings`.
 *
 * On a disagreement fast-check shrinks the batch to one small program and the error prints it
 * with line numbers, the engine's leaks and the oracle's. Reproduce with the seed it reports:
 * CLOSEWAIT_FC_SEED=<seed> npx vitest run test/engine/lifecycle/property.test.ts
 * (CLOSEWAIT_FC_RUNS=<n> runs more batches of up to 20 programs, CLOSEWAIT_FC_DEPTH=<n> nests deeper).
 */
import fc from 'fast-check';
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getCheckFindings, type Finding } from '../../../src/engine/index.js';
import {
  getOracleLeaks,
  printProgram,
  resolveProgram,
  socketProgramArbitrary,
  type RawProgram,
} from './socket-programs.js';
import { createVirtualProgram, getDiagnosticsText } from './virtual-program.js';

const BATCH_SIZE = 20;
const RUNS = Number(process.env['CLOSEWAIT_FC_RUNS'] ?? 25);
const DEPTH = Number(process.env['CLOSEWAIT_FC_DEPTH'] ?? 3);
const SEED = process.env['CLOSEWAIT_FC_SEED'] === undefined ? undefined : Number(process.env['CLOSEWAIT_FC_SEED']);

/** The engine's findings in the oracle's vocabulary: `return@L`, `continue@L`, `end`, `block-end`… */
function describeFinding(finding: Finding, sourceFile: ts.SourceFile): string {
  const line = sourceFile.getLineAndCharacterOfPosition(finding.node.getStart(sourceFile)).line + 1;
  switch (finding.messageId) {
    case 'leakAtExit':
      return `${finding.data['exit']}@${line}`;
    case 'leakAtEnd':
      return finding.data['where'] === 'its block' ? 'block-end' : 'end';
    case 'leakOverwritten':
      return `overwritten@${line}`;
    default:
      return `${finding.messageId}@${line}`;
  }
}

function numbered(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line, index) => `${String(index + 1).padStart(3)}| ${line}`)
    .join('\n');
}

const sorted = (values: Iterable<string>): string[] => [...values].sort();

/** Compiles a batch into one program and compares engine and oracle on each; throws on the first disagreement. */
function checkBatch(raws: readonly RawProgram[]): void {
  const programs = raws.map(resolveProgram);
  const printed = programs.map(printProgram);
  const { program, host, fileNames } = createVirtualProgram(new Map(printed.map((p, index) => [`generated-${index}.ts`, p.text])));
  printed.forEach((p, index) => {
    const sourceFile = program.getSourceFile(fileNames[index]!)!;
    const engine = sorted(new Set(getCheckFindings('no-leaked-socket', sourceFile, host, {}).map((f) => describeFinding(f, sourceFile))));
    const oracle = sorted(getOracleLeaks(programs[index]!, p));
    if (JSON.stringify(engine) !== JSON.stringify(oracle)) {
      throw new Error(
        `engine and oracle disagree on this program:\n${numbered(p.text)}\n` +
          `engine: ${JSON.stringify(engine)}\noracle: ${JSON.stringify(oracle)}`,
      );
    }
  });
}

describe('no-leaked-socket agrees with a path-enumerating oracle', () => {
  it('generated programs are valid TypeScript', () => {
    const raws = fc.sample(fc.array(socketProgramArbitrary(), { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }), { numRuns: 1, seed: 42 })[0]!;
    const printed = raws.map((raw) => printProgram(resolveProgram(raw)));
    const { program, fileNames } = createVirtualProgram(new Map(printed.map((p, index) => [`generated-${index}.ts`, p.text])));
    expect(getDiagnosticsText(program, fileNames)).toEqual([]);
  });

  it('on random programs: the same set of leaking exits', () => {
    fc.assert(
      fc.property(fc.array(socketProgramArbitrary({ maxDepth: DEPTH }), { minLength: 1, maxLength: BATCH_SIZE, size: 'max' }), (raws) => {
        checkBatch(raws);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  }, Math.max(60_000, RUNS * 1_000));
});
