/**
 * CommonJS interop: `const Redis = require('ioredis'); new Redis()`. A package whose types are an
 * ES module with a default export (`export default class Redis`) is often built so that its
 * CommonJS entry assigns that default to `module.exports` (ioredis: `exports = module.exports =
 * require("./Redis").default`), and JavaScript code calls or constructs what `require` returns.
 * TypeScript types that value as the module's namespace object, which has no signatures, so the
 * call reads as no call at all and a leak in it went unreported. Code that calls or constructs a
 * module object runs only when the module object is its default export; so that is how it is read.
 */
import type * as ts from 'typescript';
import type { EngineHost } from '../host.js';

/**
 * The type of the `default` export that calling (`construct` false) or constructing (`construct`
 * true) the module object `type` reaches: when `type` is a module's namespace object (its symbol a
 * value module) with no signatures of that kind, and its `default` export has some. Undefined
 * otherwise. `location` is the call, for the checker's narrowing of the member's type.
 */
export function getInteropDefaultType(
  ts: EngineHost['ts'],
  checker: ts.TypeChecker,
  type: ts.Type,
  construct: boolean,
  location: ts.Node,
): ts.Type | undefined {
  const module = type.getSymbol();
  if (!module || !(module.flags & ts.SymbolFlags.ValueModule)) return undefined;
  if ((construct ? type.getConstructSignatures() : type.getCallSignatures()).length > 0) return undefined;
  const member = checker.getPropertyOfType(type, ts.InternalSymbolName.Default);
  if (!member) return undefined;
  const value = checker.getTypeOfSymbolAtLocation(member, location);
  return (construct ? value.getConstructSignatures() : value.getCallSignatures()).length > 0 ? value : undefined;
}
