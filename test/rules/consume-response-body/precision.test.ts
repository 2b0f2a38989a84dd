/**
 * consume-response-body on shapes taken from real code that were false alarms (issue 13): a
 * response released through its request or its socket, and the neighbouring shapes that must
 * still report.
 */
import rule from '../../../rules/consume-response-body.js';
import { runRuleTests } from '../rule-tester.js';

const HTTP = 'reading it, resume() or destroy()';

runRuleTests('consume-response-body', rule, {
  valid: [
    // Destroying the request in the 'response' handler destroys the response's socket.
    `
import * as http from 'node:http';
export function get(url: string): void {
  const req = http.get(url);
  req.on('response', (res) => {
    if (res.statusCode !== 200) { req.destroy(); return; }
    res.resume();
  });
}
`,
    // abort() through the variable the request call is bound to.
    `
import * as http from 'node:http';
export function probe(url: string, done: (ok: boolean) => void): void {
  const req = http.get(url, (res) => {
    if (res.statusCode === 302) {
      req.abort();
      done(false);
      return;
    }
    res.resume();
    done(true);
  });
}
`,
    // A helper of the program handed the request destroys it (known by its summary).
    `
import * as http from 'node:http';
function abortHandshake(req: http.ClientRequest, onFail: (error: Error) => void, message: string): void {
  req.destroy();
  onFail(new Error(message));
}
export function open(url: string, onFail: (error: Error) => void): void {
  const req = http.get(url);
  req.on('response', (res) => {
    if (res.statusCode !== 101) {
      abortHandshake(req, onFail, 'Unexpected server response: ' + res.statusCode);
      return;
    }
    res.resume();
  });
}
`,
    // Destroying the response's socket.
    `
import * as https from 'node:https';
export function check(url: string): void {
  https.get(url, (res) => {
    if (res.statusCode !== 204) {
      res.socket.destroy();
      return;
    }
    res.resume();
  });
}
`,
    // A closure that destroys the request, called on the early return.
    `
import * as http from 'node:http';
import type { Writable } from 'node:stream';
export function forward(url: string, out: Writable): void {
  const req = http.request(url);
  const fail = (error: Error): void => {
    out.destroy(error);
    req.destroy();
  };
  req.on('response', (res) => {
    if ((res.statusCode ?? 500) >= 400) return fail(new Error('upstream failed'));
    res.pipe(out);
  });
  req.end();
}
`,
    // A callback registered beside the handler destroys the request once the other side closes.
    `
import * as http from 'node:http';
export function proxy(url: string, response: http.ServerResponse, reject: (error: Error) => void): void {
  const onResponse = (upstream: http.IncomingMessage): void => {
    if (upstream.statusCode === 407) {
      reject(new Error('407 Proxy Authentication Required'));
      return;
    }
    upstream.pipe(response);
  };
  const client = http.request(url, onResponse);
  response.on('close', () => {
    client.destroy();
  });
  client.end();
}
`,
    // The request's timeout hands it to a helper that aborts it.
    `
import * as http from 'node:http';
function giveUp(req: http.ClientRequest): void {
  req.abort();
}
export function fetchStatus(url: string, done: (status: number) => void): void {
  const req = http.get(url, { timeout: 1000 }, (res) => {
    if (res.statusCode === 503) return;
    res.resume();
    done(res.statusCode ?? 0);
  });
  req.on('timeout', () => giveUp(req));
}
`,
    // The call that makes the next response takes the previous one (a decoding chain).
    `
import * as http from 'node:http';
declare function decompress(response: http.IncomingMessage, encoding: string): http.IncomingMessage;
function decode(response: http.IncomingMessage, encodings: string[]): http.IncomingMessage {
  for (const encoding of encodings) {
    const source = response;
    response = decompress(source, encoding);
  }
  return response;
}
export function get(url: string, onBody: (body: http.IncomingMessage) => void): void {
  http.get(url, (res) => onBody(decode(res, ['gzip'])));
}
`,
    // The request is either of two calls; a callback beside the handler destroys it.
    `
import * as http from 'node:http';
import * as https from 'node:https';
export function forward(origin: string, response: http.ServerResponse, reject: (error: Error) => void): void {
  const onResponse = (upstream: http.IncomingMessage): void => {
    if (upstream.statusCode === 407) return reject(new Error('407'));
    upstream.pipe(response);
  };
  const client = origin.startsWith('https:') ? https.request(origin, onResponse) : http.request(origin, onResponse);
  response.on('close', () => client.destroy());
  client.end();
}
`,
    // A library that resolves with the response once it has read the body (got's Response declares
    // \`body\`): nothing is left to read.
    `
import type * as http from 'node:http';
interface BufferedResponse extends http.IncomingMessage {
  body: string;
}
declare function got(url: string): Promise<BufferedResponse>;
export async function status(url: string): Promise<number | undefined> {
  const res = await got(url);
  if (res.body === '') return undefined;
  return res.statusCode;
}
export function headers(url: string): Promise<http.IncomingHttpHeaders> {
  return got(url).then((res) => res.headers);
}
`,
    // Cancelled only when nobody has started reading it: a used body is its reader's to finish.
    `
export async function status(url: string): Promise<number> {
  const res = await fetch(url);
  if (!res.bodyUsed) await res.body?.cancel();
  return res.status;
}
`,
    // Variants: the flag compared with a literal, combined with a null check, or leaving early.
    `
export async function compared(url: string): Promise<number> {
  const res = await fetch(url);
  if (res.bodyUsed === false) await res.body?.cancel();
  return res.status;
}
export async function combined(url: string): Promise<number> {
  const res = await fetch(url);
  if (!res.bodyUsed && res.body) await res.body.cancel();
  return res.status;
}
export async function early(url: string): Promise<number> {
  const res = await fetch(url);
  if (res.bodyUsed) return res.status;
  await res.body?.cancel();
  return res.status;
}
`,
  ],
  invalid: [
    // The flag read the wrong way round: an unused body is left unread.
    {
      code: `
export async function status(url: string): Promise<number> {
  const res = await fetch(url);
  if (res.bodyUsed) await res.body?.cancel();
  return res.status;
}
`,
      errors: [
        {
          messageId: 'bodyDroppedAtExit',
          line: 5,
          column: 3,
          data: { resource: 'The response `res` received on line 3', exit: 'return', release: 'reading its body or cancelling it' },
          suggestions: [
            {
              messageId: 'insertBodyRelease',
              data: { call: 'await res.body?.cancel()', exit: 'return' },
              output: `
export async function status(url: string): Promise<number> {
  const res = await fetch(url);
  if (res.bodyUsed) await res.body?.cancel();
  await res.body?.cancel();
  return res.status;
}
`,
            },
          ],
        },
      ],
    },
    // Ending the request (sending its body) does not release the response.
    {
      code: `
import * as http from 'node:http';
export function post(url: string): void {
  const req = http.request(url, { method: 'POST' });
  req.on('response', (res) => {
    if (res.statusCode !== 200) { req.end(); return; }
    res.resume();
  });
  req.end('payload');
}
`,
      errors: [
        {
          messageId: 'bodyDroppedAtExit',
          line: 6,
          column: 46,
          data: { resource: "The response `res` received by the 'response' handler on line 5", exit: 'return', release: HTTP },
          suggestions: [
            {
              messageId: 'insertBodyRelease',
              data: { call: 'res.resume()', exit: 'return' },
              output: `
import * as http from 'node:http';
export function post(url: string): void {
  const req = http.request(url, { method: 'POST' });
  req.on('response', (res) => {
    if (res.statusCode !== 200) { req.end(); res.resume(); return; }
    res.resume();
  });
  req.end('payload');
}
`,
            },
          ],
        },
      ],
    },
    // Destroying some other request releases nothing of this one.
    {
      code: `
import * as http from 'node:http';
export function race(url: string, other: http.ClientRequest): void {
  const req = http.get(url);
  req.on('response', (res) => {
    if (res.statusCode !== 200) { other.destroy(); return; }
    res.resume();
  });
}
`,
      errors: [
        {
          messageId: 'bodyDroppedAtExit',
          line: 6,
          column: 52,
          data: { resource: "The response `res` received by the 'response' handler on line 5", exit: 'return', release: HTTP },
          suggestions: [
            {
              messageId: 'insertBodyRelease',
              data: { call: 'res.resume()', exit: 'return' },
              output: `
import * as http from 'node:http';
export function race(url: string, other: http.ClientRequest): void {
  const req = http.get(url);
  req.on('response', (res) => {
    if (res.statusCode !== 200) { other.destroy(); res.resume(); return; }
    res.resume();
  });
}
`,
            },
          ],
        },
      ],
    },
    // A subtype that adds no body is an ordinary response: it must be read.
    {
      code: `
import type * as http from 'node:http';
interface TimedResponse extends http.IncomingMessage {
  timings: { start: number };
}
declare function request(url: string): Promise<TimedResponse>;
export async function status(url: string): Promise<number | undefined> {
  const res = await request(url);
  return res.statusCode;
}
`,
      errors: [
        {
          messageId: 'bodyDroppedAtExit',
          line: 9,
          column: 3,
          data: { resource: 'The response `res` received on line 8', exit: 'return', release: HTTP },
          suggestions: [
            {
              messageId: 'insertBodyRelease',
              data: { call: 'res.resume()', exit: 'return' },
              output: `
import type * as http from 'node:http';
interface TimedResponse extends http.IncomingMessage {
  timings: { start: number };
}
declare function request(url: string): Promise<TimedResponse>;
export async function status(url: string): Promise<number | undefined> {
  const res = await request(url);
  res.resume();
  return res.statusCode;
}
`,
            },
          ],
        },
      ],
    },
  ],
});
