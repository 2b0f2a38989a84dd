/**
 * The engine's fast copy of the `ts` namespace (src/engine/ts-namespace.ts): its list of members is
 * the one src/engine reads, and the copy answers exactly as the namespace does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Ts } from '../../src/engine/host.js';
import { engineMembers, getEngineNamespace } from '../../src/engine/ts-namespace.js';

const engineDir = fileURLToPath(new URL('../../src/engine', import.meta.url));

/** The members of the runtime namespace that src/engine reads as `ts.<name>` (types are not in it). */
function getMembersRead(): Set<string> {
  const read = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.ts')) {
        for (const match of readFileSync(file, 'utf8').matchAll(/\bts\.([A-Za-z_]\w*)/gu)) {
          if (match[1]! in ts) read.add(match[1]!);
        }
      }
    }
  };
  visit(engineDir);
  return read;
}

describe('engineMembers', () => {
  it('lists every member of the namespace the engine reads, and no other', () => {
    expect([...engineMembers].sort()).toEqual([...getMembersRead()].sort());
  });
});

describe('getEngineNamespace', () => {
  const fast = getEngineNamespace(ts);

  it('holds the listed members as its own data properties, with the namespace\'s values', () => {
    for (const name of engineMembers) {
      const descriptor = Object.getOwnPropertyDescriptor(fast, name);
      expect(descriptor && 'value' in descriptor && !descriptor.writable, name).toBe(true);
      expect(descriptor!.value, name).toBe((ts as unknown as Record<string, unknown>)[name]);
    }
  });

  it('finds any other member through the namespace', () => {
    expect(Object.hasOwn(fast, 'createSourceFile')).toBe(false);
    expect(fast.createSourceFile).toBe(ts.createSourceFile);
    const sourceFile = fast.createSourceFile('a.ts', 'f(1);', fast.ScriptTarget.ESNext);
    const statement = sourceFile.statements[0]!;
    expect(fast.isExpressionStatement(statement) && fast.isCallExpression(statement.expression)).toBe(true);
  });

  it('is one object per namespace, and its own copy', () => {
    expect(getEngineNamespace(ts)).toBe(fast);
    expect(getEngineNamespace(fast)).toBe(fast);
  });

  it('leaves a member an older TypeScript lacks to its namespace', () => {
    // An older copy without `isSatisfiesExpression` (TypeScript < 4.9): nothing is made up for it.
    const older = Object.create(ts, { isSatisfiesExpression: { value: undefined, enumerable: true } }) as Ts;
    const namespace = getEngineNamespace(older);
    expect(namespace.isSatisfiesExpression).toBeUndefined();
    expect(namespace.isCallExpression).toBe(ts.isCallExpression);
  });
});
