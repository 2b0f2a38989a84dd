/** The listener types the options add to the built-in ones (none when absent or malformed). */
import type { EngineOptions, TypeSpecifier } from '../options.js';

export function getOptionListenerTypes(options: EngineOptions): readonly TypeSpecifier[] {
  return Array.isArray(options.listenerTypes) ? options.listenerTypes : [];
}
