/** no-leaked-socket on Deno's network API (test/fixtures/deno: `types: ["deno"]`, no @types/node). */
import rule from '../../../rules/no-leaked-socket.js';
import { denoFixturesDir, runRuleTests } from '../rule-tester.js';

runRuleTests(
  'no-leaked-socket (Deno)',
  rule,
  {
    valid: [
      // A listener's accept loop ends only once the listener is closed: falling off the end after it leaks nothing.
      `
export async function serve(port: number): Promise<void> {
  const listener = Deno.listen({ port });
  for await (const conn of listener) {
    conn.close();
  }
}
`,
      // The same with code after the loop that may return.
      `
export async function serve(port: number, log: boolean): Promise<number> {
  const listener = Deno.listen({ port });
  let served = 0;
  for await (const conn of listener) {
    served++;
    conn.close();
  }
  if (log) console.log(served);
  return served;
}
`,
      // A connection closed in finally.
      `
export async function ping(port: number): Promise<void> {
  const conn = await Deno.connect({ port });
  try {
    await conn.write(new TextEncoder().encode('ping'));
  } finally {
    conn.close();
  }
}
`,
    ],
    invalid: [
      // The listener is dropped by a return before its loop starts.
      {
        code: `
export async function serve(port: number, disabled: boolean): Promise<void> {
  const listener = Deno.listen({ port });
  if (disabled) return;
  for await (const conn of listener) {
    conn.close();
  }
}
`,
        errors: [
          {
            messageId: 'leakAtExit',
            line: 4,
            column: 17,
            data: { resource: 'The Deno.Listener `listener` created on line 3', exit: 'return', release: 'close()' },
            suggestions: [
              {
                messageId: 'insertRelease',
                data: { call: 'listener.close()', exit: 'return' },
                output: `
export async function serve(port: number, disabled: boolean): Promise<void> {
  const listener = Deno.listen({ port });
  if (disabled) { listener.close(); return; }
  for await (const conn of listener) {
    conn.close();
  }
}
`,
              },
            ],
          },
        ],
      },
      // A connection that a return leaves open.
      {
        code: `
export async function ping(port: number, skip: boolean): Promise<void> {
  const conn = await Deno.connect({ port });
  if (skip) return;
  conn.close();
}
`,
        errors: [
          {
            messageId: 'leakAtExit',
            line: 4,
            column: 13,
            data: { resource: 'The Deno.TcpConn `conn` created on line 3', exit: 'return', release: 'close()' },
            suggestions: [
              {
                messageId: 'insertRelease',
                data: { call: 'conn.close()', exit: 'return' },
                output: `
export async function ping(port: number, skip: boolean): Promise<void> {
  const conn = await Deno.connect({ port });
  if (skip) { conn.close(); return; }
  conn.close();
}
`,
              },
            ],
          },
        ],
      },
      // With checkThrowingCalls: a program function that throws leaves the connection open.
      {
        options: [{ checkThrowingCalls: true }],
        code: `
function assertSecure(conn: Deno.Conn): void {
  if (conn.remoteAddr.transport !== 'tcp') throw new Error('unexpected transport');
}
export async function send(port: number, data: Uint8Array): Promise<void> {
  const conn = await Deno.connect({ port });
  assertSecure(conn);
  await conn.write(data);
  conn.close();
}
`,
        errors: [
          {
            messageId: 'leakAtThrowingCall',
            line: 7,
            column: 3,
            data: { resource: 'The Deno.TcpConn `conn` created on line 6', callee: 'assertSecure', release: 'close()' },
            suggestions: [],
          },
        ],
      },
    ],
  },
  denoFixturesDir,
);
