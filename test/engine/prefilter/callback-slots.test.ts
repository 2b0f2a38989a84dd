/**
 * The checks that look for one API among a file's calls (a `createServer` or `http.get` callback,
 * an acquire callback, a socket in `stdio`, a server factory under another name) decide from syntax
 * first: a call whose callback slot holds no function, an `http.get` with one argument, a promise
 * executor's `resolve`/`reject`, a program with no `stdio:` anywhere. On such code every check runs
 * without typing a callee or resolving a member name (the questions that make the checker infer a
 * JavaScript region), and a registration written the same way is still found.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getCheckFindings } from '../../../src/engine/index.js';
import type { CheckId } from '../../../src/engine/findings.js';
import { createVirtualProgram } from '../lifecycle/virtual-program.js';

const checks: readonly CheckId[] = ['no-leaked-socket', 'consume-response-body', 'close-in-parent-after-fork', 'no-return-in-accept-loop', 'end-half-open-socket'];

/** Runs every check on `code`; returns the type questions asked about nodes inside the function `run`. */
function questionsInRun(code: string): string[] {
  const { program, host, fileNames } = createVirtualProgram(new Map([['slots.ts', code]]));
  const sourceFile = program.getSourceFile(fileNames[0]!)!;
  let run: ts.Node | undefined;
  const find = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name?.text === 'run') run = node.body;
    ts.forEachChild(node, find);
  };
  find(sourceFile);
  const inRun = (node: ts.Node): boolean => node.pos >= run!.pos && node.end <= run!.end && node.getSourceFile() === sourceFile;
  const asked: string[] = [];
  const checker = host.checker;
  const recording = new Proxy(checker, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const node = args[0] as ts.Node | undefined;
        const typed = property === 'getTypeAtLocation' || property === 'getResolvedSignature';
        // A member name is resolved through its receiver's type.
        const member = property === 'getSymbolAtLocation' && node !== undefined && ts.isPropertyAccessExpression(node.parent) && node.parent.name === node;
        if ((typed || member) && node && inRun(node)) asked.push(`${String(property)}(${node.getText()})`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  for (const check of checks) getCheckFindings(check, sourceFile, { ...host, checker: recording }, {});
  return asked;
}

describe('callback slots read before the callee', () => {
  it('asks no type question about lookups, one-argument calls, promise executors and option objects without `stdio`', () => {
    expect(
      questionsInRun(`
const cache = new Map<string, string>();
function makeLogger(prefix: string) {
  return (line: string) => console.log(prefix + line);
}
const hosts = new Map<string, { port: number }>();
export function run(key: string, err: Error, done: (error: Error) => void): Promise<string> {
  const cached = cache.get(key);
  const port = hosts.get(key)?.port ?? 80;
  done(err);
  const options = { port, timeout: 5 };
  done(new Error(String(options.timeout)));
  // A function made by a call (it may be anything), called with no function last.
  const log = makeLogger('slots');
  log('started');
  return new Promise((resolve, reject) => {
    if (cached) resolve(cached);
    else reject(err);
  });
}
`),
    ).toEqual([]);
  });
});
