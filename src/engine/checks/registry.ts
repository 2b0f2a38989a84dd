/** Check id → implementation. */
import type * as ts from 'typescript';
import type { EngineHost } from '../host.js';
import type { CheckId, Finding } from '../findings.js';
import type { EngineOptions } from '../options.js';
import { getAnalysisContext } from '../lifecycle/context.js';
import { getLeakedSocketFindings } from './no-leaked-socket.js';
import { getUnreadResponseFindings } from './consume-response-body.js';
import { getParentCopyFindings } from './close-in-parent-after-fork.js';
import { getAcceptLoopFindings } from './no-return-in-accept-loop.js';
import { getHalfOpenSocketFindings } from './end-half-open-socket.js';
import { getMissingTypesFindings } from './no-missing-types.js';

/** Runs one check over one file. */
export function runCheck(check: CheckId, sourceFile: ts.SourceFile, host: EngineHost, options: EngineOptions): Finding[] {
  const context = getAnalysisContext(host, options);
  switch (check) {
    case 'no-leaked-socket':
      return getLeakedSocketFindings(context, sourceFile);
    case 'consume-response-body':
      return getUnreadResponseFindings(context, sourceFile);
    case 'close-in-parent-after-fork':
      return getParentCopyFindings(context, sourceFile);
    case 'no-return-in-accept-loop':
      return getAcceptLoopFindings(context, sourceFile, options);
    case 'end-half-open-socket':
      return getHalfOpenSocketFindings(context, sourceFile, options);
    case 'no-missing-types':
      return getMissingTypesFindings(context, sourceFile, options);
    default:
      return [];
  }
}
