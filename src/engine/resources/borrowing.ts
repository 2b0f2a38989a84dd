/**
 * Node and lib functions that only look at a resource passed to them. Every other function we
 * cannot see into is assumed to take ownership (DESIGN.md: we do not guess); users add more.
 */
import type { TypeSpecifier } from '../options.js';

const pkg = (name: readonly string[], packageName: string): TypeSpecifier => ({ from: 'package', package: packageName, name });

export const builtinBorrowingFunctions: readonly TypeSpecifier[] = [
  pkg(
    [
      'once',
      'on',
      'getEventListeners',
      'getMaxListeners',
      'setMaxListeners',
      'listenerCount',
      'addAbortListener',
      'EventEmitter.once',
      'EventEmitter.on',
      'EventEmitter.getEventListeners',
      'EventEmitter.listenerCount',
      'EventEmitter.setMaxListeners',
    ],
    'events',
  ),
  pkg(['inspect', 'format', 'formatWithOptions', 'isDeepStrictEqual', 'types.*', 'debuglog'], 'util'),
  pkg(['*'], 'assert'),
  pkg(['*'], 'assert/strict'),
  pkg(['Console.*', 'console.*'], 'console'),
  pkg(['isIP', 'isIPv4', 'isIPv6'], 'net'),
  pkg(['isReadable', 'isErrored', 'isDisturbed', 'getDefaultHighWaterMark'], 'stream'),
  {
    from: 'lib',
    name: [
      'JSON.stringify', 'String', 'StringConstructor', 'Boolean', 'BooleanConstructor', 'Number', 'NumberConstructor',
      'ObjectConstructor.*', 'ArrayConstructor.isArray', 'Reflect.*', 'WeakMap.*', 'WeakSet.*', 'WeakRef.*',
      // Looking a value up in a collection, or taking it out, hands nothing over.
      'Set.has', 'Set.delete', 'ReadonlySet.has', 'Map.has', 'Map.delete', 'ReadonlyMap.has',
      'Array.indexOf', 'Array.lastIndexOf', 'Array.includes', 'ReadonlyArray.indexOf', 'ReadonlyArray.lastIndexOf', 'ReadonlyArray.includes',
    ],
  },
];

/**
 * Lib methods that look a value up and hand it back while its holder keeps it (`Map.get`,
 * `Array.find`, `WeakRef.deref`, a property descriptor's getter): what they return is borrowed,
 * never created by the call, whatever resource the collection holds. Taking a value out (`shift`,
 * `pop`, `splice`) hands it over with the holder's ownership, and stays a creation.
 */
export const builtinLookupFunctions: readonly TypeSpecifier[] = [
  {
    from: 'lib',
    name: [
      'Map.get', 'ReadonlyMap.get', 'WeakMap.get', 'WeakRef.deref',
      'Array.at', 'Array.find', 'Array.findLast', 'ReadonlyArray.at', 'ReadonlyArray.find', 'ReadonlyArray.findLast',
      'PropertyDescriptor.get', 'TypedPropertyDescriptor.get',
      // A decorator's view of a field or accessor (lib.decorators.d.ts) reads what the instance holds.
      'ClassAccessorDecoratorTarget.get', 'ClassAccessorDecoratorResult.get', 'ClassMethodDecoratorContext.access.get',
      'ClassGetterDecoratorContext.access.get', 'ClassAccessorDecoratorContext.access.get', 'ClassFieldDecoratorContext.access.get',
    ],
  },
];

/**
 * Lib functions that hand back their first argument (`Object.assign(target, …)` returns `target`,
 * as do `freeze`, `seal`, `defineProperty`…): a resource passed there goes on as the call's value.
 */
export const builtinPassThroughFunctions: readonly TypeSpecifier[] = [
  {
    from: 'lib',
    name: [
      'ObjectConstructor.assign', 'ObjectConstructor.freeze', 'ObjectConstructor.seal', 'ObjectConstructor.preventExtensions',
      'ObjectConstructor.defineProperty', 'ObjectConstructor.defineProperties', 'ObjectConstructor.setPrototypeOf',
    ],
  },
];
