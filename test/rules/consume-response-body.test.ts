import rule from '../../rules/consume-response-body.js';
import { runRuleTests } from './rule-tester.js';

const FETCH = 'reading its body or cancelling it';
const UNDICI = 'reading its body or dumping it';
const UNDICI_BODY = 'reading it or dumping it';
const HTTP = 'reading it, resume() or destroy()';

const atExit = (line: number, column: number, resource: string, exit: string, release: string, call: string, output: string) => ({
  messageId: 'bodyDroppedAtExit' as const,
  line,
  column,
  data: { resource, exit, release },
  suggestions: [{ messageId: 'insertBodyRelease' as const, data: { call, exit }, output }],
});

const atEnd = (line: number, column: number, resource: string, release: string) => ({
  messageId: 'bodyDroppedAtEnd' as const,
  line,
  column,
  data: { resource, release, where: 'the function' },
  suggestions: [],
});

const discarded = (line: number, column: number) => ({
  messageId: 'bodyDiscarded' as const,
  line,
  column,
  data: { resource: `The response received on line ${line}` },
});

runRuleTests('consume-response-body', rule, {
  valid: [
    // Cancelled before the early throw.
    `
export async function load(url: string) {
  const response = await fetch(url);
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(\`HTTP \${response.status}\`);
  }
  return response.json();
}
`,
    // Every read method releases.
    `
export async function all(url: string, mode: number) {
  const response = await fetch(url);
  switch (mode) {
    case 0: return response.text();
    case 1: return response.json();
    case 2: return response.arrayBuffer();
    case 3: return response.blob();
    case 4: return response.bytes();
    default: return response.formData();
  }
}
`,
    // Returned to the caller.
    `
export async function get(url: string) {
  const response = await fetch(url);
  console.log(response.status);
  return response;
}
`,
    // The fetch promise itself is returned.
    `
export function get(url: string) {
  return fetch(url);
}
`,
    // Read with for await over the body.
    `
export async function stream(url: string) {
  const response = await fetch(url);
  if (!response.body) return;
  for await (const chunk of response.body) console.log(chunk.length);
}
`,
    // Read through a reader.
    `
export async function first(url: string) {
  const response = await fetch(url);
  const reader = response.body!.getReader();
  return reader.read();
}
`,
    // Piped into another stream.
    `
export async function copy(url: string, sink: WritableStream<Uint8Array>) {
  const response = await fetch(url);
  await response.body?.pipeTo(sink);
}
`,
    // Handed to Readable.fromWeb, which takes it over.
    `
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
export async function toNode(url: string) {
  const response = await fetch(url);
  return Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
}
`,
    // A helper that reads it (by summary).
    `
async function readJson(response: Response) {
  return response.json();
}
export async function load(url: string) {
  const response = await fetch(url);
  return readJson(response);
}
`,
    // A helper we cannot see into takes it over.
    `
export async function load(url: string, handle: (response: Response) => Promise<void>) {
  const response = await fetch(url);
  await handle(response);
}
`,
    // Promise.all of fetches, all read.
    `
export async function many(urls: string[]) {
  const responses = await Promise.all(urls.map((url) => fetch(url)));
  return Promise.all(responses.map((response) => response.text()));
}
`,
    // Read in a .then callback.
    `
export function load(url: string) {
  return fetch(url).then((response) => response.json());
}
`,
    // A HEAD request has no body.
    `
export async function exists(url: string) {
  const response = await fetch(url, { method: 'HEAD' });
  return response.ok;
}
`,
    // A Response built locally is not network-backed.
    `
export function local() {
  const response = new Response('hello');
  return response.status;
}
`,
    // Static Response constructors neither.
    `
export function local() {
  const response = Response.json({ ok: true });
  const error = Response.error();
  return response.status + error.status;
}
`,
    // Chained read.
    `
export async function load(url: string) {
  return (await fetch(url)).json();
}
`,
    // undici request(): body read on every path.
    `
import { request } from 'undici';
export async function load(url: string) {
  const { statusCode, body } = await request(url);
  if (statusCode !== 200) {
    await body.dump();
    return null;
  }
  return body.json();
}
`,
    // undici request() kept whole, body read through it.
    `
import { request } from 'undici';
export async function load(url: string) {
  const response = await request(url);
  return response.body.text();
}
`,
    // undici Pool#request with the body piped on.
    `
import { Pool } from 'undici';
import { pipeline } from 'node:stream/promises';
import * as fs from 'node:fs';
export async function download(pool: Pool, path: string) {
  const { body } = await pool.request({ path, method: 'GET' });
  await pipeline(body, fs.createWriteStream('out'));
}
`,
    // undici fetch.
    `
import { fetch } from 'undici';
export async function load(url: string) {
  const response = await fetch(url);
  if (!response.ok) {
    await response.body?.cancel();
    return null;
  }
  return response.text();
}
`,
    // http.get: resumed before the early return.
    `
import * as http from 'node:http';
export function poll(url: string) {
  http.get(url, (response) => {
    if (response.statusCode !== 200) {
      response.resume();
      return;
    }
    response.on('data', (chunk) => console.log(chunk.length));
  });
}
`,
    // http.get without a callback: Node discards the body itself.
    `
import * as http from 'node:http';
export function ping(url: string) {
  http.get(url);
}
`,
    // A HEAD request through http.request.
    `
import * as http from 'node:http';
export function exists(url: string) {
  const request = http.request(url, { method: 'HEAD' }, (response) => {
    console.log(response.statusCode);
  });
  request.end();
}
`,
    // Piped to a file.
    `
import * as https from 'node:https';
import * as fs from 'node:fs';
export function download(url: string) {
  https.get(url, (response) => {
    response.pipe(fs.createWriteStream('out'));
  });
}
`,
    // stream.pipeline takes it over.
    `
import * as http from 'node:http';
import * as fs from 'node:fs';
import { pipeline } from 'node:stream';
export function download(url: string) {
  const request = http.request(url);
  request.on('response', (response) => pipeline(response, fs.createWriteStream('out'), () => {}));
  request.end();
}
`,
    // Read with for await.
    `
import * as https from 'node:https';
export function dump(url: string) {
  https.get(url, async (response) => {
    for await (const chunk of response) console.log(chunk);
  });
}
`,
    // Read with stream/consumers.
    `
import * as https from 'node:https';
import { text } from 'node:stream/consumers';
export function dump(url: string) {
  https.get(url, async (response) => {
    console.log(await text(response));
  });
}
`,
    // Destroyed on the error path.
    `
import * as http from 'node:http';
export function poll(url: string) {
  http.get(url, (response) => {
    if (response.statusCode === 500) {
      response.destroy();
      return;
    }
    response.setEncoding('utf8');
    response.on('data', console.log);
  });
}
`,
    // An http2 stream that is read.
    `
import * as http2 from 'node:http2';
export function get(session: http2.ClientHttp2Session) {
  const stream = session.request({ ':path': '/' });
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => console.log(chunk));
  stream.end();
}
`,
    // Read inside try; the catch path has read it already.
    `
export async function load(url: string) {
  const response = await fetch(url);
  try {
    return await response.json();
  } catch {
    return null;
  }
}
`,
    // A rejected fetch leaves nothing to read: the catch path holds no response.
    `
export async function load(url: string) {
  try {
    const response = await fetch(url);
    return await response.text();
  } catch {
    return undefined;
  }
}
`,
    // A response held in a field.
    `
export class Cache {
  last: Response | undefined;
  async refresh(url: string) {
    const response = await fetch(url);
    this.last = response;
  }
}
`,
    // A local function that happens to be called `get`, a `request` method of an unrelated class (also bound to a variable): not http's APIs.
    `
import type { IncomingMessage } from 'node:http';
function get(url: string, callback: (res: IncomingMessage) => void): void {
  void url;
  void callback;
}
class Api {
  request(url: string, callback: (res: IncomingMessage) => void): void {
    void url;
    void callback;
  }
}
export function status(url: string, api: Api) {
  get(url, (res) => {
    if (res.statusCode !== 200) return;
    res.resume();
  });
  api.request(url, (res) => {
    if (res.statusCode !== 200) return;
    res.resume();
  });
  const request = api.request.bind(api);
  request(url, (res) => {
    if (res.statusCode !== 200) return;
    res.resume();
  });
}
`,
    // An untyped override falling back to fetch, whose body is read on every path.
    `
export async function load(options: any, url: string) {
  const response = await (options.fetch || fetch)(url);
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error('failed');
  }
  return response.json();
}
`,
    // Alternatives that are no fetch: nothing the fallback says is a response.
    `
export function parse(options: any, text: string) {
  const value = (options.parse ?? JSON.parse)(text);
  if (value === null) return undefined;
  return value;
}
`,
    // The body handed to a method of the program that pipes it (optional chain included), or
    // to a function that reads it in a closure it starts: the callee's parameter is the body.
    `
export class Client {
  async start(url: string): Promise<void> {
    const response = await fetch(url);
    this.handle(response.body);
  }
  handle(stream: ReadableStream<Uint8Array> | null): void {
    void stream?.pipeTo(new WritableStream());
  }
}
export async function poll(url: string): Promise<void> {
  const response = await fetch(url);
  consume(response.body);
}
function consume(stream: ReadableStream<Uint8Array> | null): void {
  if (!stream) return;
  const run = async () => {
    const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) if ((await reader.read()).done) break;
  };
  void run();
}
`,
    // A null body status (204, 304): fetch gives the response no body, there is nothing to read.
    `
export async function remove(url: string): Promise<unknown> {
  const response = await fetch(url, { method: 'DELETE' });
  if (response.status === 204) return undefined;
  return response.json();
}
export async function revalidate(url: string, cached: string): Promise<string> {
  const response = await fetch(url);
  if (response.status !== 304) return response.text();
  return cached;
}
`,
  ],
  invalid: [
    // if (!res.ok) throw before the body is touched.
    {
      code: `
export async function load(url: string) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(\`HTTP \${response.status}\`);
  return response.json();
}
`,
      errors: [
        atExit(4, 21, 'The response `response` received on line 3', 'throw', FETCH, 'await response.body?.cancel()', `
export async function load(url: string) {
  const response = await fetch(url);
  if (!response.ok) { await response.body?.cancel(); throw new Error(\`HTTP \${response.status}\`); }
  return response.json();
}
`),
      ],
    },
    // ...or return.
    {
      code: `
export async function load(url: string) {
  const response = await fetch(url);
  if (response.status === 404) {
    return null;
  }
  return response.text();
}
`,
      errors: [
        atExit(5, 5, 'The response `response` received on line 3', 'return', FETCH, 'await response.body?.cancel()', `
export async function load(url: string) {
  const response = await fetch(url);
  if (response.status === 404) {
    await response.body?.cancel();
    return null;
  }
  return response.text();
}
`),
      ],
    },
    // Reading only headers.
    {
      code: `
export async function etag(url: string) {
  const response = await fetch(url);
  return response.headers.get('etag');
}
`,
      errors: [
        atExit(4, 3, 'The response `response` received on line 3', 'return', FETCH, 'await response.body?.cancel()', `
export async function etag(url: string) {
  const response = await fetch(url);
  await response.body?.cancel();
  return response.headers.get('etag');
}
`),
      ],
    },
    // Reading only the status, falling off the end.
    {
      code: `
export async function check(url: string) {
  const response = await fetch(url);
  console.log(response.status);
}
`,
      errors: [atEnd(3, 26, 'The response `response` received on line 3', FETCH)],
    },
    // await fetch(url) as a statement.
    {
      code: `
export async function ping(url: string) {
  await fetch(url);
}
`,
      errors: [discarded(3, 9)],
    },
    // void fetch(url).
    {
      code: `
export function ping(url: string) {
  void fetch(url, { method: 'POST' });
}
`,
      errors: [discarded(3, 8)],
    },
    // Only the status of a chained fetch.
    {
      code: `
export async function status(url: string) {
  return (await fetch(url)).status;
}
`,
      errors: [discarded(3, 17)],
    },
    // A per-iteration response dropped on continue.
    {
      code: `
export async function crawl(urls: string[]) {
  for (const url of urls) {
    const response = await fetch(url);
    if (response.status === 404) continue;
    console.log(await response.text());
  }
}
`,
      errors: [
        atExit(5, 34, 'The response `response` received on line 4', 'continue', FETCH, 'await response.body?.cancel()', `
export async function crawl(urls: string[]) {
  for (const url of urls) {
    const response = await fetch(url);
    if (response.status === 404) { await response.body?.cancel(); continue; }
    console.log(await response.text());
  }
}
`),
      ],
    },
    // ...or on break.
    {
      code: `
export async function firstOk(urls: string[]) {
  for (const url of urls) {
    const response = await fetch(url);
    if (response.redirected) {
      break;
    }
    await response.arrayBuffer();
  }
}
`,
      errors: [
        atExit(6, 7, 'The response `response` received on line 4', 'break', FETCH, 'await response.body?.cancel()', `
export async function firstOk(urls: string[]) {
  for (const url of urls) {
    const response = await fetch(url);
    if (response.redirected) {
      await response.body?.cancel();
      break;
    }
    await response.arrayBuffer();
  }
}
`),
      ],
    },
    // A redirect branch returns without reading.
    {
      code: `
export async function follow(url: string): Promise<string | null> {
  const response = await fetch(url, { redirect: 'manual' });
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    return location;
  }
  return response.text();
}
`,
      errors: [
        atExit(6, 5, 'The response `response` received on line 3', 'return', FETCH, 'await response.body?.cancel()', `
export async function follow(url: string): Promise<string | null> {
  const response = await fetch(url, { redirect: 'manual' });
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    await response.body?.cancel();
    return location;
  }
  return response.text();
}
`),
      ],
    },
    // A switch case returns without reading.
    {
      code: `
export async function load(url: string) {
  const response = await fetch(url);
  switch (response.status) {
    case 200:
      return response.json();
    case 204:
      return null;
    default:
      throw new Error('unexpected');
  }
}
`,
      errors: [
        atExit(8, 7, 'The response `response` received on line 3', 'return', FETCH, 'await response.body?.cancel()', `
export async function load(url: string) {
  const response = await fetch(url);
  switch (response.status) {
    case 200:
      return response.json();
    case 204:
      await response.body?.cancel();
      return null;
    default:
      throw new Error('unexpected');
  }
}
`),
        atExit(10, 7, 'The response `response` received on line 3', 'throw', FETCH, 'await response.body?.cancel()', `
export async function load(url: string) {
  const response = await fetch(url);
  switch (response.status) {
    case 200:
      return response.json();
    case 204:
      return null;
    default:
      await response.body?.cancel();
      throw new Error('unexpected');
  }
}
`),
      ],
    },
    // A helper that only looks at the status does not take it over.
    {
      code: `
function isOk(response: Response) {
  return response.ok;
}
export async function check(url: string) {
  const response = await fetch(url);
  return isOk(response);
}
`,
      errors: [
        atExit(7, 3, 'The response `response` received on line 6', 'return', FETCH, 'await response.body?.cancel()', `
function isOk(response: Response) {
  return response.ok;
}
export async function check(url: string) {
  const response = await fetch(url);
  await response.body?.cancel();
  return isOk(response);
}
`),
      ],
    },
    // Logging it is not reading it.
    {
      code: `
export async function debug(url: string) {
  const response = await fetch(url);
  console.log(response);
}
`,
      errors: [atEnd(3, 26, 'The response `response` received on line 3', FETCH)],
    },
    // A response read only on one branch.
    {
      code: `
export async function maybe(url: string, verbose: boolean) {
  const response = await fetch(url);
  if (verbose) {
    console.log(await response.text());
  }
}
`,
      errors: [atEnd(3, 26, 'The response `response` received on line 3', FETCH)],
    },
    // undici fetch.
    {
      code: `
import { fetch } from 'undici';
export async function load(url: string) {
  const response = await fetch(url);
  if (response.status >= 500) throw new Error('server error');
  return response.arrayBuffer();
}
`,
      errors: [
        atExit(5, 31, 'The response `response` received on line 4', 'throw', FETCH, 'await response.body?.cancel()', `
import { fetch } from 'undici';
export async function load(url: string) {
  const response = await fetch(url);
  if (response.status >= 500) { await response.body?.cancel(); throw new Error('server error'); }
  return response.arrayBuffer();
}
`),
      ],
    },
    // A response in a plain (non-async) function: the suggestion voids the cancel.
    {
      code: `
export function later(pending: Promise<Response>) {
  pending.then(async (response) => {
    if (!response.ok) return;
    console.log(await response.text());
  });
}
export async function load(url: string) {
  const response = await fetch(url);
  return response.ok;
}
`,
      errors: [
        atExit(10, 3, 'The response `response` received on line 9', 'return', FETCH, 'await response.body?.cancel()', `
export function later(pending: Promise<Response>) {
  pending.then(async (response) => {
    if (!response.ok) return;
    console.log(await response.text());
  });
}
export async function load(url: string) {
  const response = await fetch(url);
  await response.body?.cancel();
  return response.ok;
}
`),
      ],
    },
    // undici request(): destructured body not read on the early return.
    {
      code: `
import { request } from 'undici';
export async function load(url: string) {
  const { statusCode, body } = await request(url);
  if (statusCode !== 200) return statusCode;
  return body.json();
}
`,
      errors: [
        atExit(5, 27, 'The response body `body` received on line 4', 'return', UNDICI_BODY, 'await body.dump()', `
import { request } from 'undici';
export async function load(url: string) {
  const { statusCode, body } = await request(url);
  if (statusCode !== 200) { await body.dump(); return statusCode; }
  return body.json();
}
`),
      ],
    },
    // undici request(): destructuring without the body drops it.
    {
      code: `
import { request } from 'undici';
export async function status(url: string) {
  const { statusCode } = await request(url);
  return statusCode;
}
`,
      errors: [discarded(4, 32)],
    },
    // undici request() kept whole.
    {
      code: `
import { request } from 'undici';
export async function load(url: string) {
  const response = await request(url);
  if (response.statusCode >= 400) return null;
  return response.body.text();
}
`,
      errors: [
        atExit(5, 35, 'The response `response` received on line 4', 'return', UNDICI, 'await response.body.dump()', `
import { request } from 'undici';
export async function load(url: string) {
  const response = await request(url);
  if (response.statusCode >= 400) { await response.body.dump(); return null; }
  return response.body.text();
}
`),
      ],
    },
    // undici Client#request.
    {
      code: `
import { Client } from 'undici';
export async function load(client: Client) {
  const { statusCode, body } = await client.request({ path: '/', method: 'GET' });
  if (statusCode === 404) return null;
  return body.json();
}
`,
      errors: [
        atExit(5, 27, 'The response body `body` received on line 4', 'return', UNDICI_BODY, 'await body.dump()', `
import { Client } from 'undici';
export async function load(client: Client) {
  const { statusCode, body } = await client.request({ path: '/', method: 'GET' });
  if (statusCode === 404) { await body.dump(); return null; }
  return body.json();
}
`),
      ],
    },
    // undici Pool#request, status only.
    {
      code: `
import { Pool } from 'undici';
export async function status(pool: Pool) {
  const response = await pool.request({ path: '/', method: 'GET' });
  return response.statusCode;
}
`,
      errors: [
        atExit(5, 3, 'The response `response` received on line 4', 'return', UNDICI, 'await response.body.dump()', `
import { Pool } from 'undici';
export async function status(pool: Pool) {
  const response = await pool.request({ path: '/', method: 'GET' });
  await response.body.dump();
  return response.statusCode;
}
`),
      ],
    },
    // http.get: the callback returns on a non-200 without resume().
    {
      code: `
import * as http from 'node:http';
export function poll(url: string) {
  http.get(url, (response) => {
    if (response.statusCode !== 200) return;
    response.on('data', (chunk) => console.log(chunk.length));
  });
}
`,
      errors: [
        atExit(5, 38, 'The response `response` received by the http.get handler on line 4', 'return', HTTP, 'response.resume()', `
import * as http from 'node:http';
export function poll(url: string) {
  http.get(url, (response) => {
    if (response.statusCode !== 200) { response.resume(); return; }
    response.on('data', (chunk) => console.log(chunk.length));
  });
}
`),
      ],
    },
    // https.get: a callback that only reads the headers.
    {
      code: `
import * as https from 'node:https';
export function headers(url: string) {
  https.get(url, (response) => {
    console.log(response.headers['content-type']);
  });
}
`,
      errors: [atEnd(4, 19, 'The response `response` received by the https.get handler on line 4', HTTP)],
    },
    // http.request callback throwing.
    {
      code: `
import * as http from 'node:http';
export function post(url: string, data: string) {
  const request = http.request(url, { method: 'POST' }, (response) => {
    if (response.statusCode === 500) {
      throw new Error('server error');
    }
    response.resume();
  });
  request.end(data);
}
`,
      errors: [
        atExit(6, 7, 'The response `response` received by the http.request handler on line 4', 'throw', HTTP, 'response.resume()', `
import * as http from 'node:http';
export function post(url: string, data: string) {
  const request = http.request(url, { method: 'POST' }, (response) => {
    if (response.statusCode === 500) {
      response.resume();
      throw new Error('server error');
    }
    response.resume();
  });
  request.end(data);
}
`),
      ],
    },
    // A 'response' listener that only logs.
    {
      code: `
import * as http from 'node:http';
export function send(url: string) {
  const request = http.request(url);
  request.on('response', (response) => {
    console.log(response.statusCode);
  });
  request.end();
}
`,
      errors: [atEnd(5, 27, "The response `response` received by the 'response' handler on line 5", HTTP)],
    },
    // A named response handler.
    {
      code: `
import * as http from 'node:http';
function onResponse(response: http.IncomingMessage) {
  if (response.statusCode !== 200) {
    return;
  }
  response.resume();
}
export function send(url: string) {
  http.get(url, onResponse);
}
`,
      errors: [
        atExit(5, 5, 'The response `response` received by the http.get handler on line 3', 'return', HTTP, 'response.resume()', `
import * as http from 'node:http';
function onResponse(response: http.IncomingMessage) {
  if (response.statusCode !== 200) {
    response.resume();
    return;
  }
  response.resume();
}
export function send(url: string) {
  http.get(url, onResponse);
}
`),
      ],
    },
    // A 'close' listener does not read the body.
    {
      code: `
import * as http from 'node:http';
export function poll(url: string) {
  http.get(url, (response) => {
    response.on('close', () => console.log('closed'));
  });
}
`,
      errors: [atEnd(4, 18, 'The response `response` received by the http.get handler on line 4', HTTP)],
    },
    // An http2 client stream returned from before it is read.
    {
      code: `
import * as http2 from 'node:http2';
export function get(session: http2.ClientHttp2Session, skip: boolean) {
  const stream = session.request({ ':path': '/' });
  stream.end();
  if (skip) return;
  stream.on('data', (chunk) => console.log(chunk));
}
`,
      errors: [
        atExit(6, 13, 'The response `stream` received on line 4', 'return', 'reading it, close() or destroy()', 'stream.close()', `
import * as http2 from 'node:http2';
export function get(session: http2.ClientHttp2Session, skip: boolean) {
  const stream = session.request({ ':path': '/' });
  stream.end();
  if (skip) { stream.close(); return; }
  stream.on('data', (chunk) => console.log(chunk));
}
`),
      ],
    },
    // A catch that returns before the body is read.
    {
      code: `
async function validate(response: Response): Promise<void> {
  if (!response.headers.has('x-signature')) throw new Error('unsigned');
}
export async function load(url: string) {
  const response = await fetch(url);
  try {
    await validate(response);
  } catch {
    return null;
  }
  return response.json();
}
`,
      errors: [
        atExit(10, 5, 'The response `response` received on line 6', 'return', FETCH, 'await response.body?.cancel()', `
async function validate(response: Response): Promise<void> {
  if (!response.headers.has('x-signature')) throw new Error('unsigned');
}
export async function load(url: string) {
  const response = await fetch(url);
  try {
    await validate(response);
  } catch {
    await response.body?.cancel();
    return null;
  }
  return response.json();
}
`),
      ],
    },
    // The last response of a loop is replaced before it is read.
    {
      code: `
export async function poll(url: string, times: number) {
  let response: Response;
  for (let i = 0; i < times; i++) {
    response = await fetch(url);
    if (response.ok) continue;
    await response.body?.cancel();
  }
}
`,
      errors: [
        {
          messageId: 'bodyDroppedOverwritten',
          line: 5,
          column: 22,
          data: { resource: 'The response `response` received on line 5', release: FETCH },
        },
      ],
    },
    // A second response assigned over the first, unread.
    {
      code: `
export async function fallback(primary: string, secondary: string) {
  let response = await fetch(primary);
  response = await fetch(secondary);
  return response.json();
}
`,
      errors: [
        {
          messageId: 'bodyDroppedOverwritten',
          line: 3,
          column: 24,
          data: { resource: 'The response `response` received on line 3', release: FETCH },
        },
      ],
    },
    // A status that has a body (200) says nothing about reading it.
    {
      code: `
export async function check(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (response.status === 200) return undefined;
  return response.json();
}
`,
      errors: [
        atExit(4, 32, 'The response `response` received on line 3', 'return', FETCH, 'await response.body?.cancel()', `
export async function check(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (response.status === 200) { await response.body?.cancel(); return undefined; }
  return response.json();
}
`),
      ],
    },
    // The body handed to a function of the program that only looks at it.
    {
      code: `
export async function probe(url: string): Promise<boolean> {
  const response = await fetch(url);
  return isEmpty(response.body);
}
function isEmpty(stream: ReadableStream<Uint8Array> | null): boolean {
  return stream === null;
}
`,
      errors: [
        atExit(4, 3, 'The response `response` received on line 3', 'return', FETCH, 'await response.body?.cancel()', `
export async function probe(url: string): Promise<boolean> {
  const response = await fetch(url);
  await response.body?.cancel();
  return isEmpty(response.body);
}
function isEmpty(stream: ReadableStream<Uint8Array> | null): boolean {
  return stream === null;
}
`),
      ],
    },
    // An untyped override of fetch, falling back to fetch (the call is \`any\` to the checker).
    {
      code: `
export async function load(options: any, url: string) {
  const response = await (options.fetch ?? fetch)(url);
  if (!response.ok) throw new Error('failed');
  return response.json();
}
`,
      errors: [
        atExit(4, 21, 'The response `response` received on line 3', 'throw', FETCH, 'await response.body?.cancel()', `
export async function load(options: any, url: string) {
  const response = await (options.fetch ?? fetch)(url);
  if (!response.ok) { await response.body?.cancel(); throw new Error('failed'); }
  return response.json();
}
`),
      ],
    },
    // The same, as TypeScript downlevels \`??\` in published JavaScript.
    {
      filename: 'script.js',
      code: `
class Client {
  constructor(options) {
    this._fetch = options.fetch;
  }
  async start(url) {
    var _a;
    const response = await ((_a = this._fetch) !== null && _a !== void 0 ? _a : fetch)(url);
    if (response.status === 405) return;
    return response.text();
  }
}
module.exports = { Client };
`,
      errors: [
        atExit(9, 34, 'The response `response` received on line 8', 'return', FETCH, 'await response.body?.cancel()', `
class Client {
  constructor(options) {
    this._fetch = options.fetch;
  }
  async start(url) {
    var _a;
    const response = await ((_a = this._fetch) !== null && _a !== void 0 ? _a : fetch)(url);
    if (response.status === 405) { await response.body?.cancel(); return; }
    return response.text();
  }
}
module.exports = { Client };
`),
      ],
    },
    // A JavaScript file.
    {
      filename: 'script.js',
      code: `
const https = require('https');
function poll(url) {
  https.get(url, (response) => {
    if (response.statusCode >= 400) return;
    response.resume();
  });
}
module.exports = { poll };
`,
      errors: [
        atExit(5, 37, 'The response `response` received by the https.get handler on line 4', 'return', HTTP, 'response.resume()', `
const https = require('https');
function poll(url) {
  https.get(url, (response) => {
    if (response.statusCode >= 400) { response.resume(); return; }
    response.resume();
  });
}
module.exports = { poll };
`),
      ],
    },
    // Identity, not spelling: http.get called through a variable.
    {
      code: `
import * as http from 'node:http';
export function status(url: string) {
  const get = http.get;
  get(url, (res) => {
    if (res.statusCode !== 200) return;
    res.resume();
  });
}
`,
      errors: [
        atExit(6, 33, 'The response `res` received by the http.get handler on line 5', 'return', HTTP, 'res.resume()', `
import * as http from 'node:http';
export function status(url: string) {
  const get = http.get;
  get(url, (res) => {
    if (res.statusCode !== 200) { res.resume(); return; }
    res.resume();
  });
}
`),
      ],
    },
    // A variable that holds http.get or https.get: both are request functions.
    {
      code: `
import * as http from 'node:http';
import * as https from 'node:https';
export function status(url: string, secure: boolean) {
  let get = http.get;
  if (secure) get = https.get;
  get(url, (res) => {
    if (res.statusCode !== 200) return;
    res.resume();
  });
}
`,
      errors: [
        atExit(8, 33, 'The response `res` received by the http.get handler on line 7', 'return', HTTP, 'res.resume()', `
import * as http from 'node:http';
import * as https from 'node:https';
export function status(url: string, secure: boolean) {
  let get = http.get;
  if (secure) get = https.get;
  get(url, (res) => {
    if (res.statusCode !== 200) { res.resume(); return; }
    res.resume();
  });
}
`),
      ],
    },
    // https.request destructured from its module.
    {
      code: `
import * as https from 'node:https';
export function status(url: string) {
  const { request } = https;
  request(url, (res) => {
    if (res.statusCode !== 200) return;
    res.resume();
  }).end();
}
`,
      errors: [
        atExit(6, 33, 'The response `res` received by the https.request handler on line 5', 'return', HTTP, 'res.resume()', `
import * as https from 'node:https';
export function status(url: string) {
  const { request } = https;
  request(url, (res) => {
    if (res.statusCode !== 200) { res.resume(); return; }
    res.resume();
  }).end();
}
`),
      ],
    },
    // A function value passed as a parameter typed `typeof http.get`.
    {
      code: `
import type * as http from 'node:http';
export function status(get: typeof http.get, url: string) {
  get(url, (res) => {
    if (res.statusCode !== 200) return;
    res.resume();
  });
}
`,
      errors: [
        atExit(5, 33, 'The response `res` received by the http.get handler on line 4', 'return', HTTP, 'res.resume()', `
import type * as http from 'node:http';
export function status(get: typeof http.get, url: string) {
  get(url, (res) => {
    if (res.statusCode !== 200) { res.resume(); return; }
    res.resume();
  });
}
`),
      ],
    },
    // Re-exported by another file of the program, as a `const` and through `export … from`.
    {
      code: `
import { get, request as send } from './transport.js';
export function status(url: string) {
  get(url, (res) => {
    if (res.statusCode !== 200) return;
    res.resume();
  });
  send(url, (res) => {
    if (res.statusCode !== 200) return;
    res.resume();
  }).end();
}
`,
      errors: [
        atExit(5, 33, 'The response `res` received by the http.get handler on line 4', 'return', HTTP, 'res.resume()', `
import { get, request as send } from './transport.js';
export function status(url: string) {
  get(url, (res) => {
    if (res.statusCode !== 200) { res.resume(); return; }
    res.resume();
  });
  send(url, (res) => {
    if (res.statusCode !== 200) return;
    res.resume();
  }).end();
}
`),
        atExit(9, 33, 'The response `res` received by the https.request handler on line 8', 'return', HTTP, 'res.resume()', `
import { get, request as send } from './transport.js';
export function status(url: string) {
  get(url, (res) => {
    if (res.statusCode !== 200) return;
    res.resume();
  });
  send(url, (res) => {
    if (res.statusCode !== 200) { res.resume(); return; }
    res.resume();
  }).end();
}
`),
      ],
    },
  ],
});
