import path from 'node:path';
import rule, { type Options } from '../../rules/no-missing-types.js';
import { fixturesDir, runRuleTests } from './rule-tester.js';

/** test/fixtures/missing-types: TypeScript 6, `types: []` (so no @types/node), allowJs, and an untyped `declare module 'legacy-broker'`. */
const withoutTypes = {
  parserOptions: { project: './tsconfig.json', tsconfigRootDir: path.join(fixturesDir, '..', 'missing-types') },
};

const nodeFix = 'add "node" to compilerOptions.types';
const libGlobalFix = `${nodeFix}, or add "DOM" to compilerOptions.lib`;

const moduleTypes = (line: number, column: number, name: string, fix = nodeFix) => ({
  messageId: 'missingModuleTypes' as const,
  line,
  column,
  data: { name, fix },
});

const helperFix = (helper: string) =>
  `\`${helper}(require(…))\` binds \`any\` (an untyped interop helper, as in TypeScript's CommonJS output): audit the sources this file was compiled from`;

const requireFix = (specifier: string) => `\`require()\` binds \`any\` in TypeScript: import it (\`import * as x from '${specifier}'\` or \`import x = require('${specifier}')\`)`;

const globalTypes = (line: number, column: number, name: string, fix = libGlobalFix) => ({
  messageId: 'missingGlobalTypes' as const,
  line,
  column,
  data: { name, fix },
});

const legacyBroker: Options = [{ resources: [{ type: { from: 'package', package: 'legacy-broker', name: 'Connection' }, release: ['close'] }] }];

runRuleTests('no-missing-types', rule, {
  valid: [
    // Names spelled like a global that do not read it: a method, object keys, a property of another object.
    {
      code: `
export class Client {
  fetch(url: string) {
    return url;
  }
}
export const options = { fetch: 1, WebSocket: 2, Response: 3 };
export function run(client: Client, { fetch: custom }: { fetch: (url: string) => Promise<number> }) {
  const hasDeno = typeof Deno !== 'undefined';
  return [client.fetch('x'), options.WebSocket, custom('x'), hasDeno];
}
`,
      languageOptions: withoutTypes,
    },
    // An inline `type` specifier names an interface: a type, with no value to be `any`.
    `
import { spawn, type SpawnOptions } from 'node:child_process';
import { connect, type NetConnectOpts } from 'node:net';
const options: SpawnOptions = { stdio: 'inherit' };
const target: NetConnectOpts = { port: 80 };
export function run(): void {
  spawn('ls', [], options);
  connect(target).destroy();
}
`,
    // Type-only imports bind no value (the checker types one read as a value \`any\`): their types resolve.
    `
import type net from 'node:net';
import type * as tls from 'node:tls';
import type { Server } from 'node:http';
import { type Agent } from 'node:https';
export function close(socket: net.Socket, secure: tls.TLSSocket, server: Server, agent: Agent): void {
  socket.end();
  secure.end();
  server.close();
  agent.destroy();
}
`,
    // The rules fixture lists "node" and "ws" in `types`: everything resolves.
    `
import net from 'node:net';
import * as http from 'http';
import { WebSocket } from 'ws';
export async function get(url: string) {
  const socket = net.connect(80);
  socket.destroy();
  http.get(url).destroy();
  new WebSocket(url).close();
  const response = await fetch(url);
  await response.body?.cancel();
}
`,
    // A module closewait does not follow may go untyped: nothing in it is a socket.
    {
      code: `
import { readFileSync } from 'node:fs';
export const read = (file: string) => readFileSync(file, 'utf8');
`,
      languageOptions: withoutTypes,
    },
    // A project's own \`fetch\`, typed, is followed like any function.
    `
import type { Response as UndiciResponse } from 'undici';
declare function fetch(url: string): Promise<UndiciResponse>;
export async function get(url: string) {
  const response = await fetch(url);
  return response.text();
}
`,
    // Names that are not uses of the global: a property, a declaration, a method.
    `
export const client = { fetch: (url: string) => url, WebSocket: 1 };
export function call() {
  return client.fetch('x') + client.WebSocket;
}
`,
    // A custom resource adds its package to the followed modules; other imports are unaffected.
    {
      code: `
import type { Socket } from 'node:net';
export const sockets: Socket[] = [];
`,
      options: legacyBroker,
    },
  ],
  invalid: [
    // TypeScript 6 with no `types`: node:net is unresolved (tsc says TS2591).
    {
      code: `
import net from 'node:net';
export function send(port: number) {
  const socket = net.connect(port);
  socket.end();
}
`,
      languageOptions: withoutTypes,
      errors: [moduleTypes(2, 17, 'node:net')],
    },
    // One report per module per file, on its first import; `net` and `node:net` are one module.
    {
      code: `
import { connect } from 'net';
import * as net from 'node:net';
import https from 'node:https';
export { createServer } from 'node:http';
export const open = () => [connect(80), net.connect(81), https.get('https://example.com')];
`,
      languageOptions: withoutTypes,
      errors: [moduleTypes(2, 25, 'net'), moduleTypes(4, 19, 'node:https'), moduleTypes(5, 30, 'node:http')],
    },
    // Type-only imports, import types and dynamic imports are uses too.
    {
      code: `
import type { Socket } from 'node:dgram';
export type Stream = import('node:http2').ClientHttp2Stream;
export const load = () => import('node:child_process');
export let socket: Socket | undefined;
`,
      languageOptions: withoutTypes,
      errors: [moduleTypes(2, 29, 'node:dgram'), moduleTypes(3, 29, 'node:http2'), moduleTypes(4, 34, 'node:child_process')],
    },
    // JavaScript: require() is an import.
    {
      code: `
const net = require('node:net');
const tls = require('tls');
module.exports = (port) => [net.connect(port), tls.connect(port)];
`,
      filename: 'script.js',
      languageOptions: withoutTypes,
      errors: [moduleTypes(2, 21, 'node:net'), moduleTypes(3, 21, 'tls')],
    },
    // TypeScript's CommonJS output: the interop helpers are untyped JavaScript, so what they bind is
    // \`any\` though @types/node is there (the rules fixture lists "node"). A plain require() is typed.
    {
      code: `
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; };
var __importStar = (this && this.__importStar) || function (mod) { if (mod && mod.__esModule) return mod; var result = {}; result["default"] = mod; return result; };
Object.defineProperty(exports, "__esModule", { value: true });
const node_net_1 = __importDefault(require("node:net"));
const http = __importStar(require("http"));
const tls = require("tls");
exports.open = (port) => [node_net_1.default.connect(port), http.get("http://localhost"), tls.connect(port)];
`,
      filename: 'script.js',
      errors: [
        moduleTypes(6, 44, 'node:net', helperFix('__importDefault')),
        moduleTypes(7, 35, 'http', helperFix('__importStar')),
      ],
    },
    // Globals with no declaration: fetch and WebSocket come from @types/node or the DOM lib, Deno from @types/deno.
    {
      code: `
export async function get(url: string) {
  const response = await fetch(url);
  const again = await fetch(url);
  const socket = new WebSocket(url);
  const conn = await Deno.connect({ port: 80 });
  return [response, again, socket, conn];
}
`,
      languageOptions: withoutTypes,
      errors: [globalTypes(3, 26, 'fetch'), globalTypes(5, 22, 'WebSocket'), globalTypes(6, 22, 'Deno', 'add "deno" to compilerOptions.types')],
    },
    // Any reference reads the global, not only a call: a member of the global object, a copy, `instanceof`.
    {
      code: `
export async function probe(url: string, value: unknown) {
  const response = await globalThis.fetch(url);
  const Socket = WebSocket;
  return [response, new Socket(url), value instanceof Response];
}
`,
      languageOptions: withoutTypes,
      errors: [globalTypes(3, 37, 'fetch'), globalTypes(4, 18, 'WebSocket'), globalTypes(5, 55, 'Response')],
    },
    // TypeScript: require() binds \`any\` whatever the module's types (the rules fixture lists "node").
    {
      code: `
const net = require('node:net');
const { connect } = require('tls');
export const open = (port: number) => [net.connect(port), connect(port)];
`,
      errors: [moduleTypes(2, 21, 'node:net', requireFix('node:net')), moduleTypes(3, 29, 'tls', requireFix('tls'))],
    },
    // A global the file declares as `any`.
    {
      code: `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const fetch = require('node-fetch');
export async function get(url: string) {
  const response = await fetch(url);
  return response.ok;
}
`,
      errors: [globalTypes(6, 26, 'fetch', 'it is typed `any` here; give it a type')],
    },
    // A package closewait follows (here a custom resource's) declared only by an untyped shorthand
    // (the path is relative to the program's current directory, here the repository).
    {
      code: `
import { Connection } from 'legacy-broker';
export const open = () => new Connection();
`,
      options: legacyBroker,
      languageOptions: withoutTypes,
      errors: [moduleTypes(2, 28, 'legacy-broker', 'replace the untyped `declare module` in test/fixtures/missing-types/shims.d.ts with @types/legacy-broker')],
    },
    // A followed package that is not installed at all.
    {
      code: `
import { Connection } from 'legacy-broker';
import { connect } from 'absent-broker';
export const open = () => [new Connection(), connect('amqp://broker')];
`,
      options: [
        {
          resources: [
            { type: { from: 'package', package: 'legacy-broker', name: 'Connection' }, release: ['close'] },
            { type: { from: 'package', package: 'absent-broker', name: 'Connection' }, release: ['close'] },
          ],
        },
      ],
      languageOptions: withoutTypes,
      errors: [
        moduleTypes(2, 28, 'legacy-broker', 'replace the untyped `declare module` in test/fixtures/missing-types/shims.d.ts with @types/legacy-broker'),
        moduleTypes(3, 25, 'absent-broker', 'install absent-broker'),
      ],
    },
  ],
});
