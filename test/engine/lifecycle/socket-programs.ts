/**
 * A tiny statement language over ONE socket, for property tests of the leak analysis: a generator
 * (fast-check), a printer to TypeScript, and an independent oracle that enumerates every path of
 * the generated program's own AST (no TypeScript, no engine code).
 *
 * Program shapes:
 * - `top`:  `const s = net.connect(80);` first in an async function, then the statements;
 * - `loop`: a top-level loop (`for (const item of items)` or `while (c0)`, maybe labeled) whose body
 *   starts with `const s = net.connect(80);`, then the statements (a fresh socket per iteration).
 *
 * Statements: `if (cN) {…} else {…}` on an opaque boolean parameter (fixed for the call: nothing
 * assigns it); `while (cN)` and
 * `for (const itemK of items)` loops, maybe labeled; `break`/`continue` (labeled or not) to an
 * enclosing loop; `return;`; `throw new Error('boom');`; `try`/`catch`/`finally`; `s.end();`
 * (release); `await once(s, 'connect');` and `console.log(s);` (borrowing calls, which may throw;
 * `once` rejects only after an `'error'`, which Node emits once the socket is destroyed);
 * `keep(s);` (hand-off to an unknown function parameter); `if (!s) return;`.
 *
 * Oracle semantics (DESIGN.md, "Semantics" and "Exits"):
 * - a path's state is the socket's status: `open`, or `done` (released, handed off, or shown absent
 *   by `!s`); a release or hand-off makes it `done` for good;
 * - every call may throw (`once`, its `await`, `console.log`, `new Error`, the next value of a
 *   `for…of`); exceptions and jumps follow JavaScript's completion semantics: `catch` takes any
 *   exception, `finally` runs on every way out and may replace the completion with its own jump;
 * - leaks, each named by the statement that leaks (kind and line): a `return` or an explicit
 *   `throw` leaving the function with the socket open (`return@L`, `throw@L`); falling off the end
 *   (`end`); in the `loop` shape, the end of the loop body (`block-end`) or a `break`/`continue`
 *   leaving it (`break@L`, `continue@L`), since the socket's `const` dies there;
 * - an exception that leaves the function without a `throw` statement is not an exit (no leak), and
 *   neither is a `throw` out of a `catch` entered through such an exception: it rethrows it;
 * - loops are run to a fixpoint over the status at their head (the status only falls from `open` to
 *   `done`, so two iterations already reach it);
 * - the conditions `c0`…`c3` are parameters nothing assigns: every assignment of them is run, and
 *   within one run each test of `cN` goes the same way (`while (cN)` with `cN` true leaves only by
 *   a jump or an exception). A leak of any run is a leak.
 */
import fc from 'fast-check';

// ---- the language ------------------------------------------------------------------------

export type Atom = 'end' | 'once' | 'log' | 'keep' | 'guard' | 'return' | 'throw';

/** Statements as generated: jumps name an enclosing loop by depth, resolved by `resolveProgram`. */
export type RawStmt =
  | { readonly kind: Atom }
  | { readonly kind: 'break' | 'continue'; readonly depth: number; readonly labeled: boolean }
  | { readonly kind: 'if'; readonly cond: number; readonly then: readonly RawStmt[]; readonly else: readonly RawStmt[] | null }
  | { readonly kind: 'while'; readonly cond: number; readonly body: readonly RawStmt[] }
  | { readonly kind: 'forOf'; readonly body: readonly RawStmt[] }
  | {
      readonly kind: 'try';
      readonly body: readonly RawStmt[];
      readonly handler: readonly RawStmt[] | null;
      readonly finalizer: readonly RawStmt[] | null;
    };

export interface RawProgram {
  readonly shape: 'top' | 'loop';
  readonly creatingLoop: 'forOf' | 'while';
  readonly body: readonly RawStmt[];
}

export interface Loop {
  readonly id: number;
  labelUsed: boolean;
}

export type Stmt =
  | { readonly kind: Atom }
  | { readonly kind: 'break' | 'continue'; readonly target: Loop; readonly labeled: boolean }
  | { readonly kind: 'if'; readonly cond: number; readonly then: Stmt[]; readonly else: Stmt[] | null }
  | { readonly kind: 'while'; readonly cond: number; readonly loop: Loop; readonly body: Stmt[] }
  | { readonly kind: 'forOf'; readonly loop: Loop; readonly body: Stmt[] }
  | { readonly kind: 'try'; readonly body: Stmt[]; readonly handler: Stmt[] | null; readonly finalizer: Stmt[] | null };

export interface SocketProgram {
  readonly shape: 'top' | 'loop';
  readonly creatingLoop: 'forOf' | 'while';
  /** The loop whose body declares the socket (`loop` shape only). */
  readonly outerLoop: Loop;
  readonly body: Stmt[];
}

// ---- generation --------------------------------------------------------------------------

export interface GeneratorOptions {
  /** Atoms to leave out (e.g. to keep clear of a known engine issue). */
  readonly excludeAtoms?: readonly Atom[];
  readonly maxDepth?: number;
}

export function socketProgramArbitrary(options: GeneratorOptions = {}): fc.Arbitrary<RawProgram> {
  const excluded = new Set(options.excludeAtoms ?? []);
  const atomWeights: [Atom, number][] = [
    ['end', 4],
    ['once', 4],
    ['log', 1],
    ['keep', 1],
    ['guard', 1],
    ['return', 2],
    ['throw', 2],
  ];
  const atoms = atomWeights
    .filter(([atom]) => !excluded.has(atom))
    .map(([atom, weight]) => ({ arbitrary: fc.constant<RawStmt>({ kind: atom }), weight }));
  const jump = fc.record({
    kind: fc.constantFrom<'break' | 'continue'>('break', 'continue'),
    depth: fc.nat(3),
    labeled: fc.boolean(),
  });
  const cond = fc.nat(3);
  const { block } = fc.letrec<{ stmt: RawStmt; block: RawStmt[] }>((tie) => {
    const block = tie('block') as fc.Arbitrary<RawStmt[]>;
    return {
      stmt: fc.oneof(
        { maxDepth: options.maxDepth ?? 3, depthSize: 'small', depthIdentifier: 'stmt', withCrossShrink: true },
        { arbitrary: fc.oneof(...atoms, { arbitrary: jump, weight: 3 }), weight: 6 },
        { arbitrary: fc.record({ kind: fc.constant('if' as const), cond, then: block, else: fc.option(block, { nil: null }) }), weight: 2 },
        { arbitrary: fc.record({ kind: fc.constant('while' as const), cond, body: block }), weight: 1 },
        { arbitrary: fc.record({ kind: fc.constant('forOf' as const), body: block }), weight: 1 },
        {
          arbitrary: fc.record({
            kind: fc.constant('try' as const),
            body: block,
            handler: fc.option(block, { nil: null }),
            finalizer: fc.option(block, { nil: null }),
          }),
          weight: 2,
        },
      ),
      block: fc.array(tie('stmt') as fc.Arbitrary<RawStmt>, { maxLength: 4 }),
    };
  });
  return fc.record({
    shape: fc.constantFrom<'top' | 'loop'>('top', 'loop'),
    creatingLoop: fc.constantFrom<'forOf' | 'while'>('forOf', 'while'),
    body: block,
  });
}

/** Binds every jump to an enclosing loop (a jump outside any loop becomes `console.log(s)`). */
export function resolveProgram(raw: RawProgram): SocketProgram {
  let nextLoopId = 0;
  const newLoop = (): Loop => ({ id: nextLoopId++, labelUsed: false });
  const resolveBlock = (statements: readonly RawStmt[], loops: readonly Loop[]): Stmt[] =>
    statements.map((statement) => resolveStmt(statement, loops));
  const resolveStmt = (statement: RawStmt, loops: readonly Loop[]): Stmt => {
    switch (statement.kind) {
      case 'break':
      case 'continue': {
        if (loops.length === 0) return { kind: 'log' };
        const index = loops.length - 1 - (statement.depth % loops.length);
        const target = loops[index]!;
        const labeled = statement.labeled || index !== loops.length - 1;
        if (labeled) target.labelUsed = true;
        return { kind: statement.kind, target, labeled };
      }
      case 'if':
        return {
          kind: 'if',
          cond: statement.cond,
          then: resolveBlock(statement.then, loops),
          else: statement.else && resolveBlock(statement.else, loops),
        };
      case 'while': {
        const loop = newLoop();
        return { kind: 'while', cond: statement.cond, loop, body: resolveBlock(statement.body, [...loops, loop]) };
      }
      case 'forOf': {
        const loop = newLoop();
        return { kind: 'forOf', loop, body: resolveBlock(statement.body, [...loops, loop]) };
      }
      case 'try': {
        // A `try` needs a handler or a finalizer: give a bare one an empty `catch`.
        const handler = statement.handler ?? (statement.finalizer ? null : []);
        return {
          kind: 'try',
          body: resolveBlock(statement.body, loops),
          handler: handler && resolveBlock(handler, loops),
          finalizer: statement.finalizer && resolveBlock(statement.finalizer, loops),
        };
      }
      default:
        return { kind: statement.kind };
    }
  };
  const outerLoop = newLoop();
  const body = resolveBlock(raw.body, raw.shape === 'loop' ? [outerLoop] : []);
  return { shape: raw.shape, creatingLoop: raw.creatingLoop, outerLoop, body };
}

// ---- printing ----------------------------------------------------------------------------

export interface PrintedProgram {
  readonly text: string;
  /** The line of every `return`/`throw`/`break`/`continue`/guard statement. */
  readonly lines: ReadonlyMap<Stmt, number>;
}

/** The program as a TypeScript module exporting `async function f`. */
export function printProgram(program: SocketProgram): PrintedProgram {
  const out: string[] = [];
  const lines = new Map<Stmt, number>();
  const emit = (indent: number, text: string): void => {
    out.push(`${'  '.repeat(indent)}${text}`);
  };
  const label = (loop: Loop): string => (loop.labelUsed ? `L${loop.id}: ` : '');
  const printBlock = (statements: readonly Stmt[], indent: number): void => {
    for (const statement of statements) printStmt(statement, indent);
  };
  const printStmt = (statement: Stmt, indent: number): void => {
    switch (statement.kind) {
      case 'end':
        return emit(indent, 's.end();');
      case 'once':
        return emit(indent, "await once(s, 'connect');");
      case 'log':
        return emit(indent, 'console.log(s);');
      case 'keep':
        return emit(indent, 'keep(s);');
      case 'guard':
        emit(indent, 'if (!s) return;');
        lines.set(statement, out.length);
        return;
      case 'return':
        emit(indent, 'return;');
        lines.set(statement, out.length);
        return;
      case 'throw':
        emit(indent, "throw new Error('boom');");
        lines.set(statement, out.length);
        return;
      case 'break':
      case 'continue':
        emit(indent, statement.labeled ? `${statement.kind} L${statement.target.id};` : `${statement.kind};`);
        lines.set(statement, out.length);
        return;
      case 'if':
        emit(indent, `if (c${statement.cond}) {`);
        printBlock(statement.then, indent + 1);
        if (statement.else) {
          emit(indent, '} else {');
          printBlock(statement.else, indent + 1);
        }
        return emit(indent, '}');
      case 'while':
        emit(indent, `${label(statement.loop)}while (c${statement.cond}) {`);
        printBlock(statement.body, indent + 1);
        return emit(indent, '}');
      case 'forOf':
        emit(indent, `${label(statement.loop)}for (const item${statement.loop.id} of items) {`);
        printBlock(statement.body, indent + 1);
        return emit(indent, '}');
      case 'try':
        emit(indent, 'try {');
        printBlock(statement.body, indent + 1);
        if (statement.handler) {
          emit(indent, '} catch {');
          printBlock(statement.handler, indent + 1);
        }
        if (statement.finalizer) {
          emit(indent, '} finally {');
          printBlock(statement.finalizer, indent + 1);
        }
        return emit(indent, '}');
    }
  };
  emit(0, "import * as net from 'node:net';");
  emit(0, "import { once } from 'node:events';");
  emit(0, '');
  emit(
    0,
    'export async function f(c0: boolean, c1: boolean, c2: boolean, c3: boolean, items: number[], keep: (socket: net.Socket) => void): Promise<void> {',
  );
  if (program.shape === 'top') {
    emit(1, 'const s = net.connect(80);');
    printBlock(program.body, 1);
  } else {
    const head =
      program.creatingLoop === 'forOf'
        ? `for (const item${program.outerLoop.id} of items) {`
        : 'while (c0) {';
    emit(1, `${label(program.outerLoop)}${head}`);
    emit(2, 'const s = net.connect(80);');
    printBlock(program.body, 2);
    emit(1, '}');
  }
  emit(0, '}');
  return { text: `${out.join('\n')}\n`, lines };
}

// ---- the oracle --------------------------------------------------------------------------

type Status = 'open' | 'done';

type Completion =
  | { readonly type: 'normal' }
  | { readonly type: 'break' | 'continue'; readonly target: Loop; readonly line: number }
  | { readonly type: 'return'; readonly line: number }
  /** `line` undefined: an exception from a call, not a `throw` statement. */
  | { readonly type: 'throw'; readonly line: number | undefined };

interface Outcome {
  readonly completion: Completion;
  readonly status: Status;
}

const NORMAL: Completion = { type: 'normal' };

function keyOf(outcome: Outcome): string {
  const { completion, status } = outcome;
  switch (completion.type) {
    case 'normal':
      return `normal/${status}`;
    case 'break':
    case 'continue':
      return `${completion.type}:${completion.target.id}@${completion.line}/${status}`;
    default:
      return `${completion.type}@${completion.line ?? '-'}/${status}`;
  }
}

class OutcomeSet {
  private readonly byKey = new Map<string, Outcome>();
  add(outcome: Outcome): void {
    const key = keyOf(outcome);
    if (!this.byKey.has(key)) this.byKey.set(key, outcome);
  }
  addAll(outcomes: Iterable<Outcome>): void {
    for (const outcome of outcomes) this.add(outcome);
  }
  [Symbol.iterator](): Iterator<Outcome> {
    return this.byKey.values();
  }
}

/** How many boolean parameters (`c0`…) the printed function has. */
const CONDITIONS = 4;

/**
 * The leaking exits of a program by path enumeration, over every assignment of its conditions:
 * `return@L`, `throw@L`, `break@L`, `continue@L`, `end`, `block-end`.
 */
export function getOracleLeaks(program: SocketProgram, printed: PrintedProgram): Set<string> {
  const leaks = new Set<string>();
  for (let bits = 0; bits < 1 << CONDITIONS; bits++) {
    const conditions = Array.from({ length: CONDITIONS }, (_, index) => (bits & (1 << index)) !== 0);
    for (const leak of getLeaksOfRun(program, printed, conditions)) leaks.add(leak);
  }
  return leaks;
}

/** The leaking exits of the runs where `cN` is `conditions[N]`. */
function getLeaksOfRun(program: SocketProgram, printed: PrintedProgram, conditions: readonly boolean[]): Set<string> {
  const lineOf = (statement: Stmt): number => printed.lines.get(statement)!;

  const execBlock = (statements: readonly Stmt[], status: Status): OutcomeSet => {
    let current = new OutcomeSet();
    current.add({ completion: NORMAL, status });
    for (const statement of statements) {
      const next = new OutcomeSet();
      for (const outcome of current) {
        if (outcome.completion.type === 'normal') next.addAll(execStmt(statement, outcome.status));
        else next.add(outcome);
      }
      current = next;
    }
    return current;
  };

  const execStmt = (statement: Stmt, status: Status): Outcome[] => {
    const thrown: Outcome = { completion: { type: 'throw', line: undefined }, status };
    switch (statement.kind) {
      case 'end':
      case 'keep':
        // Released or handed off; an exception from the call comes after that, so nothing is open.
        return [{ completion: NORMAL, status: 'done' }];
      case 'once':
        // `await once(s, 'connect')` rejects only on 'error', and Node destroys the socket first.
        return [{ completion: NORMAL, status }, { completion: { type: 'throw', line: undefined }, status: 'done' }];
      case 'log':
        return [{ completion: NORMAL, status }, thrown];
      case 'guard':
        // `!s` true: the socket is absent on the way to this return; false: nothing happens.
        return [
          { completion: { type: 'return', line: lineOf(statement) }, status: 'done' },
          { completion: NORMAL, status },
        ];
      case 'return':
        return [{ completion: { type: 'return', line: lineOf(statement) }, status }];
      case 'throw':
        // `new Error(…)` may itself throw before the `throw` statement does.
        return [thrown, { completion: { type: 'throw', line: lineOf(statement) }, status }];
      case 'break':
      case 'continue':
        return [{ completion: { type: statement.kind, target: statement.target, line: lineOf(statement) }, status }];
      case 'if':
        if (conditions[statement.cond]) return [...execBlock(statement.then, status)];
        return statement.else ? [...execBlock(statement.else, status)] : [{ completion: NORMAL, status }];
      case 'while':
        // `while (false)` never runs its body; `while (true)` never fails its test.
        if (!conditions[statement.cond]) return [{ completion: NORMAL, status }];
        return execLoop(statement.loop, statement.body, { testMayFail: false, headMayThrow: false }, status);
      case 'forOf':
        return execLoop(statement.loop, statement.body, { testMayFail: true, headMayThrow: true }, status);
      case 'try':
        return execTry(statement, status);
    }
  };

  /** Runs a loop to a fixpoint over the status at its head. */
  const execLoop = (loop: Loop, body: readonly Stmt[], test: { testMayFail: boolean; headMayThrow: boolean }, status: Status): Outcome[] => {
    const { testMayFail, headMayThrow } = test;
    const result = new OutcomeSet();
    const seenHeads = new Set<Status>();
    const heads: Status[] = [status];
    while (heads.length > 0) {
      const head = heads.pop()!;
      if (seenHeads.has(head)) continue;
      seenHeads.add(head);
      // The test fails (or the iterator is done), or taking the next value throws.
      if (testMayFail) result.add({ completion: NORMAL, status: head });
      if (headMayThrow) result.add({ completion: { type: 'throw', line: undefined }, status: head });
      for (const outcome of execBlock(body, head)) {
        const { completion } = outcome;
        if (completion.type === 'normal' || (completion.type === 'continue' && completion.target === loop)) {
          heads.push(outcome.status);
        } else if (completion.type === 'break' && completion.target === loop) {
          result.add({ completion: NORMAL, status: outcome.status });
        } else {
          result.add(outcome);
        }
      }
    }
    return [...result];
  };

  const execTry = (statement: Extract<Stmt, { kind: 'try' }>, status: Status): Outcome[] => {
    const afterCatch = new OutcomeSet();
    for (const outcome of execBlock(statement.body, status)) {
      if (outcome.completion.type !== 'throw' || !statement.handler) {
        afterCatch.add(outcome);
        continue;
      }
      const caughtImplicit = outcome.completion.line === undefined;
      for (const handled of execBlock(statement.handler, outcome.status)) {
        // A `throw` out of a catch entered by an implicit exception is that exception, rethrown.
        const rethrown = caughtImplicit && handled.completion.type === 'throw';
        afterCatch.add(rethrown ? { completion: { type: 'throw', line: undefined }, status: handled.status } : handled);
      }
    }
    if (!statement.finalizer) return [...afterCatch];
    const result = new OutcomeSet();
    for (const outcome of afterCatch) {
      for (const final of execBlock(statement.finalizer, outcome.status)) {
        // A finally that completes normally lets the original completion go on; a jump replaces it.
        result.add(final.completion.type === 'normal' ? { completion: outcome.completion, status: final.status } : final);
      }
    }
    return [...result];
  };

  const leaks = new Set<string>();
  const atFunctionExit = (outcome: Outcome): void => {
    if (outcome.status !== 'open') return;
    const { completion } = outcome;
    if (completion.type === 'return') leaks.add(`return@${completion.line}`);
    else if (completion.type === 'throw' && completion.line !== undefined) leaks.add(`throw@${completion.line}`);
    else if (completion.type === 'normal') leaks.add('end');
  };

  if (program.shape === 'top') {
    for (const outcome of execBlock(program.body, 'open')) atFunctionExit(outcome);
  } else if (program.creatingLoop === 'while' && !conditions[0]) {
    // `while (c0)` with c0 false: no iteration, no socket.
  } else {
    // One iteration says it all: every iteration starts with a fresh socket, and the previous
    // one's fate was settled at the end of its block.
    for (const outcome of execBlock(program.body, 'open')) {
      const { completion } = outcome;
      if (completion.type === 'normal' || completion.type === 'break' || completion.type === 'continue') {
        // The body block ends here and `s` with it (every jump here targets the creating loop).
        if (outcome.status === 'open') leaks.add(completion.type === 'normal' ? 'block-end' : `${completion.type}@${completion.line}`);
      } else {
        atFunctionExit(outcome);
      }
    }
  }
  return leaks;
}
