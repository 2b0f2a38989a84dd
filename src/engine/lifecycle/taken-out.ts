/**
 * Resources taken out of a map: `const socket = sockets.get(id); sockets.delete(id);`. A lookup
 * alone borrows what the map still holds (resources/borrowing.ts builtinLookupFunctions); once
 * the same key is deleted from the same map, nothing holds the value but this function, which owns
 * it from the `delete` on, as it would own what `idle.shift()` hands over.
 */
import type * as ts from 'typescript';
import type { ResourceKind } from '../resources/kinds.js';
import type { AnalysisContext } from './context.js';
import { getBodyNodes } from './file-index.js';
import { getMethodCall, skipOuterExpressions, type FunctionWithBody } from './syntax.js';

export interface TakenOut {
  readonly kind: ResourceKind;
  /** The map, as written (`connections`, `this.sockets`). */
  readonly from: string;
  /** The `delete` calls after the lookup that take the value out: where the obligation starts. */
  readonly deletes: readonly ts.CallExpression[];
}

/**
 * When `call` is a lib lookup `m.get(k)` of a resource, and `fn` later calls `m.delete(k)` (the same
 * receiver and key, as written): the resource's kind and those calls. Syntax first; the checker is
 * asked only about a lookup that has such a `delete`.
 */
export function getTakenOut(context: AnalysisContext, fn: FunctionWithBody, call: ts.CallExpression): TakenOut | undefined {
  const { ts, checker, catalog } = context;
  const lookup = getKeyedCall(ts, call, 'get');
  if (!lookup) return undefined;
  const deletes = getDeleteCalls(ts, fn)
    .filter((removal) => removal.call.pos > call.end && removal.receiver === lookup.receiver && removal.key === lookup.key)
    .map((removal) => removal.call);
  if (deletes.length === 0) return undefined;
  const declaration = context.getCalleeDeclaration(call);
  if (!declaration || !context.isLookupFunction(declaration)) return undefined;
  const kind = catalog.getKindOfType(checker.getNonNullableType(checker.getTypeAtLocation(call)));
  return kind ? { kind, from: lookup.receiver, deletes } : undefined;
}

interface KeyedCall {
  readonly receiver: string;
  readonly key: string;
}

const deleteCalls = new WeakMap<FunctionWithBody, readonly (KeyedCall & { readonly call: ts.CallExpression })[]>();

/** The `x.delete(k)` calls of a function's body, read once per function (every `get` of it asks). */
function getDeleteCalls(ts: AnalysisContext['ts'], fn: FunctionWithBody): readonly (KeyedCall & { readonly call: ts.CallExpression })[] {
  let calls = deleteCalls.get(fn);
  if (!calls) {
    const found: (KeyedCall & { call: ts.CallExpression })[] = [];
    for (const node of getBodyNodes(ts, fn)) {
      if (!ts.isCallExpression(node)) continue;
      const removal = getKeyedCall(ts, node, 'delete');
      if (removal) found.push({ ...removal, call: node });
    }
    deleteCalls.set(fn, (calls = found));
  }
  return calls;
}

/** `receiver.name(key)`: the receiver's and the key's text, as written (outer parentheses and casts skipped). */
function getKeyedCall(ts: AnalysisContext['ts'], call: ts.CallExpression, name: string): KeyedCall | undefined {
  const method = getMethodCall(ts, call);
  const key = call.arguments[0];
  if (!method || method.name !== name || call.arguments.length !== 1 || !key) return undefined;
  return { receiver: skipOuterExpressions(ts, method.receiver).getText(), key: skipOuterExpressions(ts, key).getText() };
}
