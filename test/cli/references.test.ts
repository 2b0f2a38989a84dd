/**
 * A package of a monorepo imported by its name (`@acme/shared`, linked into node_modules by the
 * workspace) resolves to its built `.d.ts`, or to nothing before a build. Like the editor (and so
 * ESLint's project service), the CLI reads a referenced project's sources instead, so a wrapper
 * class or a helper defined there is seen for what it is, built or not.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { repoRoot } from './helpers.js';

const files: Record<string, string> = {
  'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'] }),
  'tsconfig.json': JSON.stringify({ files: [], references: [{ path: 'packages/shared' }, { path: 'packages/api' }] }),
  'tsconfig.base.json': JSON.stringify({
    compilerOptions: { composite: true, strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], typeRoots: [path.join(repoRoot, 'node_modules', '@types')] },
  }),
  'packages/shared/package.json': JSON.stringify({ name: '@acme/shared', type: 'module', exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } }),
  'packages/shared/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] }),
  'packages/shared/src/index.ts': `import net from 'node:net';
export class Channel {
  private readonly socket: net.Socket;
  constructor(port: number) { this.socket = net.connect(port); }
  send(line: string): void { this.socket.write(line); }
  close(): void { this.socket.end(); }
}
export function describeSocket(socket: net.Socket): string {
  return String(socket.remotePort);
}
`,
  'packages/api/package.json': JSON.stringify({ name: '@acme/api', type: 'module' }),
  'packages/api/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'], references: [{ path: '../shared' }] }),
  'packages/api/src/send.ts': `import net from 'node:net';
import { Channel, describeSocket } from '@acme/shared';
export function send(port: number, line: string): void {
  const channel = new Channel(port);
  if (line === '') return;
  channel.send(line);
  channel.close();
}
export function probe(port: number): string {
  const socket = net.connect(port);
  return describeSocket(socket);
}
`,
};

describe('a referenced package imported by name', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'closewait-references-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  mkdirSync(path.join(dir, 'node_modules', '@acme'), { recursive: true });
  symlinkSync(path.join(dir, 'packages', 'shared'), path.join(dir, 'node_modules', '@acme', 'shared'), 'dir');

  it('is read from its sources before any build: the wrapper and the borrowing helper are seen', () => {
    const result = run({ cwd: dir });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.messageId}`)).toEqual([
      'packages/api/src/send.ts:5 leakAtExit',
      'packages/api/src/send.ts:11 leakAtExit',
    ]);
  });
});
