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

describe('getSignatureDeclaration, getSignature and getCalleeDeclaration', () => {
  it("give, for every call and `new`, the declaration of the signature the checker resolves it to (the oracle: getResolvedSignature), or one overload of the same declared function", () => {
    const code = `
import * as net from 'node:net';
import { EventEmitter, once } from 'node:events';
declare function overloaded(port: number): net.Socket;
declare function overloaded(path: string, tls: boolean): string;
declare const either: ((a: number) => string) | ((a: number) => number);
declare const maybe: { go(): void } | undefined;
function generic<T>(value: T): T { return value; }
class Base { constructor(readonly port: number) {} }
class Fluent extends Base {
  constructor() { super(1); }
  chain(): this { return this; }
  twice(n: number): this;
  twice(s: string): number;
  twice(x: number | string): this | number { return typeof x === 'number' ? this : 0; }
}
export function run(emitter: EventEmitter, socket: net.Socket, anything: any) {
  const fluent = new Fluent();
  fluent.chain().chain();
  fluent.twice(1);
  fluent.twice('x');
  overloaded(80);
  overloaded('/tmp/s', true);
  generic(socket).setTimeout(10);
  socket.setTimeout(10, () => socket.destroy());
  emitter.on('data', () => {}).once('end', () => {});
  either(1);
  maybe?.go();
  anything.whatever();
  net.connect({ port: 80 }).end();
  new net.Server();
  new Base(2);
  [1, 2].map((n) => n * 2).filter(Boolean);
  // @ts-expect-error: no overload takes no arguments
  overloaded();
  // @ts-expect-error: one signature, wrong arguments
  generic();
  // @ts-expect-error: one signature, not generic, wrong arguments
  takesSocket();
  takesSocket(socket);
  net.createConnection(80).setTimeout(5);
  socket.end();
  socket.end('bye', () => {});
  once(emitter, 'close');
  once(new EventTarget(), 'close');
}
declare function takesSocket(socket: net.Socket): void;
`;
    const { program, host, fileNames } = createVirtualProgram(new Map([['signatures.ts', code]]));
    const sourceFile = program.getSourceFile(fileNames[0]!)!;
    const context = getAnalysisContext(host, {});
    const { ts } = host;
    const mismatches: string[] = [];
    let calls = 0;
    const visit = (node: import('typescript').Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        calls++;
        const expected = host.checker.getResolvedSignature(node)?.getDeclaration();
        const actual = context.getSignatureDeclaration(node);
        if (actual !== expected) mismatches.push(`${node.getText()}: ${actual?.getText().slice(0, 40)} instead of ${expected?.getText().slice(0, 40)}`);
        // getSignature answers a call with one non-generic signature without resolving it: the same signature.
        const signature = context.getSignature(node)?.getDeclaration();
        if (signature !== expected) mismatches.push(`getSignature ${node.getText()}: ${signature?.getText().slice(0, 40)} instead of ${expected?.getText().slice(0, 40)}`);
        // getCalleeDeclaration: what runs, or for the overloads of one declared function, one of them.
        const callee = context.getCalleeDeclaration(node);
        const implementation = expected && context.getImplementation(expected as import('typescript').SignatureDeclaration);
        const sameFunction = callee !== undefined && implementation !== undefined && (callee as { symbol?: unknown }).symbol === (implementation as { symbol?: unknown }).symbol;
        if (callee !== implementation && !(sameFunction && !('body' in callee && callee.body))) {
          mismatches.push(`getCalleeDeclaration ${node.getText()}: ${callee?.getText().slice(0, 40)} instead of ${implementation?.getText().slice(0, 40)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    expect(calls).toBeGreaterThan(20);
    expect(mismatches).toEqual([]);
  });
});
