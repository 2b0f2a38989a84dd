/**
 * getMissingTypes finds what it looks at without walking the file (its candidates: the import
 * statements, the calls of the shared file index, and the identifiers and import types found by
 * their text). Property: those candidates are exactly the nodes a full walk of the file meets that
 * can import a module or use a followed global, in the walk's order (the independent oracle below),
 * on snippets with the names in comments, strings, nested functions, module blocks and types.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getResourceKinds } from '../../../src/engine/resources/kinds.js';
import { getFollowedApis } from '../../../src/engine/types/followed.js';
import { getCandidates } from '../../../src/engine/types/missing-types.js';
import { getEngineNamespace } from '../../../src/engine/ts-namespace.js';
import { createVirtualProgram } from '../lifecycle/virtual-program.js';

const followed = getFollowedApis(getResourceKinds());

/** What the walk looks at: an import or export with a string specifier, `import x = require()`, an import type, `import()`, `require()`, a followed global's name. */
function isRelevant(node: ts.Node): boolean {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return node.moduleSpecifier !== undefined && ts.isStringLiteralLike(node.moduleSpecifier);
  if (ts.isImportEqualsDeclaration(node)) return ts.isExternalModuleReference(node.moduleReference);
  if (ts.isImportTypeNode(node)) return true;
  if (ts.isCallExpression(node)) return node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require');
  return ts.isIdentifier(node) && followed.globals.has(node.text);
}

/** The oracle: a full pre-order walk of the file, as getMissingTypes did before it had candidates. */
function walkRelevant(sourceFile: ts.SourceFile): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (isRelevant(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}

const describeNode = (sourceFile: ts.SourceFile) => (node: ts.Node) => `${ts.SyntaxKind[node.kind]}@${node.getStart(sourceFile)}`;

const snippets: readonly [string, string][] = [
  [
    'imports.ts',
    `// fetch( in a comment, and 'WebSocket' in a string
import * as net from 'node:net';
import type { Agent } from 'undici';
export { connect } from 'node:tls';
export * from 'ws';
import http = require('node:http');
export type Conn = import('node:net').Socket;
export type Maybe = typeof import('node:dgram');
const note = "fetch Response Deno";
export async function load(url: string) {
  const { spawn } = await import('node:child_process');
  const response: Response = await fetch(url);
  const inner = () => fetch(url).then((r) => r.body);
  const sockets = new WebSocket(url);
  class Holder extends WebSocket {}
  return [net, http, spawn, response, inner, sockets, Holder, note];
}
declare module 'custom' {
  import { Socket } from 'node:net';
  export function open(): Socket;
}
declare namespace Outer.Inner {
  export type Fetch = typeof fetch;
}
export const refetch = 1, fetcher = 'fetch';
`,
  ],
  [
    'common.js',
    `const net = require('node:net');
function later() {
  const tls = require('tls');
  return () => require(\`ws\`);
}
/** @type {typeof fetch} */
const f = globalThis.fetch;
module.exports = { net, later, f, Deno: typeof Deno === 'undefined' ? null : Deno };
`,
  ],
];

describe('getMissingTypes candidates', () => {
  it('are the nodes a full walk meets that can import a followed module or use a followed global, in its order', () => {
    for (const [name, code] of snippets) {
      const { program, fileNames } = createVirtualProgram(new Map([[name, code]]), name.endsWith('.js') ? { allowJs: true, checkJs: false } : {});
      const sourceFile = program.getSourceFile(fileNames[0]!)!;
      const expected = walkRelevant(sourceFile);
      expect(expected.length, name).toBeGreaterThan(5);
      const actual = getCandidates(getEngineNamespace(ts), sourceFile, followed).filter(isRelevant);
      expect(actual.map(describeNode(sourceFile)), name).toEqual(expected.map(describeNode(sourceFile)));
    }
  });
});
