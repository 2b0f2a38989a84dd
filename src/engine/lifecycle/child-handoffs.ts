/**
 * Hand-offs of a socket to a child process that leave a copy open in the parent:
 * - the socket or server (or its raw fd, `socket._handle.fd`) in the `stdio` array of
 *   `child_process.spawn` / `fork` / `execFile` / `exec`: the child gets a duplicate descriptor;
 * - `subprocess.send(message, socket, { keepOpen: true })` (also a cluster worker's and
 *   `process.send`): without `keepOpen` Node closes the parent's copy itself.
 * The connection sends its FIN only when every copy is closed, so the parent must release its own.
 */
import type * as ts from 'typescript';
import type { TypeSpecifier } from '../options.js';
import type { ResourceKind } from '../resources/kinds.js';
import type { AnalysisContext } from './context.js';
import { isOptionTrue } from './call-options.js';
import { getMethodCall, skipOuterExpressions } from './syntax.js';
import { getDeclarationsNamed } from '../prefilter/named-declarations.js';

export interface ChildHandoff {
  /** The spawning or sending call. */
  readonly call: ts.CallExpression;
  /** `child_process.spawn`, `subprocess.send`… */
  readonly via: string;
  /** The variable holding the parent's copy. */
  readonly holder: ts.Identifier;
  readonly kind: ResourceKind;
  /** `stdio`: the child has its copy once the call returns; `send`: once the send callback runs. */
  readonly style: 'stdio' | 'send';
}

const pkg = (name: string | readonly string[], packageName: string): TypeSpecifier => ({ from: 'package', package: packageName, name });
const spawners = [pkg(['spawn', 'fork', 'execFile', 'exec'], 'child_process')];
const childProcess = [pkg('ChildProcess', 'child_process')];
const clusterWorker = [pkg('Worker', 'cluster')];
const nodeProcess = [pkg('NodeJS.Process', 'process')];
const servers = [pkg('Server', 'net'), pkg('Socket', 'dgram')];
/** The APIs through which hand-offs are recognised (types/followed.ts reports files that cannot see them). */
export const childHandoffApis: readonly TypeSpecifier[] = [...spawners, ...childProcess, ...clusterWorker, ...nodeProcess, ...servers];

const senders = [
  { name: 'subprocess', send: pkg('ChildProcess.send', 'child_process') },
  { name: 'worker', send: pkg('Worker.send', 'cluster') },
  { name: 'process', send: pkg('NodeJS.Process.send', 'process') },
];

const spawnerNames: ReadonlySet<string> = new Set(['spawn', 'fork', 'execFile', 'exec']);
const sendNames: ReadonlySet<string> = new Set(['send']);
/** The hand-offs made by one call, if it is a spawn with sockets in `stdio` or a `send` with `keepOpen`. */
export function getChildHandoffs(context: AnalysisContext, call: ts.CallExpression): ChildHandoff[] {
  const { ts, checker } = context;
  const method = getMethodCall(ts, call);
  // `subprocess.send(…)` by its receiver; a bound `send` held in a variable by what it is.
  if (method?.name === 'send' || (!method && call.arguments.length >= 3)) {
    if (call.arguments.length < 3) return [];
    const via = method ? getSenderName(context, checker.getTypeAtLocation(method.receiver)) : getSendFunctionSender(context, call);
    if (!via) return method ? [] : getSpawnHandoffs(context, call);
    const [, handle, options] = call.arguments;
    if (!handle || !options || !isOptionTrue(context, options, 'keepOpen')) return [];
    const handoff = getHandedValue(context, handle);
    return handoff ? [{ call, via: `${via}.send`, ...handoff, style: 'send' }] : [];
  }
  return getSpawnHandoffs(context, call);
}

/** `spawn(…, { stdio: [socket] })` and the other spawners: each socket in `stdio` is copied into the child. */
function getSpawnHandoffs(context: AnalysisContext, call: ts.CallExpression): ChildHandoff[] {
  const { catalog } = context;
  // The options first: a call without a `stdio` array hands nothing over, whatever it calls.
  const stdio = getStdioArray(context, call);
  if (!stdio) return [];
  const declaration = context
    .getCalleeSymbolDeclarations(call, spawnerNames)
    .find((candidate) => spawners.some((specifier) => catalog.declarationMatches(candidate, specifier)));
  if (!declaration) return [];
  const via = `child_process.${catalog.getOrigin(declaration).qualifiedName}`;
  const handoffs: ChildHandoff[] = [];
  for (const element of stdio.elements) {
    const handoff = getHandedValue(context, element);
    if (handoff) handoffs.push({ call, via, ...handoff, style: 'stdio' });
  }
  return handoffs;
}

/** `subprocess`, `worker` or `process` for a `send` called through a variable (`const send = child.send.bind(child)`). */
function getSendFunctionSender(context: AnalysisContext, call: ts.CallExpression): string | undefined {
  const { catalog } = context;
  const declaration = context
    .getCalleeSymbolDeclarations(call, sendNames)
    .find((candidate) => senders.some(({ send }) => catalog.declarationMatches(candidate, send)));
  return declaration && senders.find(({ send }) => catalog.declarationMatches(declaration, send))?.name;
}

/** `subprocess`, `worker` or `process` for the receivers whose `send` can pass a handle. */
function getSenderName(context: AnalysisContext, type: ts.Type): string | undefined {
  const { catalog } = context;
  if (catalog.isTypeOrSubtype(type, childProcess)) return 'subprocess';
  if (catalog.isTypeOrSubtype(type, clusterWorker)) return 'worker';
  if (catalog.isTypeOrSubtype(type, nodeProcess)) return 'process';
  return undefined;
}

/** A socket or server variable, or a raw fd read off one (`socket._handle.fd`, `server._handle.fd`). */
function getHandedValue(context: AnalysisContext, expression: ts.Expression): Pick<ChildHandoff, 'holder' | 'kind'> | undefined {
  const { ts, checker, catalog } = context;
  let node = followDescriptor(context, skipOuterExpressions(ts, expression));
  if (ts.isIdentifier(node)) {
    // `const fd = socket._handle.fd; … stdio: [fd]`
    const declaration = context.getSymbol(node)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const initializer = skipOuterExpressions(ts, declaration.initializer);
      if (ts.isPropertyAccessExpression(initializer) && initializer.name.text === 'fd') node = followDescriptor(context, initializer);
    }
  }
  if (!ts.isIdentifier(node)) return undefined;
  const type = checker.getTypeAtLocation(node);
  const kind = catalog.getKindOfType(type);
  if (kind && kind.family === 'socket') return { holder: node, kind };
  if (catalog.isTypeOrSubtype(type, servers)) {
    return { holder: node, kind: { name: 'net.Server', noun: 'server', family: 'socket', types: servers, release: ['close'], suggestedRelease: '{{name}}.close()' } };
  }
  return undefined;
}

/** `socket._handle.fd` / `(socket as any)._handle.fd` → `socket`: the descriptor belongs to the socket. */
function followDescriptor(context: AnalysisContext, expression: ts.Expression): ts.Expression {
  const { ts } = context;
  let node = expression;
  while (ts.isPropertyAccessExpression(node) && (node.name.text === 'fd' || node.name.text === '_handle')) {
    node = skipOuterExpressions(ts, node.expression);
  }
  return node;
}

/** The `stdio` array of a spawn call's options (inline, or a `const` declared in the file). */
function getStdioArray(context: AnalysisContext, call: ts.CallExpression): ts.ArrayLiteralExpression | undefined {
  const { ts } = context;
  // Only an object literal written with `stdio: …` can be one: a program with none (most) hands
  // nothing over, and its calls' arguments are never resolved.
  if (!hasStdioProperty(context)) return undefined;
  for (const argument of call.arguments) {
    const options = resolveObjectLiteral(context, argument);
    if (!options) continue;
    for (const property of options.properties) {
      if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name) || property.name.text !== 'stdio') continue;
      const value = context.resolveInitializer(property.initializer);
      if (value && ts.isArrayLiteralExpression(value)) return value;
    }
  }
  return undefined;
}

const stdioPrograms = new WeakMap<ts.Program, boolean>();

/** Whether some object literal of the program is written with a `stdio` property (the index of names, read once). */
function hasStdioProperty(context: AnalysisContext): boolean {
  const { ts } = context;
  const { program } = context.host;
  let found = stdioPrograms.get(program);
  if (found === undefined) {
    found = getDeclarationsNamed(ts, program, 'stdio').some((declaration) => ts.isPropertyAssignment(declaration));
    stdioPrograms.set(program, found);
  }
  return found;
}

function resolveObjectLiteral(context: AnalysisContext, expression: ts.Expression): ts.ObjectLiteralExpression | undefined {
  const node = context.resolveInitializer(expression);
  return node && context.ts.isObjectLiteralExpression(node) ? node : undefined;
}
