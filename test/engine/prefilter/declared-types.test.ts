/**
 * The declared-type screen against the checker, as an oracle: for every declared signature of
 * TypeScript's lib, @types/node and the client libraries (and of hand-written shapes), the screen
 * may answer "no" only where the checker's reading (return type, awaited, through the catalog) says
 * no; a wrong "no" would hide a creation from the engine. It must also settle most of them, or it
 * saves nothing.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getAnalysisContext } from '../../../src/engine/lifecycle/context.js';
import type { EngineOptions } from '../../../src/engine/options.js';
import { compareDeclaredReturn } from '../../../src/engine/prefilter/may-create.js';
import { createVirtualProgram } from '../lifecycle/virtual-program.js';

interface Tally {
  settled: number;
  asked: number;
  wrongNo: string[];
  /** "No" where the checker's "may" rests only on a type parameter a receiver could fill in. */
  readByFill: number;
}

function isDeclaredSignature(node: ts.Node): node is ts.SignatureDeclaration {
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.MethodSignature:
    case ts.SyntaxKind.CallSignature:
    case ts.SyntaxKind.ConstructSignature:
      return (node as ts.SignatureDeclaration).type !== undefined && (node as ts.FunctionLikeDeclaration).body === undefined;
    default:
      return false;
  }
}

/** Every declared signature of the program's files that `include` selects, compared, reached both ways. */
function compareAll(code: string, include: (fileName: string) => boolean, options: EngineOptions = {}): Tally {
  const { program, host } = createVirtualProgram(new Map([['screen.ts', code]]));
  const context = getAnalysisContext(host, options);
  const tally: Tally = { settled: 0, asked: 0, wrongNo: [], readByFill: 0 };
  for (const sourceFile of program.getSourceFiles()) {
    if (!include(sourceFile.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if (isDeclaredSignature(node)) {
        for (const asMember of [false, true]) {
          const answer = compareDeclaredReturn(context, node, asMember);
          if (!answer) continue;
          tally.asked++;
          if (answer.screened !== undefined) tally.settled++;
          if (answer.screened === false && answer.byFill) tally.readByFill++;
          else if (answer.screened === false && answer.checked) {
            const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
            tally.wrongNo.push(`${sourceFile.fileName.replace(/.*node_modules\//, '')}:${line + 1} ${node.type!.getText()}`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return tally;
}

/** The screen's answer for each declared signature of `screen.ts`, by name, reached through a receiver. */
function screenAnswers(code: string, options: EngineOptions = {}): { byName: Map<string, boolean | undefined>; wrongNo: string[] } {
  // A declaration file: its classes are declared ones, not classes of the program (which may be wrappers).
  const { program, host, fileNames } = createVirtualProgram(new Map([['screen.d.ts', code]]));
  const context = getAnalysisContext(host, options);
  const byName = new Map<string, boolean | undefined>();
  const wrongNo: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isDeclaredSignature(node)) {
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : ts.SyntaxKind[node.kind];
      for (const asMember of [true, false]) {
        const answer = compareDeclaredReturn(context, node, asMember);
        if (!answer) continue;
        if (asMember) byName.set(name, answer.screened);
        if (answer.screened === false && answer.checked && !answer.byFill) wrongNo.push(`${name} (${asMember ? 'as a member' : 'by its name'})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(program.getSourceFile(fileNames[0]!)!);
  return { byName, wrongNo };
}

const clients = ['pg', 'mysql2', 'mysql2/promise', 'ioredis', 'redis', 'mongodb', 'amqplib', 'mqtt', 'undici', 'ws'];
const importAll = [
  `import 'node:net'; import 'node:http'; import 'node:http2'; import 'node:stream'; import 'node:stream/promises'; import 'node:fs/promises';`,
  ...clients.map((name) => `import '${name}';`),
].join('\n');

describe('the declared-type screen', () => {
  it('answers "no" only where the checker does, on the lib, @types/node and the client libraries', () => {
    const tally = compareAll(importAll, (fileName) => fileName.includes('/node_modules/'));
    expect(tally.wrongNo).toEqual([]);
    expect(tally.asked).toBeGreaterThan(10_000);
    // ioredis's `Result<T, Context>`: the checker's "may" for any member of a generic commander; the
    // screen reads which members the index can pick (answers.test.ts checks such calls against the engine).
    expect(tally.readByFill).toBeGreaterThan(1000);
    // Most declared returns settle from syntax and symbols alone.
    expect(tally.settled / tally.asked).toBeGreaterThan(0.8);
  });

  it('reads aliases, conditionals, unions, promises and bases of hand-written declarations as the checker does', () => {
    const code = `
import * as net from 'node:net';
import { EventEmitter } from 'node:events';
type Maybe<T> = T | undefined;
type Chosen<S> = S extends string ? S : net.Socket;
type Deferred<S> = S extends (...args: any[]) => PromiseLike<infer R> ? Promise<R> : Promise<void>;
interface Thenable { then(onFulfilled: (socket: net.Socket) => void): void }
declare class Base extends EventEmitter {}
declare class Wrapped extends Base {}
declare class Conn extends net.Socket {}
declare const Mixed: new () => net.Socket;
declare class FromValue extends Mixed {}
interface Box<T> { get(): T; peek(): Maybe<T>; take<U extends () => void>(f: U): U; pick<S>(s: S): Chosen<S> }
export function open(): net.Socket;
export function maybe(): Maybe<net.Socket>;
export function later(): Promise<Conn>;
export function plain(): Wrapped;
export function chosen(): Chosen<number>;
export function text(): Chosen<'a'>;
export function deferred<S>(s: S): Deferred<S>;
export function thenable(): Thenable;
export function fromValue(): FromValue;
export function generic<T>(): T;
export function literal(): { close(): void };
export function list(): net.Socket[];
export function pair(): [net.Socket, net.Socket];
export function factory(): () => net.Socket;
export function guard(x: unknown): x is net.Socket;
`;
    const answers = screenAnswers(code);
    expect(answers.wrongNo).toEqual([]);
    expect(Object.fromEntries(answers.byName)).toEqual({
      // The interface's own members, reached through a receiver of Box<net.Socket>: filled in.
      get: true,
      peek: true,
      // The method's own parameter, constrained to a function: never awaited, never filled.
      take: false,
      // A conditional on the method's own parameter, its branches a parameter and a socket.
      pick: true,
      then: false,
      open: true,
      maybe: true,
      later: true,
      plain: false,
      chosen: true,
      // Over-approximated: both branches are read, though the checker resolves this one to 'a'.
      text: true,
      deferred: false,
      // A thenable is awaited by the checker; a class extending a value is read by the checker.
      thenable: undefined,
      fromValue: undefined,
      generic: false,
      literal: false,
      close: false,
      list: false,
      pair: false,
      factory: false,
      guard: false,
    });
  });

  it('counts a type the options name as a resource', () => {
    const code = `
export interface Session { end(): void }
export type Handle = { release(): void };
export function session(): Session;
export function handle(): Promise<Handle>;
`;
    const options: EngineOptions = {
      resources: [
        { type: { from: 'file', path: 'screen.d.ts', name: 'Session' }, release: ['end'] },
        { type: { from: 'file', path: 'screen.d.ts', name: 'Handle' }, release: ['release'] },
      ],
    };
    const answers = screenAnswers(code, options);
    expect(answers.wrongNo).toEqual([]);
    expect(Object.fromEntries(answers.byName)).toEqual({ end: false, release: false, session: true, handle: true });
  });
});
