/**
 * Options of the accept-loop analysis. `listenerTypes` names listener types beyond the built-in
 * Deno `Listener` (and `net.Server`/`tls.Server` through `events.on`); it travels with the other
 * engine options, so the analysis context (keyed by the whole options object) sees it.
 */
import type { EngineOptions, TypeSpecifier } from '../options.js';

export interface AcceptLoopOptions extends EngineOptions {
  /** Types whose values accept connections: iterated with `for await`, or asked with `accept()` in a loop. */
  readonly listenerTypes?: readonly TypeSpecifier[];
}

/** The listener types the options add (none when absent or malformed). */
export function getOptionListenerTypes(options: EngineOptions): readonly TypeSpecifier[] {
  const value = (options as AcceptLoopOptions).listenerTypes;
  return Array.isArray(value) ? value : [];
}
