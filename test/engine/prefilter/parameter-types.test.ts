/**
 * The parameter screen against the checker, as an oracle: for every `this.field = parameter` of a
 * program, ownParameterMayBeResource may answer "no" only where the catalog's reading of the
 * checker's type at the store (narrowed) says no; a wrong "no" would hide a resource a class is
 * handed. It must also settle most stores of real code, or it saves nothing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getAnalysisContext, type AnalysisContext } from '../../../src/engine/lifecycle/context.js';
import { getEngineNamespace } from '../../../src/engine/ts-namespace.js';
import { getUnnarrowedParameterType, ownParameterMayBeResource } from '../../../src/engine/prefilter/parameter-types.js';
import { createVirtualProgram } from '../lifecycle/virtual-program.js';
import { parseTsconfig } from '../../tsconfig-programs.js';

interface Tally {
  /** Every store compared: `file:line text → screen / checker`. */
  readonly stores: string[];
  readonly settled: string[];
  readonly wrongNo: string[];
  /** Stores typed by the parameter's declared type (getUnnarrowedParameterType). */
  readonly declared: string[];
  /** Those whose declared type's kind is not the kind of the type at the store. */
  readonly wrongKind: string[];
}

/** The nearest function around `node` that is not an arrow function (whose parameters a store may read through a closure). */
function getOwner(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) && !ts.isArrowFunction(current)) return current as ts.SignatureDeclaration;
  }
  return undefined;
}

/** Compares every `this.f = p` (p a parameter of the store's owner) in the files `include` picks. */
function compareStores(context: AnalysisContext, sourceFiles: readonly ts.SourceFile[]): Tally {
  const tally: Tally = { stores: [], settled: [], wrongNo: [], declared: [], wrongKind: [] };
  for (const sourceFile of sourceFiles) {
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && node.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const owner = getOwner(node);
        const value = ts.skipPartiallyEmittedExpressions(node.right);
        if (owner && context.getOwnParameter(value, owner)) {
          const screened = ownParameterMayBeResource(context, value, owner);
          const kind = context.catalog.getKindOfType(context.checker.getTypeAtLocation(value))?.name;
          const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
          const where = `${path.basename(sourceFile.fileName)}:${line + 1} ${node.getText().replace(/\s+/g, ' ')}`;
          tally.stores.push(`${where} → ${screened === false ? 'no' : 'asked'} / ${kind ?? 'none'}`);
          if (screened === false) tally.settled.push(where);
          if (screened === false && kind !== undefined) tally.wrongNo.push(`${where}: ${kind}`);
          const declared = getUnnarrowedParameterType(context, value, owner);
          if (declared) {
            tally.declared.push(where);
            const declaredKind = context.catalog.getKindOfType(declared)?.name;
            if (declaredKind !== kind) tally.wrongKind.push(`${where}: ${declaredKind ?? 'none'} instead of ${kind ?? 'none'}`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return tally;
}

function compareCode(fileName: string, code: string): Tally {
  const { program, host, fileNames } = createVirtualProgram(new Map([[fileName, code]]), fileName.endsWith('.js') ? { allowJs: true, checkJs: true } : {});
  return compareStores(getAnalysisContext(host, {}), [program.getSourceFile(fileNames[0]!)!]);
}

const repository = fileURLToPath(new URL('../../../', import.meta.url));

function compareProgram(rootNames: readonly string[], options: ts.CompilerOptions): Tally {
  const program = ts.createProgram({ rootNames, options });
  const host = { ts: getEngineNamespace(ts), program, checker: program.getTypeChecker() };
  const files = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && rootNames.includes(file.fileName));
  return compareStores(getAnalysisContext(host, {}), files);
}

const typescriptShapes = `
import * as net from 'node:net';
import { Socket } from 'node:net';
declare function isSocket(value: unknown): value is net.Socket;
declare function assertSocket(value: unknown): asserts value is net.Socket;
declare function isValid(options: Options): boolean;
declare function isInstance<T>(value: unknown, type: new (...args: never[]) => T): value is T;
const looksLikeSocket = (value: unknown) => value instanceof net.Socket;
interface Options { host: string; port: number }
interface Checkable { isSocket(): this is net.Socket }
interface Thenable { then(onFulfilled: (socket: net.Socket) => void): void }
type MaybeSocket = net.Socket | undefined;
type Name = string | Options;

export class Settled<T> {
  [field: string]: unknown;
  constructor(options: Options, name: Name, count: number | undefined, onSocket: (socket: net.Socket) => void, sockets: net.Socket[], pending: Promise<net.Socket>, thenable: Thenable, value: T, loose) {
    this.options = options;
    this.name = name;
    this.count = count;
    this.onSocket = onSocket;
    this.sockets = sockets;
    this.pending = pending;
    this.thenable = thenable;
    this.value = value;
    this.loose = loose;
    if (typeof name === 'string' && options.port > 0 && name === 'x') this.name = name;
  }
  method<U>(generic: U, options?: Options): void {
    if (Array.isArray(generic) || !isValid(options!) || 'host' in options!) return;
    this.generic = generic;
    if (options?.host) this.options = options!;
    const later = () => { this.later = options; };
    later();
  }
}

export class Constrained<S extends net.Socket | undefined> {
  [field: string]: unknown;
  declare sock: net.Socket | undefined;
  constructor(socket: S) { this.sock = socket; }
}

export class Derived extends Settled<string> {
  constructor(options: Options) {
    super(options, 'name', 1, () => {}, [], Promise.reject(), { then() {} }, 'value', undefined);
    this.derived = options;
  }
}

export class Asked {
  [field: string]: unknown;
  constructor(socket: net.Socket, named: Socket, maybe: MaybeSocket, either: Options | net.Socket) {
    this.socket = socket;
    this.named = named;
    this.maybe = maybe;
    this.either = either;
  }
  byInstanceof(value: unknown) { if (value instanceof net.Socket) this.value = value; }
  byParenthesizedInstanceof(value: unknown) { if ((value) instanceof net.Socket) this.value = (value); }
  byPredicate(value: unknown) { if (isSocket(value)) this.value = value; }
  byAssertion(value: unknown) { assertSocket(value); this.value = value; }
  byThisPredicate(value: Checkable) { if (value.isSocket()) this.value = value; }
  byConstructor(value: object) { if (value.constructor === net.Socket) this.value = value; }
  byAssignment(value: unknown) { value = new net.Socket(); this.value = value; }
  byDestructuring(value: unknown, pair: [net.Socket]) { [value] = pair; this.value = value; }
  byForOf(value: unknown, list: net.Socket[]) { for (value of list) this.value = value; }
  inClosure(value: unknown) { if (value instanceof net.Socket) { const keep = () => { this.value = value; }; keep(); } }
  byDefault(value = new net.Socket()) { this.value = value; }
  byAliasedCondition(value: unknown) { const ok = value instanceof net.Socket; if (ok) this.value = value; }
  byInferredPredicate(value: unknown) { if (looksLikeSocket(value)) this.value = value; }
  byGenericPredicate(value: unknown) { if (isInstance(value, net.Socket)) this.value = value; }
  inDeadBranch(socket: net.Socket) { if (!socket) this.value = socket; }
  whenUndefined(socket?: net.Socket) { if (socket === undefined) this.value = socket; }
  byTypeof(socket: net.Socket | string) { if (typeof socket === 'string') this.value = socket; }
  byDiscriminant(socket: net.Socket) { if (socket.readyState === 'closed') this.value = socket; }
  get accessor(): net.Socket { return this.socket as net.Socket; }
  set accessor(value) { this.value = value; }
}
`;

const javascriptShapes = `
const net = require('node:net');
const Sock = net.Socket;

class Shapes {
  constructor(options, socket, name) {
    this.options = options;
    this.name = name;
    if (socket instanceof net.Socket) this.socket = socket;
  }
  /** @param {net.Socket} socket */
  documented(socket) { this.socket = socket; }
  /** @param {Sock} socket */
  byValue(socket) { this.socket = socket; }
  /** @type {(socket: net.Socket) => void} */
  typed(socket) { this.socket = socket; }
  plain(callback) { this.callback = callback; }
  cast(socket) { this.socket = /** @type {net.Socket} */ (socket); }
}

/** @param {net.Socket} socket */
class Documented {
  constructor(socket) { this.socket = socket; }
}
module.exports = { Shapes, Documented };
`;

describe('the parameter screen', () => {
  it('settles TypeScript annotations that name no resource, and asks for every narrowing that can make one', () => {
    const tally = compareCode('parameters.ts', typescriptShapes);
    expect(tally.wrongNo).toEqual([]);
    expect(tally.settled.map((store) => store.replace(/^\S+ /, ''))).toEqual([
      'this.options = options',
      'this.name = name',
      'this.count = count',
      'this.onSocket = onSocket',
      'this.sockets = sockets',
      'this.pending = pending',
      'this.thenable = thenable',
      'this.value = value',
      'this.loose = loose',
      'this.name = name',
      'this.generic = generic',
      'this.options = options!',
      'this.later = options',
      'this.derived = options',
    ]);
    // Every store of `Constrained` and `Asked` is asked. The checker finds a socket in each but
    // seven: narrowing by `.constructor` does not make one of `object`; an assignment, a
    // destructuring or a `for … of` to a parameter declared `unknown` leaves it `unknown` (only a
    // declared union is reduced by an assignment); and the three tests that leave no socket
    // (falsy, undefined, a string). The screen asks for them all the same.
    expect(tally.stores.filter((store) => store.includes('asked')).map((store) => store.replace(/^\S+ /, ''))).toEqual([
      'this.sock = socket → asked / net.Socket',
      'this.socket = socket → asked / net.Socket',
      'this.named = named → asked / net.Socket',
      'this.maybe = maybe → asked / net.Socket',
      'this.either = either → asked / net.Socket',
      'this.value = value → asked / net.Socket',
      'this.value = (value) → asked / net.Socket',
      'this.value = value → asked / net.Socket',
      'this.value = value → asked / net.Socket',
      'this.value = value → asked / net.Socket',
      'this.value = value → asked / none',
      'this.value = value → asked / none',
      'this.value = value → asked / none',
      'this.value = value → asked / none',
      'this.value = value → asked / net.Socket',
      'this.value = value → asked / net.Socket',
      'this.value = value → asked / net.Socket',
      'this.value = value → asked / net.Socket',
      'this.value = value → asked / net.Socket',
      'this.value = socket → asked / none',
      'this.value = socket → asked / none',
      'this.value = socket → asked / none',
      'this.value = socket → asked / net.Socket',
      'this.value = value → asked / net.Socket',
    ]);
    // A tested parameter may have lost its socket where it is stored (a falsy socket is `never`, an
    // undefined one `undefined`, a string no socket): typed there. A type parameter may be read as
    // its constraint (`Constrained`): typed there too.
    expect(tally.wrongKind).toEqual([]);
    expect(tally.declared.length).toBe(12);
  });

  it('settles untyped JavaScript parameters, and asks for JSDoc types', () => {
    const tally = compareCode('parameters.js', javascriptShapes);

    expect(tally.wrongNo).toEqual([]);
    expect(tally.wrongKind).toEqual([]);
    // A class's `@param` does not type its constructor's parameters: the checker finds `any` there too.
    expect(tally.settled.map((store) => store.replace(/^\S+ /, ''))).toEqual(['this.options = options', 'this.name = name', 'this.callback = callback', 'this.socket = socket']);
  });

  it("answers as the checker does on mongodb's TypeScript sources, and settles most of their stores", () => {
    const config = parseTsconfig(path.join(repository, 'node_modules/mongodb/tsconfig.json'));
    const tally = compareProgram(config.fileNames, { ...config.options, noEmit: true });
    expect(tally.wrongNo).toEqual([]);

    expect(tally.wrongKind).toEqual([]);
    expect(tally.stores.length).toBeGreaterThan(200);
    expect(tally.declared.length / tally.stores.length).toBeGreaterThan(0.75);
    // Most of the rest hold a class of the program, which may be a wrapper: the checker and the class's summary decide.
    expect(tally.settled.length / tally.stores.length).toBeGreaterThan(0.6);
  });

  it('answers as the checker does on JavaScript packages (ws, pg, mqtt, ioredis)', () => {
    const directories = ['ws/lib', 'pg/lib', 'mqtt/build/lib', 'ioredis/built'];
    const rootNames = directories.flatMap((directory) => ts.sys.readDirectory(path.join(repository, 'node_modules', directory), ['.js'], undefined, undefined));
    const tally = compareProgram(rootNames, { allowJs: true, checkJs: false, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: ['node'], skipLibCheck: true });
    expect(tally.wrongNo).toEqual([]);
    expect(tally.wrongKind).toEqual([]);
    expect(tally.stores.length).toBeGreaterThan(50);
    expect(tally.settled.length / tally.stores.length).toBeGreaterThan(0.5);
  });
});
