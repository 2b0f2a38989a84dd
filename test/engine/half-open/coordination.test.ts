/**
 * end-half-open-socket against an independent oracle, and its coordination with no-leaked-socket,
 * over every half-open connection handler of up to three statements from a small language:
 *
 * - `data`    `socket.on('data', …)`: reads (consumes) the socket; no-leaked-socket is satisfied;
 * - `answer`  `socket.on('end', () => socket.end())`: a complete 'end' listener;
 * - `destroy` `socket.destroy()`: answers (and releases) on the spot;
 * - `write`   `socket.write(…)`: touches the socket, settles nothing;
 * - `onError` `socket.on('error', () => socket.destroy())`: satisfies no-leaked-socket, answers nothing;
 * - `return`  `if (flag) return;`: an exit.
 *
 * Oracle (DESIGN.md and docs/rules/end-half-open-socket.md), per exit of the handler (each
 * `return` and the end of the body), with the state of the single path that reaches it:
 * - no-leaked-socket's exit: nothing consumed, released or registered a releasing listener;
 * - otherwise, with no `destroy` and no `answer` before it: `unansweredAtExit` on the return, or
 *   `unanswered` on the socket parameter for the end of the body;
 * - with an `answer` before it and no `destroy`: the 'end' listener must run, so when no `data`
 *   statement reads the socket anywhere, `endNeverEmitted` on every `answer`.
 * And whatever the handler: the two rules never report the same node.
 */
import { describe, expect, it } from 'vitest';
import { getCheckFindings, type Finding } from '../../../src/engine/index.js';
import { createVirtualProgram } from '../lifecycle/virtual-program.js';

type Statement = 'data' | 'answer' | 'destroy' | 'write' | 'onError' | 'return';

const statements: readonly Statement[] = ['data', 'answer', 'destroy', 'write', 'onError', 'return'];

const text: Record<Statement, string> = {
  data: "  socket.on('data', (chunk) => console.log(chunk.length));",
  answer: "  socket.on('end', () => socket.end());",
  destroy: '  socket.destroy();',
  write: "  socket.write('hello');",
  onError: "  socket.on('error', () => socket.destroy());",
  return: '  if (flag) return;',
};

/** Every sequence of one to three statements, in a stable order. */
function getHandlers(): Statement[][] {
  const handlers: Statement[][] = [];
  const extend = (prefix: Statement[]): void => {
    if (prefix.length > 0) handlers.push(prefix);
    if (prefix.length === 3) return;
    for (const statement of statements) extend([...prefix, statement]);
  };
  extend([]);
  return handlers;
}

interface Handler {
  readonly statements: readonly Statement[];
  /** Line of the `net.createServer(…, (socket) => {` line; statement i is on line + 1 + i. */
  readonly line: number;
}

/** The expected findings of end-half-open-socket, as `messageId@line`. */
function getExpected(handler: Handler): string[] {
  const expected = new Set<string>();
  let settledForLeaks = false;
  let destroyed = false;
  let listening = false;
  const reads = handler.statements.includes('data');
  const checkExit = (line: number): void => {
    if (!settledForLeaks || destroyed) return; // no-leaked-socket's exit, or answered
    if (!listening) {
      expected.add(line === handler.line ? `unanswered@${line}` : `unansweredAtExit@${line}`);
    } else if (!reads) {
      handler.statements.forEach((statement, index) => {
        if (statement === 'answer') expected.add(`endNeverEmitted@${handler.line + 1 + index}`);
      });
    }
  };
  handler.statements.forEach((statement, index) => {
    const line = handler.line + 1 + index;
    if (statement === 'return') checkExit(line);
    if (statement === 'data' || statement === 'onError') settledForLeaks = true;
    if (statement === 'answer') settledForLeaks = listening = true;
    if (statement === 'destroy') settledForLeaks = destroyed = true;
  });
  checkExit(handler.line);
  return [...expected].sort();
}

function buildProgram(): { code: string; handlers: Handler[] } {
  const lines = ["import * as net from 'node:net';", 'declare const flag: boolean;'];
  const handlers: Handler[] = [];
  getHandlers().forEach((sequence, index) => {
    handlers.push({ statements: sequence, line: lines.length + 1 });
    lines.push(`export const server${index} = net.createServer({ allowHalfOpen: true }, (socket) => {`);
    for (const statement of sequence) lines.push(text[statement]);
    lines.push('});');
  });
  return { code: `${lines.join('\n')}\n`, handlers };
}

function lineOf(finding: Finding): number {
  const sourceFile = finding.node.getSourceFile();
  return sourceFile.getLineAndCharacterOfPosition(finding.node.getStart(sourceFile)).line + 1;
}

describe('end-half-open-socket over every handler of up to three statements', () => {
  const { code, handlers } = buildProgram();
  const { program, host, fileNames } = createVirtualProgram(new Map([['half-open-handlers.ts', code]]));
  const sourceFile = program.getSourceFile(fileNames[0]!)!;
  const ours = getCheckFindings('end-half-open-socket', sourceFile, host);
  const leaks = getCheckFindings('no-leaked-socket', sourceFile, host);
  const handlerOf = (line: number): Handler =>
    handlers.reduce((found, handler) => (handler.line <= line ? handler : found), handlers[0]!);

  it('type-checks', () => {
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    expect(diagnostics.map((diagnostic) => String(diagnostic.messageText))).toEqual([]);
  });

  it('covers every kind of finding', () => {
    expect(handlers.length).toBe(6 + 36 + 216);
    const kinds = new Set(handlers.flatMap((handler) => getExpected(handler).map((entry) => entry.split('@')[0])));
    expect([...kinds].sort()).toEqual(['endNeverEmitted', 'unanswered', 'unansweredAtExit']);
    expect(ours.length).toBeGreaterThan(100);
    expect(leaks.length).toBeGreaterThan(50);
  });

  it('reports exactly what the oracle expects', () => {
    const actual = new Map<Handler, string[]>();
    for (const finding of ours) {
      const line = lineOf(finding);
      const handler = handlerOf(line);
      actual.set(handler, [...(actual.get(handler) ?? []), `${finding.messageId}@${line}`]);
    }
    const mismatches = handlers
      .map((handler) => ({
        handler: handler.statements.join(' '),
        expected: getExpected(handler),
        actual: [...(actual.get(handler) ?? [])].sort(),
      }))
      .filter(({ expected, actual: found }) => JSON.stringify(expected) !== JSON.stringify(found));
    expect(mismatches).toEqual([]);
  });

  it('never reports a node that no-leaked-socket reports', () => {
    const leakNodes = new Set(leaks.map((finding) => finding.node));
    const shared = ours.filter((finding) => leakNodes.has(finding.node)).map((finding) => `${finding.messageId}@${lineOf(finding)}`);
    expect(shared).toEqual([]);
  });

  it('leaves a handler that only writes to its socket, or never touches it, to no-leaked-socket', () => {
    const untouched = handlers.filter((handler) => handler.statements.every((statement) => statement === 'write' || statement === 'return'));
    const lines = new Set(ours.map((finding) => handlerOf(lineOf(finding))));
    expect(untouched.filter((handler) => lines.has(handler)).map((handler) => handler.statements.join(' '))).toEqual([]);
    // …and no-leaked-socket does report each of them.
    const leaking = new Set(leaks.map((finding) => handlerOf(lineOf(finding))));
    expect(untouched.filter((handler) => !leaking.has(handler)).map((handler) => handler.statements.join(' '))).toEqual([]);
  });
});
