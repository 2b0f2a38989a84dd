/**
 * A socket taken out of a map (looked up, then its key deleted) through the engine's public entry
 * point: the obligation starts at the `delete`, and the finding and its path say so.
 */
import { describe, expect, it } from 'vitest';
import { getCheckFindings } from '../../../src/engine/index.js';
import { createVirtualProgram } from './virtual-program.js';

const code = `import * as net from 'node:net';
const connections = new Map<string, net.Socket>();
export function drop(id: string, skip: boolean): void {
  const socket = connections.get(id);
  if (!socket) return;
  if (skip) return;
  connections.delete(id);
  if (skip) return;
  socket.end();
}
`;

describe('a socket taken out of a map', () => {
  it('is owed from the delete on, and named by the map it left', () => {
    const { program, host, fileNames } = createVirtualProgram(new Map([['taken-out.ts', code]]));
    const sourceFile = program.getSourceFile(fileNames[0]!)!;
    const findings = getCheckFindings('no-leaked-socket', sourceFile, host, {});
    const lineOf = (node: { getStart(): number }) => sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    // Only the return after the delete: before it, the map still holds the socket.
    expect(findings.map((finding) => [lineOf(finding.node), finding.data['resource']])).toEqual([
      [8, 'The net.Socket `socket` taken out of `connections` on line 7'],
    ]);
    expect(findings[0]!.path.map((step) => [lineOf(step.node), step.message])[0]).toEqual([4, 'looked up here']);
  });
});
