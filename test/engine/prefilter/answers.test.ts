/**
 * The pre-filter's own answers, call by call: "no" is what saves the type questions, so a shape
 * that should be answered "no" is asserted here (a regression there costs speed, never a finding);
 * "may" is asserted where a wrong "no" would lose a finding. Each line marked `// no` or `// may`
 * is the answer for the outermost call on that line, and on every call of every snippet the
 * answer must cover the engine's own (getCreationKind): a creation the pre-filter said "no" to
 * would be a lost finding.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getCreationKind } from '../../../src/engine/lifecycle/acquisitions.js';
import { getAnalysisContext } from '../../../src/engine/lifecycle/context.js';
import { mayCreateResource } from '../../../src/engine/prefilter/may-create.js';
import { mayDenoteNamed } from '../../../src/engine/prefilter/may-denote.js';
import { createVirtualProgram } from '../lifecycle/virtual-program.js';

type Invocation = ts.CallExpression | ts.NewExpression;

/** CommonJS JavaScript: `require` and `module.exports` as Node reads them. */
const commonJs: ts.CompilerOptions = { allowJs: true, checkJs: false, moduleDetection: ts.ModuleDetectionKind.Auto };

function answer(code: string, others: ReadonlyMap<string, string> = new Map(), options: ts.CompilerOptions = {}): { marked: { line: number; expected: boolean; actual: boolean }[]; uncovered: string[] } {
  const entry = options.allowJs ? 'answers.js' : 'answers.ts';
  const { program, host, fileNames } = createVirtualProgram(new Map([[entry, code], ...others]), options);
  const sourceFile = program.getSourceFile(fileNames[0]!)!;
  const context = getAnalysisContext(host, {});
  const invocations: Invocation[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) invocations.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const lineOf = (node: ts.Node): number => sourceFile.getLineAndCharacterOfPosition(node.getStart()).line;
  const lines = code.split('\n');
  const marked: { line: number; expected: boolean; actual: boolean }[] = [];
  for (const [index, text] of lines.entries()) {
    const mark = /\/\/ (may|no)$/.exec(text)?.[1];
    if (!mark) continue;
    // The outermost call starting on the line: the first one met in a walk in source order.
    const call = invocations.find((invocation) => lineOf(invocation) === index);
    if (!call) throw new Error(`no call on line ${index + 1}`);
    marked.push({ line: index + 1, expected: mark === 'may', actual: mayCreateResource(context, call) });
  }
  const uncovered = invocations
    .filter((call) => getCreationKind(context, call) !== undefined && !mayCreateResource(context, call))
    .map((call) => `line ${lineOf(call) + 1}: ${call.getText()}`);
  return { marked, uncovered };
}

function expectAnswers(code: string, others?: ReadonlyMap<string, string>, options?: ts.CompilerOptions): void {
  const { marked, uncovered } = answer(code, others, options);
  expect(marked.length).toBeGreaterThan(0);
  expect(marked.filter(({ expected, actual }) => expected !== actual)).toEqual([]);
  expect(uncovered).toEqual([]);
}

describe('members keyed by a symbol constant', () => {
  it('follows `this[k]()` to the members whose computed name is that constant', () => {
    expectAnswers(`
import * as net from 'node:net';
const kOpen = Symbol('open');
const kCount = Symbol('count');
declare const kTyped: unique symbol;
class Dialer {
  [kOpen](port: number) {
    return net.connect(port);
  }
  [kCount]() {
    return 1;
  }
  [kTyped]() {
    return net.connect(2);
  }
  [Symbol.iterator]() {
    return [net.connect(3)][Symbol.iterator]();
  }
  dialAll(port: number) {
    this[kOpen](port); // may
    this[kCount](); // no
    this[kTyped](); // may
    this['dialAll'](port); // no
  }
}
`);
  });

  it('keeps "may" for keys that may be any symbol', () => {
    expectAnswers(`
import * as net from 'node:net';
const kShared = Symbol.for('open');
const kOther = Symbol('other');
const table: Record<symbol, () => net.Socket> = {};
let key: symbol = kOther;
class Dialer {
  [kShared]() {
    return net.connect(1);
  }
  run() {
    table[kOther](); // may
    this[kShared](); // may
  }
}
export function assign(target: Record<symbol, unknown>) {
  target[key] = () => net.connect(2);
}
`);
  });

  it('finds element assignments keyed by the constant', () => {
    expectAnswers(`
import * as net from 'node:net';
const kConnect = Symbol('connect');
const kClose = Symbol('close');
const handlers: { [kConnect]?: () => net.Socket; [kClose]?: () => void } = {};
handlers[kConnect] = () => net.connect(1);
handlers[kClose] = () => undefined;
export function run() {
  handlers[kConnect]!(); // may
  handlers[kClose]!(); // no
}
`);
  });
});

describe('members keyed by a member that holds a symbol constant', () => {
  it('follows `x[S.k]` through a namespace, a renaming export and a table of symbols', () => {
    const symbols = `
const kConnectInner = Symbol('connect');
export const kClose = Symbol('close');
export { kConnectInner as kConnect };
`;
    expectAnswers(
      `
import * as net from 'node:net';
import * as S from './symbols.js';
import { kConnect } from './symbols.js';
const handlers: Record<symbol, () => unknown> = {
  [S.kConnect]: () => net.connect(1),
  [S.kClose]: () => undefined,
};
const counters = { [kConnect]: () => 1 };
const local = { kOpen: Symbol('open'), kIdle: Symbol('idle') };
class Dialer {
  [local.kOpen]() {
    return net.connect(2);
  }
  [local.kIdle]() {
    return 0;
  }
}
export function run(dialer: Dialer, record: { family: symbol }) {
  handlers[kConnect]!(); // may
  handlers[S.kClose]!(); // no
  dialer[local.kOpen](); // may
  dialer[local.kIdle](); // no
  handlers[record.family]!(); // may
}
`,
      new Map([['symbols.ts', symbols]]),
    );
  });
});

describe('hand-built promises', () => {
  it('answers "no" for a promise nothing types, "may" where a type can come from', () => {
    expectAnswers(`
import * as net from 'node:net';
class Dialer {
  open(port: number) {
    return new Promise((resolve) => resolve(net.connect(port)));
  }
  typed(port: number): Promise<net.Socket> {
    return new Promise((resolve) => resolve(net.connect(port)));
  }
  cast(port: number) {
    return new Promise((resolve) => resolve(net.connect(port))) as Promise<net.Socket>;
  }
  argument(port: number) {
    return new Promise<net.Socket>((resolve) => resolve(net.connect(port)));
  }
  annotated(port: number) {
    return new Promise((resolve: (socket: net.Socket) => void) => resolve(net.connect(port)));
  }
}
export async function run(dialer: Dialer) {
  await dialer.open(1); // no
  await dialer.typed(1); // may
  await dialer.cast(1); // may
  await dialer.argument(1); // may
  await dialer.annotated(1); // may
}
`);
  });

  it('reads a declared return type for what the promise can hold, without the checker', () => {
    expectAnswers(`
import * as net from 'node:net';
interface Info { body: string; status: number | undefined }
class Dialer {
  download(port: number): Promise<{ body: string; status: number | undefined }> {
    return new Promise((resolve) => net.connect(port).on('data', (chunk) => resolve({ body: String(chunk), status: 0 })));
  }
  async info(port: number): Promise<Info> {
    return await new Promise((resolve) => resolve({ body: String(port), status: undefined }));
  }
  either(port: number): Promise<net.Socket | string> {
    return new Promise((resolve) => resolve(net.connect(port)));
  }
  generic<T>(value: T): Promise<T> {
    return new Promise((resolve) => resolve(value));
  }
}
export async function run(dialer: Dialer) {
  await dialer.download(1); // no
  await dialer.info(1); // no
  await dialer.either(1); // may
  await dialer.generic(net.connect(1)); // no
}
`);
  });

  it('reads the declared return type of an arrow function and of a generic class’s method the same way', () => {
    expectAnswers(`
import * as net from 'node:net';
const dial = (port: number): Promise<net.Socket> => new Promise((resolve) => resolve(net.connect(port)));
const label = (port: number): Promise<string> => new Promise((resolve) => net.connect(port).once('data', (chunk) => resolve(String(chunk))));
class Pool<T> {
  private readonly idle: T[] = [];
  take(): Promise<T> {
    return new Promise((resolve) => resolve(this.idle[0]!));
  }
}
export async function run(pool: Pool<net.Socket>) {
  await dial(1); // may
  await label(1); // no
  await pool.take(); // no
}
`);
  });

  it('reads a JSDoc return type in JavaScript, and ignores one in TypeScript, as the checker does', () => {
    expectAnswers(
      `
const net = require('node:net');
class Dialer {
  /** @returns {Promise<{ body: string }>} */
  read(port) {
    return new Promise((resolve) => net.connect(port).on('data', (chunk) => resolve({ body: String(chunk) })));
  }
  /** @returns {Promise<import('node:net').Socket>} */
  open(port) {
    return new Promise((resolve) => resolve(net.connect(port)));
  }
}
exports.run = async function run() {
  await new Dialer().read(1); // no
  await new Dialer().open(1); // may
};
`,
      undefined,
      commonJs,
    );
    // In TypeScript the checker reads no JSDoc type: the object literal's place types the promise
    // (an index signature, so that no other declaration is named \`open\`).
    expectAnswers(`
import * as net from 'node:net';
const dialers: Record<string, (port: number) => Promise<net.Socket>> = {
  /** @returns {Promise<string>} */
  open(port) {
    return new Promise((resolve) => resolve(net.connect(port)));
  },
};
export async function run() {
  await dialers.open!(1); // may
}
`);
  });
});

describe('receivers that fill in type parameters', () => {
  it('answers "no" for a member holding a mapped type, which nothing fills in to a callable or a resource', () => {
    expectAnswers(`
import * as net from 'node:net';
type Query<T> = { [K in keyof T]?: T[K] };
type Openers<T> = { [K in keyof T]: () => T[K] };
interface Update<T> {
  filter: Query<T>;
  open: Openers<T>[keyof T];
  held: T;
}
export function run(update: Update<{ socket: net.Socket }>, ports: number[]) {
  ports.filter((port) => port > 0); // no
  update.open(); // may
}
`);
  });
});

describe('private fields', () => {
  it('reads a private field with no type and no initializer by what its class writes to it', () => {
    expectAnswers(`
import * as net from 'node:net';
class Request {
  #abort;
  #connect;
  #lazy;
  #pair;
  constructor(port: number) {
    this.#abort = () => undefined;
    this.#connect = () => net.connect(port);
    this.#lazy ??= () => net.connect(port + 1);
    [this.#pair] = [() => net.connect(port + 2)];
  }
  run() {
    this.#abort(); // no
    this.#connect(); // may
    this.#lazy(); // may
    this.#pair(); // may
  }
}
`);
  });
});

describe("TypeScript's CommonJS output", () => {
  it('reads a member a declaration file leaves untyped as `any`', () => {
    expectAnswers(
      `
import * as net from 'node:net';
import { Engine } from './engine.js';
export function run(engine: Engine) {
  (engine as any).shutdownAll(); // no
  engine.dialOut(); // may
}
`,
      new Map([['engine.d.ts', "import * as net from 'node:net';\nexport declare class Engine {\n  private shutdownAll;\n  dialOut(): net.Socket;\n}\n"]]),
    );
  });

  it('reads Object.defineProperty by its descriptor', () => {
    expectAnswers(
      `
const net = require('node:net');
const target = {};
Object.defineProperty(target, 'dialNow', { enumerable: true, value: () => net.connect(1) });
Object.defineProperty(target, 'countAll', { enumerable: true, value: () => 1 });
Object.defineProperty(target, 'dialLater', { enumerable: true, get: function () { return () => net.connect(2); } });
exports.run = function run() {
  target.dialNow(); // may
  target.countAll(); // no
  target.dialLater(); // may
};
`,
      undefined,
      commonJs,
    );
  });

  it("follows CommonJS re-exports (`module.exports.open = require('./open')`) to what the module assigns to module.exports", () => {
    expectAnswers(
      `
const net = require('node:net');
module.exports.openSocket = require('./open');
module.exports.versionOf = require('./version');
module.exports.helpers = require('./helpers');
module.exports.nodeNet = require('node:net');
module.exports.relay = require('./relay');
module.exports.dynamic = require(process.env.MODULE);
const table = { dialVia: require('./relay'), countVia: require('./helpers') };
exports.later = require('./version');
function run(api) {
  table.dialVia(83); // may
  table.countVia(); // no
  api.later(); // no
  api.openSocket(80); // may
  api.versionOf(); // no
  api.helpers(); // no
  api.nodeNet(); // no
  api.relay(81); // may
  api.dynamic(); // may
  net.connect(82); // may
}
module.exports.run = run;
`,
      new Map([
        ['open.js', "const net = require('node:net');\nmodule.exports = function open(port) { return net.connect(port); };\n"],
        ['version.js', "module.exports = function version() { return '1.0'; };\nmodule.exports.major = () => 1;\n"],
        ['helpers.js', 'exports.count = () => 1;\n'],
        ['relay.js', "module.exports = require('./open');\n"],
      ]),
      commonJs,
    );
  });

  it('calls or constructs a required module object as its default export (lifecycle/module-interop.ts)', () => {
    expectAnswers(
      `
const Client = require('./client');
const open = require('./open');
const helpers = require('./helpers');
function run() {
  new Client(80); // may
  open(81); // may
  helpers(); // no
  new (require('./client'))(82); // may
}
module.exports.run = run;
`,
      new Map([
        ['client.ts', "import * as net from 'node:net';\nexport default class Client {\n  private readonly socket: net.Socket;\n  constructor(port: number) { this.socket = net.connect(port); }\n  close(): void { this.socket.end(); }\n}\n"],
        ['open.ts', "import * as net from 'node:net';\nexport default function open(port: number): net.Socket { return net.connect(port); }\n"],
        ['helpers.ts', 'export function count(): number { return 1; }\n'],
      ]),
      commonJs,
    );
  });

  it('calls the last operand of a comma expression', () => {
    expectAnswers(`
import * as net from 'node:net';
const util_1 = { countAll: () => 1 };
export function run() {
  (0, net.connect)(1); // may
  (0, util_1.countAll)(); // no
}
`);
  });
});

describe('assignments in TypeScript', () => {
  it('reads `this.m = …` and `options.m = …` as writes to a declared member, not as declarations of their own', () => {
    expectAnswers(`
import * as net from 'node:net';
interface Options {
  render(): string;
}
class Job {
  label: () => string;
  constructor(factories: Array<() => any>, options: Options) {
    this.label = factories[0]!;
    options.render = factories[1]!;
  }
}
export function run(job: Job, options: Options) {
  job.label(); // no
  options.render(); // no
  return net.connect(1); // may
}
`);
  });

  it('reads a property assigned to a function as its declaration (expando), as the binder does', () => {
    expectAnswers(`
import * as net from 'node:net';
interface Policy {
  retry(): number;
  again(): number;
  fresh(): number;
}
function dial(port: number) {
  return net.connect(port);
}
dial.retry = (port: number) => net.connect(port);
const open = (port: number) => net.connect(port);
open['again'] = () => net.connect(3);
namespace tools {
  export function make() {
    return 1;
  }
}
tools.make.fresh = () => net.connect(4);
export function run(policy: Policy) {
  dial.retry(1); // may
  open.again(); // may
  tools.make.fresh(); // may
  policy.retry(); // may
}
`);
  });
});

describe('declared return types read without the checker', () => {
  it('reads a method of the program declared to return `this` as handing back its receiver', () => {
    // mongodb's cursors: fluent stages over an overload that names a class owning a resource.
    expectAnswers(`
import * as net from 'node:net';
export class Cursor {
  private socket?: net.Socket;
  attach(port: number): void { this.socket = net.connect(port); }
  addStage(stage: object): this;
  addStage<T>(stage: object): Cursor;
  addStage(stage: object): Cursor { void stage; return this; }
  limit(count: number): this { return this.addStage({ count }); }
  async skip(count: number): Promise<this> { return this.addStage({ count }); }
  other(count: number) { return this.addStage({ count }); }
}
export function run(cursor: Cursor) {
  cursor.limit(1); // no
  cursor.skip(1); // no
  cursor.other(1); // may
}
`);
  });

  it('reads which members an indexed access of a generic interface can pick, for any receiver', () => {
    // ioredis's shape: every command returns `Result<T, Context>`, an index into a table of result
    // types by the commander's context; the checker leaves it open for a generic receiver.
    expectAnswers(`
import * as net from 'node:net';
interface ResultTable<T> { plain: Promise<T>; batched: Batch }
interface Batch { flushBatch(): Promise<unknown> }
type Context = { kind: keyof ResultTable<unknown> };
type Result<T, C extends Context> = ResultTable<T>[C['kind']];
interface Commander<C extends Context> {
  readText(key: string): Result<string, C>;
  openSocket(port: number): Result<net.Socket, C>;
  chooseValue<S>(value: S): C extends { kind: 'plain' } ? Promise<void> : Promise<string>;
  chooseSocket(): C extends { kind: 'plain' } ? net.Socket : Promise<void>;
}
declare const client: Commander<{ kind: 'plain' }>;
export async function run() {
  await client.readText('k'); // no
  const socket = await client.openSocket(80); // may
  socket.destroy();
  await client.chooseValue(1); // no
  client.chooseSocket(); // may
}
`);
  });

  it('reads generic aliases by their arguments, and conditionals by both branches', () => {
    expectAnswers(`
import * as net from 'node:net';
type Outcome<S> = S extends (...args: any[]) => PromiseLike<infer R> ? Promise<R> : Promise<void>;
type Either<S> = S extends string ? S : net.Socket;
declare function settlePipe<S>(destination: S): Outcome<S>;
declare function eitherText(): Either<number>;
export async function run() {
  await settlePipe(() => Promise.resolve(1)); // no
  eitherText(); // may
}
`);
  });
});

describe('locals given a creation by assignment', () => {
  it('reads a `let` a function returns by every value it is given', () => {
    expectAnswers(`
import * as net from 'node:net';
function open(secure: boolean) {
  let socket: net.Socket;
  if (secure) socket = net.connect(443);
  else socket = net.connect(80);
  return socket;
}
function label() {
  let name = 'a';
  if (Math.random() > 0.5) name = 'b';
  return name;
}
export function run() {
  open(true).destroy();
  const socket = open(false); // may
  label(); // no
  socket.destroy();
}
`);
  });
});

describe('holders typed by a signature', () => {
  it("reads a holder of a declared function's own signatures by their declared return types, and an instantiated one by the checker", () => {
    // mqtt's \`(0, stream_1.pipeline)(…)\`: stream.pipeline's conditional return types cost 0.1 s in the checker.
    expectAnswers(`
import * as net from 'node:net';
import * as stream from 'node:stream';
interface Factory<T> { make(): T | undefined }
declare const run: typeof stream.pipeline;
declare const dial: typeof net.connect;
declare const make: Factory<net.Socket>['make'];
declare const name: Factory<string>['make'];
export function go(source: stream.Readable, sink: stream.Writable) {
  run(source, sink, () => {}); // no
  const socket = dial(80); // may
  const made = make(); // may
  name(); // no
  socket.destroy();
  made?.destroy();
}
`);
  });
});

describe('classes of the program that may be wrappers', () => {
  it('reads a parameter stored through a local copy typed or cast where it is declared', () => {
    // A differential trial's shapes: getOwnParameter follows the copy to the parameter, and the
    // engine types the copy where it is stored; the parameter's own `unknown` says nothing.
    expectAnswers(`
import * as net from 'node:net';
class Annotated {
  private sock: net.Socket;
  constructor(raw: any) { const s: net.Socket = raw; this.sock = s; }
  close(): void { this.sock.destroy(); }
}
class Cast {
  private sock: net.Socket;
  constructor(raw: unknown) { let s = raw as net.Socket; this.sock = s; }
  close(): void { this.sock.destroy(); }
}
class Asserted {
  private sock: net.Socket;
  constructor(raw: any) { const s = <net.Socket>raw; this.sock = s; }
  close(): void { this.sock.destroy(); }
}
class Plain {
  private value: unknown;
  constructor(raw: unknown) { const s = raw; this.value = s; }
}
export function run(raw: net.Socket) {
  const annotated = new Annotated(raw); // may
  const cast = new Cast(raw); // may
  const asserted = new Asserted(raw); // may
  new Plain(raw); // no
  annotated.close();
  cast.close();
  asserted.close();
}
`);
  });

  it('reads a stored type parameter by its constraint', () => {
    expectAnswers(`
import * as net from 'node:net';
class Attached<S extends net.Socket | undefined = net.Socket> {
  sock?: net.Socket;
  attach(s: S): void { this.sock = s; }
  close(): void { this.sock?.end(); }
}
class Generic {
  sock?: net.Socket;
  attach<S extends net.Socket | undefined>(s: S): void { this.sock = s; }
  close(): void { this.sock?.end(); }
}
class Labelled {
  label?: string;
  attach<S extends string | undefined>(s: S): void { this.label = s; }
}
export function run() {
  const attached = new Attached(); // may
  const generic = new Generic(); // may
  new Labelled(); // no
  attached.close();
  generic.close();
}
`);
  });

  it('reads a class by the bases of an interface merged with it', () => {
    expectAnswers(`
import * as net from 'node:net';
import { EventEmitter } from 'node:events';
interface Channel extends net.Socket {}
class Channel {}
interface Emitter extends EventEmitter {}
class Emitter extends EventEmitter {}
export function run() {
  const channel = new Channel(); // may
  channel.destroy();
  new Emitter(); // no
}
`);
  });
});

describe('constructors of the lib', () => {
  it('answers "no" for `new Error()` (an interface merged with its constructor variable)', () => {
    expectAnswers(`
export function fail(message: string) {
  throw new Error(message); // no
}
`);
  });
});

describe('callees that may denote an API', () => {
  /** mayDenoteNamed for the callee of each call on a line marked `// no` or `// may`. */
  function expectDenotes(code: string, names: ReadonlySet<string>): void {
    const { program, host, fileNames } = createVirtualProgram(new Map([['denote.ts', code]]));
    const sourceFile = program.getSourceFile(fileNames[0]!)!;
    const context = getAnalysisContext(host, {});
    const answers: { line: number; expected: boolean; actual: boolean }[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line;
        const mark = /\/\/ (may|no)$/.exec(code.split('\n')[line]!)?.[1];
        if (mark) answers.push({ line: line + 1, expected: mark === 'may', actual: mayDenoteNamed(context, node.expression, names, ts.isNewExpression(node)) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter(({ expected, actual }) => expected !== actual)).toEqual([]);
  }

  it("reads a promise executor's parameters as its resolving functions, and object members by their values", () => {
    expectDenotes(
      `
import * as net from 'node:net';
function parseHeaders(text: string): string[] { return text.split(','); }
const helpers = { parseHeaders, listen: net.createServer, splitHeaders: parseHeaders };
export function run(err: Error, handler: () => void) {
  new Promise((resolve, reject) => {
    reject(err); // no
    resolve(handler); // no
  });
  const { parseHeaders: parse, listen, splitHeaders } = helpers;
  parse('a'); // no
  splitHeaders('b'); // no
  listen(handler); // may
  [net.createServer].forEach((make) => {
    make(handler); // may
  });
}
`,
      new Set(['createServer']),
    );
  });

  it('reads an unnamed call signature by its container, as the catalog matches it', () => {
    expectDenotes(
      `
import * as net from 'node:net';
declare const require: { (id: string): unknown };
declare const listen: typeof net.createServer;
export function run() {
  require('node:net'); // no
  Symbol('x'); // no
  Number('1'); // no
  listen(); // may
}
`,
      new Set(['createServer']),
    );
  });

  it('reads the value of `new Error()`, not the interface merged with it', () => {
    expectDenotes(
      `
import * as net from 'node:net';
const Listener = net.Server;
export function run() {
  new Error('x'); // no
  new Listener(); // may
}
`,
      new Set(['Server']),
    );
  });
});
