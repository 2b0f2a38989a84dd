/**
 * A call of a declared function with several overloads creates what the overload the checker picks
 * returns. getCreationKind does not resolve the call when every overload gives the same answer
 * (getOverloadsKind): the oracle here is the checker's own pick (getResolvedSignature), read for
 * its return type, on overloads that agree, that disagree, and calls that fit none.
 */
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compareCreationKinds } from './creation-oracle.js';

const code = `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as dgram from 'node:dgram';
import { once } from 'node:events';

declare function open(port: number): net.Socket;
declare function open(path: string, secure: boolean): tls.TLSSocket;
declare function openOrName(port: number): net.Socket;
declare function openOrName(name: string): string;
declare function later(port: number): Promise<net.Socket>;
declare function later(path: string): Promise<net.Socket>;
interface Dialer {
  dial(port: number): net.Socket;
  dial(port: number, host: string): net.Socket;
}

export async function run(dialer: Dialer, emitter: net.Server) {
  net.connect(80).destroy();
  net.connect({ port: 80 }).destroy();
  net.createConnection('/tmp/socket').destroy();
  tls.connect(443).destroy();
  dgram.createSocket('udp4').close();
  open(80).destroy();
  open('/tmp/s', true).destroy();
  openOrName(80).destroy();
  openOrName('name').trim();
  (await later(80)).destroy();
  (await later('/tmp/s')).destroy();
  dialer.dial(80).destroy();
  dialer.dial(80, 'example.com').destroy();
  await once(emitter, 'listening');
  // @ts-expect-error: no overload takes no arguments
  open().destroy();
  // @ts-expect-error: no overload takes an object
  openOrName({}).destroy();
}
`;

describe('getCreationKind on overloaded declarations', () => {
  it('gives the kind of the overload the checker resolves each call to (the oracle: getResolvedSignature)', () => {
    const { compared, mismatches } = compareCreationKinds(
      'overloads.ts',
      code,
      (context, node): node is ts.CallExpression =>
        context.ts.isCallExpression(node) && context.checker.getTypeAtLocation(node.expression).getCallSignatures().length > 1,
      ({ checker, catalog }, node) => {
        const resolved = checker.getResolvedSignature(node);
        const returned = resolved && checker.getReturnTypeOfSignature(resolved);
        return returned && catalog.getKindOfType(checker.getAwaitedType(returned) ?? returned)?.name;
      },
    );
    expect(mismatches).toEqual([]);
    // The calls compared, with what they create: agreeing overloads, disagreeing ones, and misfits.
    expect(compared).toEqual([
      'net.connect(80): net.Socket',
      'net.connect({ port: 80 }): net.Socket',
      "net.createConnection('/tmp/socket'): net.Socket",
      'tls.connect(443): net.Socket',
      "dgram.createSocket('udp4'): dgram.Socket",
      'open(80): net.Socket',
      "open('/tmp/s', true): net.Socket",
      'openOrName(80): net.Socket',
      "openOrName('name'): undefined",
      'later(80): net.Socket',
      "later('/tmp/s'): net.Socket",
      'dialer.dial(80): net.Socket',
      "dialer.dial(80, 'example.com'): net.Socket",
      "once(emitter, 'listening'): undefined",
      'open(): net.Socket',
      'openOrName({}): net.Socket',
    ]);
  });
});
