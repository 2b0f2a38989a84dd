/**
 * The packages `npm run realworld` audits: published code where sockets are handled by hand, pinned
 * to one version each. Change a version and the findings of the old one show as GONE, the new
 * one's as NEW: triage them again (see docs/realworld.md).
 *
 * Each `include` is the package's own code as published: no tests, examples, benchmarks or bundled
 * browser builds (findings there would say nothing about code that runs). Libraries are audited
 * as a user's dependency; applications have their own dependencies installed (production only,
 * no scripts) so that their imports resolve as they do when the application runs.
 */
import type { PackageSpec } from '../lib/packages.js';

export interface RealworldPackage extends PackageSpec {
  /** A library that others build on, or an application (a server, proxy, broker or CLI) run as is. */
  readonly role: 'library' | 'application';
  /**
   * `rules` of the closewait config for this package only, on top of the harness's own config. Only
   * to keep a CLI error that the report names (docs/realworld.md) from hiding the package's findings.
   */
  readonly rules?: Readonly<Record<string, 'off'>>;
}

/** Pinned: the verdict file's entries name `name@version`. */
export const REALWORLD_PACKAGES: readonly RealworldPackage[] = [
  // --- Libraries ---
  // WebSocket client and server over raw net/tls sockets; wrapper.mjs only re-exports.
  { name: 'ws', version: '8.23.0', role: 'library', language: 'js', include: ['index.js', 'lib/**/*.js'] },
  // HTTP/1.1 and HTTP/2 client on net/tls; lib/llhttp and lib/milo are generated parsers (WASM glue).
  {
    name: 'undici',
    version: '8.12.4',
    role: 'library',
    language: 'js',
    include: ['index.js', 'index-fetch.js', 'lib/**/*.js'],
    exclude: ['lib/llhttp/**', 'lib/milo/**'],
  },
  // Redis client: built/ is the published build of its TypeScript (sources are not shipped).
  { name: 'ioredis', version: '6.0.0', role: 'library', language: 'js', include: ['built/**/*.js'] },
  // MQTT client: build/ is its compiled TypeScript; dist/ holds the bundled browser builds.
  { name: 'mqtt', version: '5.16.0', role: 'library', language: 'js', include: ['build/**/*.js'] },
  // PostgreSQL client; esm/ only re-exports lib/.
  { name: 'pg', version: '8.23.1', role: 'library', language: 'js', include: ['lib/**/*.js'] },
  // MongoDB driver: ships its TypeScript sources; lib/ is their build.
  {
    name: 'mongodb',
    version: '7.9.0',
    role: 'library',
    language: 'ts',
    include: ['src/**/*.ts'],
    // From the tsconfig.json that mongodb ships (as in npm run bench).
    compilerOptions: {
      target: 'ES2023',
      module: 'Node16',
      moduleResolution: 'Node16',
      esModuleInterop: false,
      ignoreDeprecations: '6.0',
      useUnknownInCatchVariables: false,
      useDefineForClassFields: false,
      noImplicitOverride: true,
      noImplicitReturns: true,
    },
  },
  // Socket.IO server: dist/ is its compiled TypeScript; client-dist/ is the bundled browser client.
  { name: 'socket.io', version: '4.8.4', role: 'library', language: 'js', include: ['dist/**/*.js'] },
  // HTTP client on node:http/https (requests, responses, retries, agents).
  { name: 'got', version: '16.1.0', role: 'library', language: 'js', include: ['dist/source/**/*.js'] },
  // SMTP client: smtp-connection opens net/tls sockets by hand. dist/cjs is a build of dist/esm.
  { name: 'nodemailer', version: '10.6.0', role: 'library', language: 'js', include: ['dist/esm/**/*.js'] },
  // SOCKS client: connects to the proxy with net.connect and hands the socket over.
  { name: 'socks', version: '2.8.10', role: 'library', language: 'js', include: ['build/**/*.js'] },
  // AMQP 0-9-1 client: connect.js opens the socket; examples/ are left out.
  { name: 'amqplib', version: '2.3.1', role: 'library', language: 'js', include: ['channel_api.js', 'callback_api.js', 'lib/**/*.js'] },

  // --- Applications ---
  // MQTT broker: accepts connections and owns each client's stream.
  { name: 'aedes', version: '1.2.0', role: 'application', language: 'js', include: ['aedes.js', 'lib/**/*.js'] },
  // SMTP server: accepts, upgrades with STARTTLS, proxies PROXY-protocol headers. dist/cjs is a build of dist/esm.
  { name: 'smtp-server', version: '3.21.6', role: 'application', language: 'js', include: ['dist/esm/**/*.js'] },
  // JupyterHub's HTTP/WebSocket proxy; lib/testutil.js is test support and is left out.
  {
    name: 'configurable-http-proxy',
    version: '5.3.0',
    role: 'application',
    language: 'js',
    include: ['index.js', 'lib/**/*.js'],
    exclude: ['lib/testutil.js'],
  },
  // HTTP(S)/WebSocket/SOCKS mock server and proxy: ships its TypeScript sources (dist/ is their
  // build); the *.browser.ts files are the browser client's.
  {
    name: 'mockttp',
    version: '4.6.5',
    role: 'application',
    language: 'ts',
    include: ['src/**/*.ts', 'custom-typings/**/*.d.ts'],
    exclude: ['src/**/*.browser.ts'],
    compilerOptions: { esModuleInterop: true, strict: false },
  },
  // HTTP proxy server with CONNECT tunnels and upstream chaining, on raw sockets.
  { name: 'proxy-chain', version: '3.0.1', role: 'application', language: 'js', include: ['dist/**/*.js'] },
  // SOCKS5 proxy server: accepts clients and connects to their destinations by hand.
  { name: 'simple-socks', version: '3.6.0', role: 'application', language: 'js', include: ['src/**/*.js'] },
  // Node-RED's network nodes: TCP, UDP, TLS, MQTT, HTTP, WebSocket and proxy nodes; the other
  // node folders (function, parsers, storage…) handle no sockets.
  { name: '@node-red/nodes', version: '5.0.7', role: 'application', language: 'js', include: ['core/network/**/*.js'] },
  // FTP server: control connections plus active and passive data connections, by hand.
  { name: 'ftp-srv', version: '4.6.3', role: 'application', language: 'js', include: ['ftp-srv.js', 'src/**/*.js', 'bin/**/*.js'] },
  // Tunnel client and CLI: keeps a pool of raw TCP connections to the tunnel server and pipes
  // each to a local one. localtunnel.spec.js is its test.
  { name: 'localtunnel', version: '2.0.2', role: 'application', language: 'js', include: ['localtunnel.js', 'lib/**/*.js', 'bin/**/*.js'] },
  // HTTP(S) man-in-the-middle proxy: ships its TypeScript sources; examples/ and test/ left out.
  {
    name: 'http-mitm-proxy',
    version: '1.1.0',
    role: 'application',
    language: 'ts',
    include: ['index.ts', 'lib/**/*.ts', 'bin/**/*.ts'],
    compilerOptions: { esModuleInterop: true, strict: false },
    // Its own devDependencies type `ws` (lib/proxy.ts imports it).
    typeDependencies: { '@types/ws': '8.18.2' },
  },

  // --- Known leaks: the last published version before a fix (recall) ---
  // Each entry carries one socket, response or client leak that its maintainers accepted as a bug;
  // known-leaks.ts says where, and whether closewait reports it. `include` is restricted to the
  // files that carry it.

  // https://github.com/node-influx/node-influx/issues/475 (fixed in 5.5.1: `res: res.resume()`):
  // Pool#ping() resolves with the IncomingMessage of every ping and never reads it.
  { name: 'influx', version: '5.4.2', role: 'library', language: 'js', include: ['lib/src/**/*.js'] },
  // https://github.com/laurisvan/request-promise-lite/issues/32, fix PR #31 (0.16.0): a 301-303
  // response is dropped unread while the redirect is followed.
  { name: 'request-promise-lite', version: '0.15.0', role: 'library', language: 'js', include: ['lib/**/*.js'] },
  // https://github.com/FurqanSoftware/node-whois/issues/33 (2.3.6 has the fix, `socket.destroy()`):
  // the 'timeout' listener reports the error and leaves the socket connected.
  { name: 'whois', version: '2.1.6', role: 'library', language: 'js', include: ['index.js'] },
  // https://github.com/sivy/node-statsd/issues/3 (fixed in 0.0.2, one socket per client): send()
  // creates a UDP socket it never closes, then a second one that stays open when nothing is sampled.
  { name: 'node-statsd', version: '0.0.1', role: 'library', language: 'js', include: ['lib/statsd.js'] },
  // https://github.com/http-party/node-http-proxy/issues/783 (fixed in 1.17.0 by #1251,
  // `res.pipe(socket)`): a WebSocket proxy request answered without an upgrade leaves the upstream
  // response unread, so the upstream connection stays open.
  { name: 'http-proxy', version: '1.16.2', role: 'library', language: 'js', include: ['index.js', 'lib/**/*.js'] },
  // https://github.com/koichik/node-tunnel/pull/21, fixed by b772cd5 (0.0.5): a CONNECT answered
  // with another status than 200 leaves the proxy socket open.
  { name: 'tunnel', version: '0.0.4', role: 'library', language: 'js', include: ['lib/tunnel.js'] },
  // The same leak in request's fork, reported in https://github.com/request/request/issues/2440
  // with a reproduction in https://github.com/request/tunnel-agent/pull/46; never fixed.
  { name: 'tunnel-agent', version: '0.6.0', role: 'library', language: 'js', include: ['index.js'] },
  // https://github.com/graphile/crystal/pull/978 (4.3.1): the pg client is released after
  // `await pgClient.query('commit')` in a finally block, so a failing commit never releases it.
  {
    name: 'postgraphile',
    version: '4.3.0',
    role: 'library',
    language: 'js',
    include: ['build/postgraphile/withPostGraphileContext.js'],
  },
  // https://github.com/typeorm/typeorm/issues/8790, fixed by #8803 (0.3.4): MysqlDriver#afterConnect()
  // runs `SELECT VERSION()` on a query runner it never releases, so every DataSource keeps one pooled
  // mysql2 connection checked out.
  { name: 'typeorm', version: '0.3.3', role: 'library', language: 'js', include: ['driver/mysql/MysqlDriver.js'] },
  // https://github.com/browserbase/sdk-node/issues/204 reports this leak in the code the Stainless
  // generator emitted for every SDK; openai 5.0.0 fixed it (`await Shims.CancelReadableStream(response.body)`
  // before the retry, src/client.ts): a retried error response is never read or cancelled.
  {
    name: 'openai',
    version: '4.104.0',
    role: 'library',
    language: 'ts',
    include: ['src/core.ts'],
    // Its sources import without extensions (it builds with moduleResolution node).
    compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: false },
    // core.ts declares `declare const Deno: any` to detect the runtime for a User-Agent header; the
    // missing-types check stops the audit on it (exit 2) though the file opens nothing through Deno.
    rules: { 'no-missing-types': 'off' },
  },
  // https://github.com/bluesky-social/atproto/pull/3819 (0.1.9, `await response.body?.cancel()`):
  // when the lookup hook never ran, the finally block throws over `return await fetch.call(…)`, and
  // the response it had is dropped unread.
  {
    name: '@atproto-labs/fetch-node',
    version: '0.1.8',
    role: 'library',
    language: 'ts',
    include: ['src/unicast.ts'],
    // Its own devDependencies type `psl`.
    typeDependencies: { '@types/psl': '1.1.3' },
    // `import { LookupFunction } from 'node:net'` (a type alias, imported without `type`) stops the
    // audit as "binds no type" (exit 2), though tsc accepts it: a false alarm of the missing-types check.
    rules: { 'no-missing-types': 'off' },
  },
  // https://github.com/modelcontextprotocol/typescript-sdk/pull/1173 (1.24.0): error responses of
  // the Streamable HTTP client (GET, POST, DELETE) are thrown on without reading or cancelling them.
  {
    name: '@modelcontextprotocol/sdk',
    version: '1.23.0',
    role: 'library',
    language: 'js',
    include: ['dist/esm/client/streamableHttp.js'],
  },
];
