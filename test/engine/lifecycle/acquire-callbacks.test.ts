/**
 * An editor builds a new Program for every edit and hands it the unchanged SourceFiles of the last
 * one. Whether a callback a file registers receives a socket depends on another file (the
 * factory's summary, callback-creations.ts), so the answers of getAcquireCallbacks are the
 * Program's, never the SourceFile's: after the factory changes, the unchanged caller is read again.
 */
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getAcquireCallbacks } from '../../../src/engine/lifecycle/acquire-callbacks.js';
import { getAnalysisContext } from '../../../src/engine/lifecycle/context.js';
import { getEngineNamespace } from '../../../src/engine/ts-namespace.js';
import { compilerOptions, virtualDir } from './virtual-program.js';

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

const callerFile = path.join(virtualDir, 'caller.ts');
const factoryFile = path.join(virtualDir, 'factory.ts');

/** Programs over the caller and a factory; the caller's SourceFile is created once and shared, as an editor shares it. */
function createEditorPrograms(): (factory: string) => { context: ReturnType<typeof getAnalysisContext>; callerSource: ts.SourceFile } {
  const callerSource = ts.createSourceFile(callerFile, caller, ts.ScriptTarget.ES2022, true);
  let previous: ts.Program | undefined;
  return (factory) => {
    const base = ts.createCompilerHost(compilerOptions, true);
    const files = new Map([
      [callerFile, caller],
      [factoryFile, factory],
    ]);
    const host: ts.CompilerHost = {
      ...base,
      fileExists: (fileName) => files.has(fileName) || base.fileExists(fileName),
      directoryExists: (directoryName) => directoryName === virtualDir || (base.directoryExists?.(directoryName) ?? true),
      readFile: (fileName) => files.get(fileName) ?? base.readFile(fileName),
      getSourceFile: (fileName, languageVersion, onError, shouldCreate) => {
        if (fileName === callerFile) return callerSource;
        if (fileName === factoryFile) return ts.createSourceFile(fileName, factory, languageVersion, true);
        return base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
      },
    };
    const program = ts.createProgram({ rootNames: [callerFile, factoryFile], options: compilerOptions, host, oldProgram: previous });
    previous = program;
    const context = getAnalysisContext({ ts: getEngineNamespace(ts), program, checker: program.getTypeChecker() }, {});
    expect(program.getSourceFile(callerFile)).toBe(callerSource);
    return { context, callerSource };
  };
}

function getCallbackSources(factory: string, next: ReturnType<typeof createEditorPrograms>): string[] {
  const { context, callerSource } = next(factory);
  return [...getAcquireCallbacks(context, callerSource).values()].map((received) => received.source);
}

describe('acquire callbacks across Programs', () => {
  it('reads the unchanged caller again when the factory it calls changes', () => {
    const next = createEditorPrograms();
    expect(getCallbackSources(owningFactory, next)).toEqual(['the dial callback']);
    expect(getCallbackSources(lendingFactory, next)).toEqual([]);
    expect(getCallbackSources(owningFactory, next)).toEqual(['the dial callback']);
  });
});
