/**
 * The modules and globals whose values closewait follows, derived from what the checks match on:
 * the type specifiers of every resource kind in force (built-in, presets, custom resources), the
 * APIs through which handlers, hand-offs and accept loops are recognised, and the listener types
 * of the options. A file that uses one of these without its types is a file nothing was checked in
 * (missing-types.ts). Modules used only to discharge a resource (`stream.pipeline`, `events.once`)
 * are left out: without their types closewait reports more, never less.
 */
import { acceptLoopApis } from '../accept-loops/recognise.js';
import { childHandoffApis } from '../lifecycle/child-handoffs.js';
import { connectionHandlerApis } from '../lifecycle/received.js';
import { responseHandlerApis } from '../lifecycle/responses.js';
import type { EngineOptions, TypeSpecifier } from '../options.js';
import { normalizePackageName } from '../resources/origin.js';
import type { ResourceKind } from '../resources/kinds.js';

/** Where a global's declarations come from: TypeScript's lib (and @types/node), or an @types package. */
export type GlobalProvider = { readonly from: 'lib' } | { readonly from: 'package'; readonly package: string };

export interface FollowedApis {
  /** Module names as type specifiers name them (`net`, `undici`, `@redis/client`): `node:` prefix and `@types/` removed. */
  readonly modules: ReadonlySet<string>;
  /** Globals by name: `fetch`, `WebSocket`, `Response` (lib), `Deno` (the `deno` package). */
  readonly globals: ReadonlyMap<string, GlobalProvider>;
}

/**
 * Globals that create resources without being named by any specifier: `fetch` returns a lib
 * `Response`, which the kinds name, but the function itself is matched by its return type.
 */
const resourceFactoryGlobals: readonly string[] = ['fetch'];

const recognitionApis: readonly TypeSpecifier[] = [...connectionHandlerApis, ...childHandoffApis, ...responseHandlerApis, ...acceptLoopApis];

const cache = new WeakMap<readonly ResourceKind[], Map<EngineOptions['listenerTypes'], FollowedApis>>();

/** The modules and globals followed under `kinds` (the catalog's) and the options' listener types. Cached per kinds array. */
export function getFollowedApis(kinds: readonly ResourceKind[], listenerTypes: EngineOptions['listenerTypes'] = []): FollowedApis {
  let byListeners = cache.get(kinds);
  if (!byListeners) {
    byListeners = new Map();
    cache.set(kinds, byListeners);
  }
  let followed = byListeners.get(listenerTypes);
  if (!followed) {
    followed = collectFollowedApis(kinds.flatMap((kind) => kind.types), [...recognitionApis, ...listenerTypes]);
    byListeners.set(listenerTypes, followed);
  }
  return followed;
}

/** Resource types also name globals (`WebSocket`, `Deno.Conn`); recognition APIs only name modules. */
function collectFollowedApis(resourceTypes: readonly TypeSpecifier[], apis: readonly TypeSpecifier[]): FollowedApis {
  const modules = new Set<string>();
  const globals = new Map<string, GlobalProvider>(resourceFactoryGlobals.map((name) => [name, { from: 'lib' }]));
  for (const specifier of apis) if (specifier.from === 'package') modules.add(normalizePackageName(specifier.package));
  for (const specifier of resourceTypes) {
    if (specifier.from === 'file') continue;
    const names = typeof specifier.name === 'string' ? [specifier.name] : specifier.name;
    if (specifier.from === 'lib') {
      for (const name of names) globals.set(getFirstSegment(name), { from: 'lib' });
      continue;
    }
    const packageName = normalizePackageName(specifier.package);
    modules.add(packageName);
    // A namespace-qualified name (`Deno.Conn`) is reached through a global namespace of that package.
    for (const name of names) {
      if (name.includes('.') && !globals.has(getFirstSegment(name))) globals.set(getFirstSegment(name), { from: 'package', package: packageName });
    }
  }
  return { modules, globals };
}

function getFirstSegment(name: string): string {
  const dot = name.indexOf('.');
  return dot === -1 ? name : name.slice(0, dot);
}
