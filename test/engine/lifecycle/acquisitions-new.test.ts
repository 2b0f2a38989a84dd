/**
 * What `new` creates, read without resolving the expression: getCreationKind takes the type every
 * construct signature makes (a class's overloads, a generic class's `C<T>`) instead of picking an
 * overload and inferring type arguments. The oracle is the checker's type of each `new` expression,
 * read by the catalog, on generic and overloaded classes of the program (wrappers and not), declared
 * ones, and construct signatures that make different types.
 */
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compareCreationKinds } from './creation-oracle.js';

const code = `
import * as net from 'node:net';
import * as tls from 'node:tls';

class Connection<T> {
  private readonly socket: net.Socket;
  constructor(port: number, readonly tag: T) {
    this.socket = net.connect(port);
  }
  close(): void {
    this.socket.end();
  }
}
class Dual {
  private readonly socket: net.Socket;
  constructor(port: number);
  constructor(path: string, secure: boolean);
  constructor(target: number | string, secure = false) {
    this.socket = typeof target === 'number' ? net.connect(target) : secure ? tls.connect(target) : net.connect(target);
  }
  destroy(): void {
    this.socket.destroy();
  }
}
class Box<T> {
  constructor(readonly value: T) {}
}
class Tagged<T> extends net.Socket {
  tag?: T;
}
declare const Either: { new (port: number): net.Socket; new (name: string): Date };

export function run(flag: boolean) {
  new Connection(80, 'a').close();
  new Connection<number>(81, 1).close();
  new Dual(80).destroy();
  new Dual('/tmp/s', true).destroy();
  new Box(net.connect(82)).value.destroy();
  new Box<string>('x');
  new Tagged<string>().destroy();
  new net.Socket().destroy();
  new Either(80).destroy();
  new Either('name').getTime();
  new Set<net.Socket>();
  new (flag ? Connection : Box)(84, 'b');
}
`;

describe('getCreationKind on `new`', () => {
  it('gives the kind of the type the checker gives each `new` expression', () => {
    const { compared, mismatches } = compareCreationKinds(
      'constructors.ts',
      code,
      (context, node): node is ts.NewExpression => context.ts.isNewExpression(node),
      ({ checker, catalog }, node) => {
        const kind = catalog.getKindOfType(checker.getTypeAtLocation(node));
        return kind && !kind.notCreatedByNew ? kind.name : undefined;
      },
    );
    expect(mismatches).toEqual([]);
    expect(compared).toEqual([
      "new Connection(80, 'a'): Connection",
      'new Connection<number>(81, 1): Connection',
      'new Dual(80): Dual',
      "new Dual('/tmp/s', true): Dual",
      'new Box(net.connect(82)): undefined',
      "new Box<string>('x'): undefined",
      'new Tagged<string>(): net.Socket',
      'new net.Socket(): net.Socket',
      'new Either(80): net.Socket',
      "new Either('name'): undefined",
      'new Set<net.Socket>(): undefined',
      "new (flag ? Connection : Box)(84, 'b'): Connection",
    ]);
  });
});
