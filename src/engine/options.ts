/**
 * Options the engine understands, shared by the ESLint rules and the CLI's config file.
 * Type specifiers follow typescript-eslint's TypeOrValueSpecifier shape.
 */

/** Where a type or function is declared: a package (Node built-ins by module name), a project file, or TypeScript's lib. */
export type TypeSpecifier =
  | { readonly from: 'package'; readonly package: string; readonly name: string | readonly string[] }
  | { readonly from: 'file'; readonly name: string | readonly string[]; readonly path?: string }
  | { readonly from: 'lib'; readonly name: string | readonly string[] };

/** A user-declared resource type: values of this type (or a subclass) must be released by one of `release`. */
export interface CustomResource {
  readonly type: TypeSpecifier;
  readonly release: readonly string[];
}

export type PresetName = 'clients';

export interface EngineOptions {
  /** Extra resource types (database, cache, broker clients…). */
  readonly resources?: readonly CustomResource[];
  /**
   * Named sets of resource types. `clients` (pg, mysql2, ioredis, redis, mongodb, amqplib, mqtt) is
   * built in and always on; the name is still accepted so older configs validate.
   */
  readonly presets?: readonly PresetName[];
  /** Functions that only borrow their arguments (by default a function we cannot see into takes ownership). */
  readonly borrowingFunctions?: readonly TypeSpecifier[];
  /** no-return-in-accept-loop: listener types beyond Deno's `Listener` and `net.Server` through `events.on`. */
  readonly listenerTypes?: readonly TypeSpecifier[];
  /**
   * no-leaked-socket, consume-response-body: a call of a function of the program that may throw
   * explicitly (its summary shows a `throw` that escapes it) is an exit on the path where it throws,
   * inside or outside a `try`. Off by default; on in `configs.strict`.
   */
  readonly checkThrowingCalls?: boolean;
  /**
   * end-half-open-socket: also report `end()` with no timeout or `destroy()` fallback, which can sit
   * in FIN_WAIT_2 for as long as the process runs when the peer never closes. Off by default.
   */
  readonly requireFinWaitTimeout?: boolean;
}
