/**
 * The opt-in FIN_WAIT_2 check through the engine's public entry point, as the CLI calls it: the
 * option travels in the plain engine options object (the CLI passes a rule's config there).
 */
import { describe, expect, it } from 'vitest';
import { getCheckFindings, type EngineOptions } from '../../../src/engine/index.js';
import { createVirtualProgram } from '../lifecycle/virtual-program.js';

const code = `import * as net from 'node:net';
export function request(port: number, body: string) {
  const client = net.connect({ port, allowHalfOpen: true });
  client.on('data', (chunk) => console.log(chunk.length));
  client.on('end', () => client.destroy());
  client.end(body);
}
`;

function getMessageIds(options: EngineOptions & { requireFinWaitTimeout?: boolean }): string[] {
  const { program, host, fileNames } = createVirtualProgram(new Map([['fin-wait.ts', code]]));
  const sourceFile = program.getSourceFile(fileNames[0]!)!;
  return getCheckFindings('end-half-open-socket', sourceFile, host, options).map((finding) => finding.messageId);
}

describe('requireFinWaitTimeout through getCheckFindings', () => {
  it('is off by default', () => {
    expect(getMessageIds({})).toEqual([]);
  });

  it('reports the end() when on', () => {
    expect(getMessageIds({ requireFinWaitTimeout: true })).toEqual(['finWait']);
  });

  it('ignores anything but true', () => {
    expect(getMessageIds({ requireFinWaitTimeout: 'yes' } as unknown as EngineOptions)).toEqual([]);
  });
});
