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
