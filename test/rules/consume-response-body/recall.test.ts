/**
 * consume-response-body on the shapes real bugs take (issue 15): promise chains, whose callbacks own
 * the response their chain starts with, response callbacks that take no parameter, and helpers that
 * return one of two responses.
 */
import rule from '../../../rules/consume-response-body.js';
import { runRuleTests } from '../rule-tester.js';

const FETCH = 'reading its body or cancelling it';

const statuses = `
export async function statuses(a: string, b: string): Promise<number> {
  const [first, second] = await (Promise.all([fetch(a), fetch(b)]));
  if (first.ok) await first.body?.cancel();
  return first.status + second.status;
}
`;

/** The response `name` of \`statuses\` dropped at its \`return\`, with the suggestion that cancels its body there. */
const statusDropped = (name: string) => ({
  messageId: 'bodyDroppedAtExit' as const,
  line: 5,
  column: 3,
  data: { resource: `The response \`${name}\` received on line 3`, exit: 'return', release: FETCH },
  suggestions: [
    {
      messageId: 'insertBodyRelease' as const,
      data: { call: `await ${name}.body?.cancel()`, exit: 'return' },
      output: statuses.replace('  return first.status', `  await ${name}.body?.cancel();\n  return first.status`),
    },
  ],
});

/** A helper that picks between two fetches: its summary reads both values the `?:` may take. */
const picked = `
async function get(url: string, fallback: string): Promise<Response> {
  return url.startsWith('https:') ? await fetch(url) : await fetch(fallback);
}
export async function length(skip: boolean): Promise<number> {
  const res = await get('https://a', 'http://b');
  if (skip) return 0;
  return (await res.text()).length;
}
`;

runRuleTests('consume-response-body', rule, {
  valid: [
    // Promise.all destructured: each response is read under its own name.
    `
export async function both(a: string, b: string): Promise<[unknown, unknown]> {
  const [first, second] = await Promise.all([fetch(a), fetch(b)]);
  return [await first.json(), await second.text()];
}
`,
    // Through apply, read; and a function of the program through call, whose summary says it returns the body read.
    `
export async function load(url: string): Promise<unknown> {
  const res = await fetch.apply(undefined, [url]);
  return res.json();
}
async function text(url: string): Promise<string> {
  const res = await fetch(url);
  return res.text();
}
export async function body(url: string): Promise<number> {
  const value = await text.call(undefined, url);
  return value.length;
}
`,
    // The callback reads the body.
    `
export function load(url: string): Promise<unknown> {
  return fetch(url).then((res) => res.json());
}
`,
    // The callback cancels the body on the path it does not read it.
    `
export function probe(url: string): Promise<boolean> {
  return fetch(url).then(async (res) => {
    if (res.status >= 500) {
      await res.body?.cancel();
      return false;
    }
    await res.text();
    return true;
  });
}
`,
    // A callback that returns the response hands it down the chain, to a caller who gets it.
    `
export function checked(url: string): Promise<Response> {
  return fetch(url).then((res) => {
    if (!res.ok) throw new Error('status ' + res.status);
    return res;
  });
}
`.replace("throw new Error('status ' + res.status);", "{ void res.body?.cancel(); throw new Error('status ' + res.status); }"),
    // Awaited through the chain and read.
    `
export async function text(url: string): Promise<string> {
  const res = await fetch(url).then((r) => r);
  return res.text();
}
`,
    // .catch passes a fulfilled response through; the caller reads it.
    `
export async function tolerant(url: string): Promise<string | undefined> {
  const res = await fetch(url).catch(() => undefined);
  return res?.text();
}
`,
    // The second link gets the text, not the response.
    `
export function words(url: string): Promise<number> {
  return fetch(url).then((res) => res.text()).then((body) => body.split(' ').length);
}
`,
    // A promise kept in a variable and chained: the callback reads it.
    `
export function status(url: string): Promise<number> {
  const pending = fetch(url);
  return pending.then(async (res) => {
    await res.arrayBuffer();
    return res.status;
  });
}
`,
    // A response callback that takes the response and resumes it.
    `
import * as http from 'node:http';
export function ping(url: string, done: () => void): void {
  http.get(url, (res) => {
    res.resume();
    done();
  });
}
`,
  ],
  invalid: [
    {
      code: picked,
      errors: [
        {
          messageId: 'bodyDroppedAtExit',
          line: 7,
          column: 13,
          data: { resource: 'The response `res` received on line 6', exit: 'return', release: FETCH },
          suggestions: [
            {
              messageId: 'insertBodyRelease',
              data: { call: 'await res.body?.cancel()', exit: 'return' },
              output: picked.replace('if (skip) return 0;', 'if (skip) { await res.body?.cancel(); return 0; }'),
            },
          ],
        },
      ],
    },
    // Promise.all destructured: the names hold the responses, and the statuses alone leave both unread.
    { code: statuses, errors: [statusDropped('first'), statusDropped('second')] },
    // A factory of the program called through call: its summary says what it returns.
    {
      code: `
function get(url: string): Promise<Response> {
  return fetch(url);
}
export async function ok(url: string): Promise<boolean> {
  const res = await get.call(undefined, url);
  return res.ok;
}
`,
      errors: [
        {
          messageId: 'bodyDroppedAtExit',
          line: 7,
          column: 3,
          data: { resource: 'The response \`res\` received on line 6', exit: 'return', release: FETCH },
          suggestions: [
            {
              messageId: 'insertBodyRelease',
              data: { call: 'await res.body?.cancel()', exit: 'return' },
              output: `
function get(url: string): Promise<Response> {
  return fetch(url);
}
export async function ok(url: string): Promise<boolean> {
  const res = await get.call(undefined, url);
  await res.body?.cancel();
  return res.ok;
}
`,
            },
          ],
        },
      ],
    },
    // A call through Function.prototype.call is a call of the function: \`fetch.call\` creates a response.
    {
      code: `
export class Client {
  constructor(private readonly fetch: typeof globalThis.fetch = globalThis.fetch) {}
  async status(url: string): Promise<number> {
    const res = await this.fetch.call(undefined, url);
    return res.status;
  }
}
`,
      errors: [
        {
          messageId: 'bodyDroppedAtExit',
          line: 6,
          column: 5,
          data: { resource: 'The response \`res\` received on line 5', exit: 'return', release: FETCH },
          suggestions: [
            {
              messageId: 'insertBodyRelease',
              data: { call: 'await res.body?.cancel()', exit: 'return' },
              output: `
export class Client {
  constructor(private readonly fetch: typeof globalThis.fetch = globalThis.fetch) {}
  async status(url: string): Promise<number> {
    const res = await this.fetch.call(undefined, url);
    await res.body?.cancel();
    return res.status;
  }
}
`,
            },
          ],
        },
      ],
    },
    // A response promised by hand: \`resolve\` is http.get's callback, so the caller owns the response.
    {
      code: `
import * as http from 'node:http';
function get(url: string): Promise<http.IncomingMessage> {
  return new Promise((resolve) => http.get(url, resolve));
}
export async function status(url: string): Promise<number | undefined> {
  const res = await get(url);
  return res.statusCode;
}
`,
      errors: [
        {
          messageId: 'bodyDroppedAtExit',
          line: 8,
          column: 3,
          data: { resource: 'The response `res` received on line 7', exit: 'return', release: 'reading it, resume() or destroy()' },
          suggestions: [
            {
              messageId: 'insertBodyRelease',
              data: { call: 'res.resume()', exit: 'return' },
              output: `
import * as http from 'node:http';
function get(url: string): Promise<http.IncomingMessage> {
  return new Promise((resolve) => http.get(url, resolve));
}
export async function status(url: string): Promise<number | undefined> {
  const res = await get(url);
  res.resume();
  return res.statusCode;
}
`,
            },
          ],
        },
      ],
    },
    // The body is never read: its connection never goes back to the pool.
    {
      code: `
export function healthy(url: string): Promise<boolean> {
  return fetch(url).then((res) => res.status < 500);
}
`,
      errors: [
        {
          messageId: 'bodyDroppedAtEnd',
          line: 3,
          column: 27,
          data: { resource: 'The response `res` received by the .then callback on line 3', release: FETCH, where: 'the function' },
          suggestions: [],
        },
      ],
    },
    // A throw in the callback drops the response.
    {
      code: `
export function load(url: string): Promise<unknown> {
  return fetch(url).then((res) => {
    if (res.status === 404) throw new Error('gone');
    return res.json();
  });
}
`,
      errors: [
        {
          messageId: 'bodyDroppedAtExit',
          line: 4,
          column: 29,
          data: { resource: 'The response `res` received by the .then callback on line 3', exit: 'throw', release: FETCH },
          suggestions: [
            {
              messageId: 'insertBodyRelease',
              data: { call: 'void res.body?.cancel()', exit: 'throw' },
              output: `
export function load(url: string): Promise<unknown> {
  return fetch(url).then((res) => {
    if (res.status === 404) { void res.body?.cancel(); throw new Error('gone'); }
    return res.json();
  });
}
`,
            },
          ],
        },
      ],
    },
    // undici's request(): destructuring without the body drops it.
    {
      code: `
import { request } from 'undici';
export function statusOf(url: string): Promise<number> {
  return request(url).then(({ statusCode }) => statusCode);
}
`,
      errors: [{ messageId: 'bodyDiscarded', line: 4, column: 29, data: { resource: 'The response received on line 4' } }],
    },
    // Awaited through the chain, then dropped on an early return.
    {
      code: `
export async function text(url: string): Promise<string | null> {
  const res = await fetch(url).then((r) => r);
  if (res.status === 404) return null;
  return res.text();
}
`,
      errors: [
        {
          messageId: 'bodyDroppedAtExit',
          line: 4,
          column: 27,
          data: { resource: 'The response `res` received on line 3', exit: 'return', release: FETCH },
          suggestions: [
            {
              messageId: 'insertBodyRelease',
              data: { call: 'await res.body?.cancel()', exit: 'return' },
              output: `
export async function text(url: string): Promise<string | null> {
  const res = await fetch(url).then((r) => r);
  if (res.status === 404) { await res.body?.cancel(); return null; }
  return res.text();
}
`,
            },
          ],
        },
      ],
    },
    // The end of a chain dropped: nothing can read the response.
    {
      code: `
export function fireAndForget(url: string): void {
  fetch(url).then((res) => res).catch(() => null);
}
`,
      errors: [{ messageId: 'bodyDiscarded', line: 3, column: 3, data: { resource: 'The response received on line 3' } }],
    },
    // A named callback in the same file owns the response.
    {
      code: `
export function codeOf(url: string): Promise<number> {
  return fetch(url).then(statusCode);
}
function statusCode(res: Response): number {
  return res.status;
}
`,
      errors: [
        {
          messageId: 'bodyDroppedAtExit',
          line: 6,
          column: 3,
          data: { resource: 'The response `res` received by the .then callback on line 5', exit: 'return', release: FETCH },
          suggestions: [
            {
              messageId: 'insertBodyRelease',
              data: { call: 'void res.body?.cancel()', exit: 'return' },
              output: `
export function codeOf(url: string): Promise<number> {
  return fetch(url).then(statusCode);
}
function statusCode(res: Response): number {
  void res.body?.cancel();
  return res.status;
}
`,
            },
          ],
        },
      ],
    },
    // A response callback that takes no parameter: nothing can read the response.
    {
      code: `
import * as http from 'node:http';
export function ping(url: string, done: () => void): void {
  http.get(url, () => done());
}
`,
      errors: [
        {
          messageId: 'responseIgnored',
          line: 4,
          column: 3,
          data: { registration: 'the callback of this http.get call' },
          suggestions: [
            {
              messageId: 'takeResponse',
              data: { name: 'res' },
              output: `
import * as http from 'node:http';
export function ping(url: string, done: () => void): void {
  http.get(url, (res) => { res.resume(); return done(); });
}
`,
            },
          ],
        },
      ],
    },
    // The same with a 'response' listener whose body uses the name \`res\` already.
    {
      code: `
import * as https from 'node:https';
export function ping(url: string, res: { ok: boolean }): void {
  const req = https.get(url);
  req.on('response', function () {
    res.ok = true;
  });
}
`,
      errors: [
        {
          messageId: 'responseIgnored',
          line: 5,
          column: 3,
          data: { registration: "this 'response' listener" },
          suggestions: [
            {
              messageId: 'takeResponse',
              data: { name: 'response' },
              output: `
import * as https from 'node:https';
export function ping(url: string, res: { ok: boolean }): void {
  const req = https.get(url);
  req.on('response', function (response) {
    response.resume();
    res.ok = true;
  });
}
`,
            },
          ],
        },
      ],
    },
    // With checkThrowingCalls: a check that throws drops the response unread.
    {
      options: [{ checkThrowingCalls: true }],
      code: `
function assertJson(res: Response): void {
  if (!res.headers.get('content-type')?.includes('json')) throw new Error('not JSON');
}
export async function load(url: string): Promise<unknown> {
  const res = await fetch(url);
  assertJson(res);
  return res.json();
}
`,
      errors: [
        {
          messageId: 'bodyDroppedAtThrowingCall',
          line: 7,
          column: 3,
          data: { resource: 'The response `res` received on line 6', callee: 'assertJson', release: FETCH },
          suggestions: [],
        },
      ],
    },
  ],
});
