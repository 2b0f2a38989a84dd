/**
 * What every check returns: plain data about one problem, located by TypeScript positions.
 * Front ends turn it into an ESLint report or a CLI reporter row; neither re-analyses anything.
 */
import type * as ts from 'typescript';

export type CheckId =
  | 'no-leaked-socket'
  | 'consume-response-body'
  | 'no-return-in-accept-loop'
  | 'close-in-parent-after-fork'
  | 'end-half-open-socket'
  | 'no-missing-types';

/** One step of the path that leads to the problem: where the resource came from, branches taken, the exit. */
export interface PathStep {
  readonly node: ts.Node;
  readonly role: 'acquire' | 'branch' | 'exit';
  readonly message: string;
}

/** A text edit in the file's own offsets (the same offsets ESLint uses for the same text). */
export interface TextEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

export interface Suggestion {
  readonly messageId: string;
  readonly data: Readonly<Record<string, string>>;
  readonly edits: readonly TextEdit[];
}

export interface Finding {
  readonly check: CheckId;
  readonly messageId: string;
  readonly data: Readonly<Record<string, string>>;
  /** The node the report stands on. */
  readonly node: ts.Node;
  readonly path: readonly PathStep[];
  readonly suggestions: readonly Suggestion[];
}
