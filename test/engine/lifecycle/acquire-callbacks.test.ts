/**
 * An editor builds a new Program for every edit and hands it the unchanged SourceFiles of the last
 * one. Whether a callback a file registers receives a socket depends on another file (the
 * factory's summary, callback-creations.ts), so the answers of getAcquireCallbacks are the
 * Program's, never the SourceFile's: after the factory changes, the unchanged caller is read again.
 */
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getAcquireCallbacks } from '../../../src/engine/lifecycle/acquire-callbacks.js';
import { getAnalysisContext } from '../../../src/engine/lifecycle/context.js';
import { createVirtualProgram } from './virtual-program.js';

const caller = `
import { dial } from './factory.js';
export function send(port: number): void {
  dial(port, (error, socket) => {
    if (error) return;
    socket.write('x');
  });
}
`;

/** A callback-style factory: the callback owns the socket. */
const owningFactory = `
import * as net from 'node:net';
export function dial(port: number, callback: (error: Error | null, socket: net.Socket) => void): void {
  const socket = net.connect(port);
  socket.once('connect', () => callback(null, socket));
}
`;

/** The loan pattern: the factory ends the socket once the callback has used it. */
const lendingFactory = `
import * as net from 'node:net';
export function dial(port: number, callback: (error: Error | null, socket: net.Socket) => void): void {
  const socket = net.connect(port);
  socket.once('connect', () => {
    callback(null, socket);
    socket.end();
  });
}
`;

/** The caller's SourceFile under each factory, in Programs that share it as an editor's do. */
function getCallbackSources(factories: readonly string[]): string[][] {
  let callerSource: ts.SourceFile | undefined;
  return factories.map((factory) => {
    const files = new Map([
      ['caller.ts', caller],
      ['factory.ts', factory],
    ]);
    const { program, host, fileNames } = createVirtualProgram(files, {}, callerSource ? new Map([['caller.ts', callerSource]]) : new Map());
    const sourceFile = program.getSourceFile(fileNames[0]!)!;
    if (callerSource) expect(sourceFile).toBe(callerSource);
    callerSource = sourceFile;
    return [...getAcquireCallbacks(getAnalysisContext(host, {}), sourceFile).values()].map((received) => received.source);
  });
}

describe('acquire callbacks across Programs', () => {
  it('reads the unchanged caller again when the factory it calls changes', () => {
    expect(getCallbackSources([owningFactory, lendingFactory, owningFactory])).toEqual([['the dial callback'], [], ['the dial callback']]);
  });
});
