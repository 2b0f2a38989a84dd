/**
 * no-leaked-socket's findings on classes (wrappers, see wrappers/class-summaries.ts):
 * - `fieldNeverReleased`: the class creates a resource, keeps it in a field, and no member of the
 *   class ever releases it or hands it on (a listener registered on the field itself does not
 *   count: its `'close'` comes too late, and the others run only if the peer acts). A resource the
 *   class was handed (a constructor argument) is not reported this way: who releases a socket
 *   passed to a parser or a protocol handler is a convention closewait cannot see;
 * - `releaseSkipsField`: the class has no complete release method, and a method that releases
 *   everything on some path leaves a field open on another: the class is reported, not its callers.
 * The class is reported rather than its users: whoever creates it has no release to call.
 */
import type * as ts from 'typescript';
import type { Finding } from '../findings.js';
import type { AnalysisContext } from '../lifecycle/context.js';
import { isDischargeAt } from '../lifecycle/effects.js';
import { getFileIndex } from '../lifecycle/file-index.js';
import { getMethodCall, listenerMethods, skipOuterExpressions } from '../lifecycle/syntax.js';
import { getClassSummary, getMemberFunctions, type ClassSummary } from '../wrappers/class-summaries.js';
import type { OwningField } from '../wrappers/owning-fields.js';
import { getFieldResource } from '../wrappers/release-methods.js';
import { isOwnFieldAccess } from '../lifecycle/resource.js';
import { formatRelease } from './leak-findings.js';

/** Class findings of the classes declared in one file. */
export function getOwningClassFindings(context: AnalysisContext, sourceFile: ts.SourceFile): Finding[] {
  const { ts } = context;
  const findings: Finding[] = [];
  for (const node of getFileIndex(ts, sourceFile).classes) {
    const summary = getClassSummary(context, node);
    if (!summary || summary.fields.length === 0) continue;
    const own = summary.fields.filter((field) => field.created && field.stores.some((store) => isWithinClass(store, node)));
    for (const field of own) {
      if (!isFieldEverReleased(context, node, field)) findings.push(getNeverReleasedFinding(summary, field));
    }
    if (summary.releaseMethods.length === 0) findings.push(...getSkippedFieldFindings(context, summary));
  }
  return findings;
}

function isWithinClass(node: ts.Node, cls: ts.ClassLikeDeclaration): boolean {
  return node.pos >= cls.pos && node.end <= cls.end;
}

function getNeverReleasedFinding(summary: ClassSummary, field: OwningField): Finding {
  const store = field.stores[0]!;
  return {
    check: 'no-leaked-socket',
    messageId: 'fieldNeverReleased',
    data: { className: summary.name, typeName: field.kind.name, field: field.name, release: formatRelease(field.kind), name: `${summary.name}.${field.name}` },
    node: store,
    path: [{ node: store, role: 'acquire', message: `stored in ${field.name} here` }],
    suggestions: [],
  };
}

function getSkippedFieldFindings(context: AnalysisContext, summary: ClassSummary): Finding[] {
  const { ts } = context;
  const findings: Finding[] = [];
  for (const [method, { name, releases }] of summary.methods) {
    if (!isWithinClass(method, summary.declaration)) continue;
    for (const exit of releases.partialExits) {
      summary.fields.forEach((field, bit) => {
        if (exit.mask & (1 << bit)) return;
        const statement = exit.node.exitKind === 'return' ? exit.node.ast : undefined;
        const node = statement ?? (ts.isMethodDeclaration(method) || ts.isPropertyDeclaration(method.parent) ? ((method as ts.MethodDeclaration).name ?? method) : method);
        findings.push({
          check: 'no-leaked-socket',
          messageId: 'releaseSkipsField',
          data: {
            className: summary.name,
            method: name,
            field: field.name,
            release: formatRelease(field.kind),
            where: statement ? 'this return' : 'its end',
            name: `${summary.name}.${field.name}`,
          },
          node,
          path: [
            { node: field.stores[0]!, role: 'acquire', message: `stored in ${field.name} here` },
            { node, role: 'exit', message: `${name}() ends here with ${field.name} still open` },
          ],
          suggestions: [],
        });
      });
    }
  }
  return findings;
}

/**
 * Whether some member of the class may release the field or hand it on, anywhere (callbacks
 * included), except inside listeners registered on the field itself.
 */
function isFieldEverReleased(context: AnalysisContext, cls: ts.ClassLikeDeclaration, field: OwningField): boolean {
  const { ts } = context;
  // Its own members and those it inherits from base classes of the program (`closeSocket()` in the base).
  for (const fn of getMemberFunctions(context, cls)) {
    const resource = { ...getFieldResource(context, fn, field), consumable: field.kind.name === 'net.Socket' };
    let released = false;
    const visit = (node: ts.Node): void => {
      if (released) return;
      if (isListenerOnField(context, node, resource.fields!)) {
        // Its callback does not count; a 'data' listener on a socket still reads it to the end.
        released = resource.consumable && isConsumingRegistration(context, node as ts.CallExpression);
        return;
      }
      if (ts.isReturnStatement(node) && node.expression && isDischargeReturn(context, node.expression, resource)) {
        released = true;
        return;
      }
      if (isDischargeAt(context, node, resource)) {
        released = true;
        return;
      }
      ts.forEachChild(node, visit);
    };
    if (!ts.isBlock(fn.body) && isDischargeReturn(context, fn.body, resource)) return true;
    visit(fn.body);
    if (released) return true;
  }
  return false;
}

function isDischargeReturn(context: AnalysisContext, expression: ts.Expression, resource: ReturnType<typeof getFieldResource>): boolean {
  const { ts } = context;
  const node = skipOuterExpressions(ts, expression);
  return ts.isPropertyAccessExpression(node) && isOwnFieldAccess(context, node, resource.fields!);
}

/** `this.socket.on(event, listener)` (any listener method). */
function isListenerOnField(context: AnalysisContext, node: ts.Node, fields: ReadonlySet<ts.Symbol>): boolean {
  const { ts } = context;
  if (!ts.isCallExpression(node)) return false;
  const method = getMethodCall(ts, node);
  if (!method || !listenerMethods.has(method.name)) return false;
  const receiver = skipOuterExpressions(ts, method.receiver);
  return ts.isPropertyAccessExpression(receiver) && isOwnFieldAccess(context, receiver, fields);
}

function isConsumingRegistration(context: AnalysisContext, call: ts.CallExpression): boolean {
  const { ts } = context;
  const event = call.arguments[0];
  return event !== undefined && ts.isStringLiteralLike(event) && (event.text === 'data' || event.text === 'readable');
}
