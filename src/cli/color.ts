/** Whether the stylish report gets colours: the flag, else NO_COLOR / FORCE_COLOR, else "is it a terminal". */
import type { CliIo, OutputStream } from './io.js';

/** Colours for a report written to `stream` (undefined: a file). */
export function shouldUseColor(flag: boolean | undefined, stream: OutputStream | undefined, env: CliIo['env']): boolean {
  if (flag !== undefined) return flag;
  if (stream === undefined) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true;
}
