/**
 * Known leaks: socket, response-body and client leaks in the pinned packages that their maintainers
 * accepted as bugs (an issue, a fix commit, a release). `npm run realworld` checks each against the
 * findings (recall.ts): the recall is how many of them a finding reports. Each names the rule that
 * should report it and the lines of the code that leaks (the acquisition through the leaking exit),
 * and says whether closewait reports it today, so that a fix shows as NEWLY FOUND and a regression
 * as LOST. See docs/realworld.md.
 */

export interface KnownLeak {
  /** `name@version`, pinned in packages.ts. */
  readonly package: string;
  /** Relative to the package root, as findings name it. */
  readonly file: string;
  readonly rule: string;
  /** First and last line (1-based, inclusive) of the leaking code: a finding in between reports it. */
  readonly lines: readonly [number, number];
  /** The leak, in one sentence. */
  readonly what: string;
  /** The bug report or fix. */
  readonly url: string;
  /** What closewait does with it today: a change of either kind is reported. */
  readonly status: 'found' | 'missed';
  /** For a missed leak: what in the engine (or in the package's types) keeps it from being seen. */
  readonly missedBecause?: string;
}

export const KNOWN_LEAKS: readonly KnownLeak[] = [
  {
    package: 'influx@5.4.2',
    file: 'lib/src/pool.js',
    rule: 'consume-response-body',
    lines: [189, 198],
    what: "ping() resolves with each ping's IncomingMessage and nothing ever reads it.",
    url: 'https://github.com/node-influx/node-influx/issues/475',
    status: 'missed',
    missedBecause: 'the callback goes through a local helper over http/https.request and once(); the response is then put in a literal handed to resolve()',
  },
  {
    package: 'request-promise-lite@0.15.0',
    file: 'lib/Request.js',
    rule: 'consume-response-body',
    lines: [239, 265],
    what: 'A 301-303 response is dropped unread while the redirect is followed.',
    url: 'https://github.com/laurisvan/request-promise-lite/issues/32',
    status: 'missed',
    missedBecause: "a hand-built promise that resolves with the response is a factory now, but the response is dropped inside handleResponse(res), whose JavaScript parameter is `any`, so nothing there is a response",
  },
  {
    package: 'whois@2.1.6',
    file: 'index.js',
    rule: 'no-leaked-socket',
    lines: [64, 81],
    what: "The 'timeout' listener reports the error and leaves the socket connected.",
    url: 'https://github.com/FurqanSoftware/node-whois/issues/33',
    status: 'missed',
    missedBecause: "CoffeeScript output: `var net; net = require('net')` is `any` inside the nested function, so nothing is a socket",
  },
  {
    package: 'node-statsd@0.0.1',
    file: 'lib/statsd.js',
    rule: 'no-leaked-socket',
    lines: [48, 62],
    what: 'send() creates a UDP socket it never closes, then a second one that stays open when nothing is sampled.',
    url: 'https://github.com/sivy/node-statsd/issues/3',
    status: 'found',
  },
  {
    package: 'http-proxy@1.16.2',
    file: 'lib/http-proxy/passes/ws-incoming.js',
    rule: 'consume-response-body',
    lines: [94, 97],
    what: 'A WebSocket proxy request answered without an upgrade leaves the upstream response unread.',
    url: 'https://github.com/http-party/node-http-proxy/issues/783',
    status: 'found',
  },
  {
    package: 'tunnel@0.0.4',
    file: 'lib/tunnel.js',
    rule: 'no-leaked-socket',
    lines: [138, 156],
    what: 'A CONNECT answered with another status than 200 leaves the proxy socket open.',
    url: 'https://github.com/koichik/node-tunnel/pull/21',
    status: 'missed',
    missedBecause: '`self.request` is assigned in factory functions (`agent.request = http.request`), so JavaScript types it `any` and the request has no type',
  },
  {
    package: 'tunnel-agent@0.6.0',
    file: 'index.js',
    rule: 'no-leaked-socket',
    lines: [155, 171],
    what: 'A CONNECT answered with another status than 200 leaves the proxy socket open (never fixed).',
    url: 'https://github.com/request/tunnel-agent/pull/46',
    status: 'missed',
    missedBecause: '`self.request` is assigned in factory functions (`agent.request = http.request`), so JavaScript types it `any` and the request has no type',
  },
  {
    package: 'postgraphile@4.3.0',
    file: 'build/postgraphile/withPostGraphileContext.js',
    rule: 'no-leaked-socket',
    lines: [54, 96],
    what: "`await pgClient.query('commit')` precedes `pgClient.release()` in a finally block: a failing commit never releases the client.",
    url: 'https://github.com/graphile/crystal/pull/978',
    status: 'missed',
    missedBecause: 'a call that may throw before the release in a finally block is no exit (implicit exceptions outside a try are not followed); the pool is also an untyped option here',
  },
  {
    package: 'typeorm@0.3.3',
    file: 'driver/mysql/MysqlDriver.js',
    rule: 'no-leaked-socket',
    lines: [306, 306],
    what: '`SELECT VERSION()` runs on a query runner that is never released, so one pooled connection stays checked out.',
    url: 'https://github.com/typeorm/typeorm/issues/8790',
    status: 'missed',
    missedBecause: "the driver loads mysql2 with PlatformTools.load('mysql2'), so the query runner's connection is `any` and the runner is no wrapper",
  },
  {
    package: 'openai@4.104.0',
    file: 'src/core.ts',
    rule: 'consume-response-body',
    lines: [495, 517],
    what: 'A retried error response is never read or cancelled.',
    url: 'https://github.com/browserbase/sdk-node/issues/204',
    status: 'missed',
    missedBecause: "calls through Function.prototype.call are followed now, but the package's tsconfig has strict off (no strictBindCallApply, so `call` returns `any`) and its `Response` is its shim's type over node-fetch's, which no resource kind matches",
  },
  {
    package: '@atproto-labs/fetch-node@0.1.8',
    file: 'src/unicast.ts',
    rule: 'consume-response-body',
    lines: [120, 148],
    what: 'The finally block throws over `return await fetch.call(…)`, and the response is dropped unread.',
    url: 'https://github.com/bluesky-social/atproto/pull/3819',
    status: 'missed',
    missedBecause: "calls through Function.prototype.call are followed now; what is left is a return whose value a throwing finally block discards, which still counts as handing the response back",
  },
  {
    package: '@modelcontextprotocol/sdk@1.23.0',
    file: 'dist/esm/client/streamableHttp.js',
    rule: 'consume-response-body',
    lines: [93, 432],
    what: 'Error responses of the Streamable HTTP client (GET, POST, DELETE) are thrown on without reading or cancelling them.',
    url: 'https://github.com/modelcontextprotocol/typescript-sdk/pull/1173',
    status: 'found',
  },
];
