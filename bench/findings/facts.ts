/**
 * The engine's facts about one project, as JSON on stdout: for every source file, each call or
 * `new` that creates a resource (and its kind), the handlers, acquire callbacks and promise-chain
 * callbacks it registers, hand-offs to child processes, accept loops, each function's
 * acquisitions, and each class's summary. Findings only show where the facts lead to a bug; on
 * code with few bugs (most published packages) these show whether a change to the engine changed
 * what it *sees*, which findings alone cannot.
 *
 *   node dist/bench/findings/facts.js --project tsconfig.json
 *
 * Uses the engine's internals (not its public API): keep it in step with them.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import type { EngineHost, Ts } from '../../src/engine/host.js';
import { getAcceptLoops } from '../../src/engine/accept-loops/recognise.js';
import { getAcquireCallbacks } from '../../src/engine/lifecycle/acquire-callbacks.js';
import { getAcquisitions, getCreationKind, type ReceivedParameter } from '../../src/engine/lifecycle/acquisitions.js';
import { getChildHandoffs } from '../../src/engine/lifecycle/child-handoffs.js';
import { getAnalysisContext, type AnalysisContext } from '../../src/engine/lifecycle/context.js';
import { getChainHandlers } from '../../src/engine/lifecycle/promise-chains.js';
import { getConnectionHandlers } from '../../src/engine/lifecycle/received.js';
import { getIgnoredResponses, getResponseHandlers } from '../../src/engine/lifecycle/responses.js';
import { isFunctionWithBody } from '../../src/engine/lifecycle/syntax.js';
import { getClassSummary } from '../../src/engine/wrappers/class-summaries.js';

function main(): void {
  const { values } = parseArgs({ options: { project: { type: 'string' } }, strict: true });
  if (!values.project) throw new Error('--project <tsconfig.json> is required');
  const tsconfig = path.resolve(values.project);
  const read = ts.readConfigFile(tsconfig, (file) => ts.sys.readFile(file));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host: ts.createCompilerHost(parsed.options, true) });
  const host: EngineHost = { ts: ts as unknown as Ts, program, checker: program.getTypeChecker() };
  const context = getAnalysisContext(host, {});
  const root = path.dirname(tsconfig);
  const files = program
    .getSourceFiles()
    .filter((file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/'))
    .sort((a, b) => (a.fileName < b.fileName ? -1 : 1));
  const out: Record<string, unknown> = {};
  for (const sourceFile of files) out[path.relative(root, sourceFile.fileName)] = getFileFacts(context, sourceFile);
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
}

function getFileFacts(context: AnalysisContext, sourceFile: ts.SourceFile): object {
  const where = (node: ts.Node): string => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    return `${line + 1}:${character + 1}`;
  };
  const attempt = <T>(compute: () => T): T | string => {
    try {
      return compute();
    } catch (error) {
      return `error: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  const received = (map: ReadonlyMap<ts.Node, object>): object =>
    [...map].map(([fn, value]) => ({ fn: where(fn), ...describeReceived(value as ReceivedParameter) }));
  const creations: string[] = [];
  const handoffs: string[] = [];
  const functions: ts.Node[] = [];
  const classes: ts.ClassLikeDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const kind = attempt(() => getCreationKind(context, node));
      if (kind) creations.push(`${where(node)} ${typeof kind === 'string' ? kind : kind.name}`);
    }
    if (ts.isCallExpression(node)) {
      const found = attempt(() => getChildHandoffs(context, node));
      if (typeof found === 'string') handoffs.push(`${where(node)} ${found}`);
      else for (const handoff of found) handoffs.push(`${where(node)} ${handoff.via} ${handoff.holder.text} ${handoff.kind.name} ${handoff.style}`);
    }
    if (isFunctionWithBody(context.ts, node)) functions.push(node);
    if (ts.isClassLike(node)) classes.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const handlers = attempt(() => getConnectionHandlers(context, sourceFile));
  const responses = attempt(() => getResponseHandlers(context, sourceFile));
  const acquireCallbacks = attempt(() => getAcquireCallbacks(context, sourceFile));
  const chains = attempt(() => getChainHandlers(context, sourceFile, (node) => getCreationKind(context, node)));
  const perFunction: Record<string, unknown> = {};
  for (const fn of functions) {
    const handler = typeof handlers === 'string' ? undefined : handlers.get(fn);
    const socketKind = context.catalog.kinds.find((kind) => kind.name === 'net.Socket')!;
    const socketReceived = handler
      ? { ...handler, kind: socketKind }
      : typeof acquireCallbacks === 'string'
        ? undefined
        : acquireCallbacks.get(fn);
    const responseReceived = typeof responses === 'string' ? undefined : responses.get(fn);
    const facts = {
      sockets: attempt(() => describeAcquisitions(getAcquisitions(context, fn as never, 'socket', socketReceived), where)),
      responses: attempt(() => describeAcquisitions(getAcquisitions(context, fn as never, 'response', responseReceived), where)),
      acceptLoops: attempt(() => getAcceptLoops(context, fn as never, {}).map((loop) => `${where(loop.loop)} ${loop.listener.getText()} ${loop.connection?.kind.name ?? '-'}`)),
    };
    const empty = (value: unknown): boolean => Array.isArray(value) && value.length === 0;
    const acquisitions = (value: unknown): boolean => {
      const found = value as { tracked?: unknown; discarded?: unknown };
      return empty(found.tracked) && empty(found.discarded);
    };
    if (acquisitions(facts.sockets) && acquisitions(facts.responses) && empty(facts.acceptLoops)) continue;
    perFunction[where(fn)] = facts;
  }
  return {
    creations,
    handoffs,
    handlers: typeof handlers === 'string' ? handlers : received(handlers),
    responses: typeof responses === 'string' ? responses : received(responses),
    ignoredResponses: attempt(() => getIgnoredResponses(context, sourceFile).map((ignored) => `${where(ignored.call)} ${ignored.source}`)),
    acquireCallbacks: typeof acquireCallbacks === 'string' ? acquireCallbacks : received(acquireCallbacks),
    chains: typeof chains === 'string' ? chains : received(chains),
    functions: perFunction,
    classes: classes.map((cls) =>
      attempt(() => {
        const summary = getClassSummary(context, cls);
        if (!summary) return `${where(cls)} -`;
        return `${where(cls)} ${summary.name} fields=${summary.fields.map((f) => `${f.name}:${f.kind.name}`).join(',')} release=${summary.releaseMethods.map((m) => m.name).join(',')} self=${summary.selfManaging} kind=${summary.kind?.name ?? '-'}`;
      }),
    ),
  };
}

function describeReceived(value: ReceivedParameter): object {
  return { source: value.source, halfOpen: value.halfOpen, parameterIndex: value.parameterIndex, kind: value.kind?.name, errorFirst: value.errorFirst ?? false, companions: value.companions?.length ?? 0 };
}

function describeAcquisitions(acquisitions: ReturnType<typeof getAcquisitions>, where: (node: ts.Node) => string): object {
  return {
    tracked: acquisitions.tracked.map((r) => `${where(r.origin)} ${r.kind.name} ${r.typeName} ${[...r.holderNames].join(',')} opened=${r.openedAt?.length ?? '-'} received=${r.received?.source ?? '-'}`),
    discarded: acquisitions.discarded.map((d) => `${where(d.origin)} ${d.kind.name} ${d.typeName}`),
  };
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`facts: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
