/** Options of the end-half-open-socket check, on top of the shared engine options. */
import type { EngineOptions } from '../options.js';

export interface HalfOpenSocketOptions extends EngineOptions {
  /**
   * Also report `end()` calls made before the peer has finished with nothing to destroy the socket
   * if the peer never closes (no timeout, no `destroy()` fallback): FIN_WAIT_2 for as long as the
   * process runs. Off by default; on in `configs.strict`.
   */
  readonly requireFinWaitTimeout?: boolean;
}
