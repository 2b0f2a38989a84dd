/**
 * no-leaked-socket where a path tests a condition twice: the leak search does not take the
 * opposite outcome of a condition the path already tested, when nothing in the function writes its
 * operands (path-facts.ts). The shapes are pg's: a client released in `finally` under the test that
 * decided whether it was checked out (`tx ?? await pool.connect()` … `if (!tx) client.release()`), a
 * `released` flag. Found by two trials. A condition whose operand is written, declared in a loop, or
 * tested differently still leaks, and so does `amount <= 0` against `amount > 0` (both false for NaN).
 */
import rule from '../../../rules/no-leaked-socket.js';
import { endLeak, exitLeak, throwingCallLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const pgClient = (line: number) => `The pg.PoolClient \`client\` created on line ${line}`;
const socketAt = (line: number) => `The net.Socket \`socket\` created on line ${line}`;

const charge = `
import { Pool } from 'pg';
const pool = new Pool();
export async function charge(amount: number) {
  const client = await pool.connect();
  try {
    if (amount <= 0) {
      client.release();
      return false;
    }
    await client.query('update balance set n = n - $1', [amount]);
  } finally {
    if (amount > 0) client.release();
  }
  return true;
}
`;

const hoisted = `
import * as net from 'node:net';
export function hoisted() {
  const socket = net.connect(80);
  if (ready) socket.end();
  var ready = true;
  if (ready) return;
  socket.end();
}
`;

const byCase = `
import * as net from 'node:net';
export function byCase(kind: string, other: string) {
  const socket = net.connect(80);
  switch (kind) {
    case other:
      socket.end();
      break;
  }
  if (other) return;
  socket.end();
}
`;

const rewritten = `
import * as net from 'node:net';
export function rewritten(n: number) {
  const socket = net.connect(80);
  if (n > 0) socket.write('x');
  n = 1;
  if (n > 0) return;
  socket.end();
}
`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // The transaction's client is the caller's; a fresh one is released where it was taken.
    `
import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function insert(row: string, tx?: PoolClient) {
  const client = tx ?? (await pool.connect());
  try {
    await client.query('insert into t values ($1)', [row]);
  } finally {
    if (!tx) client.release();
  }
}
`,
    // A flag set once the release is done, declared after the checkout or before it.
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function after() {
  const client = await pool.connect();
  let released = false;
  try {
    await client.query('select 1');
    client.release();
    released = true;
  } finally {
    if (!released) client.release(true);
  }
}
export async function before() {
  let released = false;
  const client = await pool.connect();
  try {
    await client.query('select 1');
    client.release();
    released = true;
  } finally {
    if (!released) client.release(true);
  }
}
`,
    // A flag declared in the loop body: its declaration resets it on every iteration.
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function each(rows: string[]) {
  for (const row of rows) {
    let released = false;
    const client = await pool.connect();
    try {
      await client.query('insert into t values ($1)', [row]);
      client.release();
      released = true;
    } finally {
      if (!released) client.release(true);
    }
  }
}
`,
    // One parameter tested three times, a string compared by === and !==, two parameters compared
    // both ways round (\`count > limit\` and \`limit < count\` are one condition).
    `
import * as net from 'node:net';
export function keepOrClose(keep: boolean) {
  const socket = net.connect(80);
  if (keep) socket.write('x');
  if (!keep) socket.end();
  if (keep) socket.destroy();
}
export function byMode(mode: string) {
  const socket = net.connect(80);
  if (mode === 'keep') socket.destroy();
  if (mode !== 'keep') socket.end();
}
export function byLimit(count: number, limit: number) {
  const socket = net.connect(80);
  if (count > limit) {
    socket.destroy();
    return;
  }
  socket.write('x');
  if (!(limit < count)) socket.end();
}
`,
  ],
  invalid: [
    // \`amount <= 0\` is not the complement of \`amount > 0\`: both are false for NaN
    // (\`Number(req.query.amount)\` of a bad input), and then the client is never released.
    {
      code: charge,
      errors: [
        throwingCallLeak(11, 11, pgClient(5), 'client.query', 'release()'),
        {
          ...exitLeak(15, 3, pgClient(5), 'return', 'release()'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'client.release()', exit: 'return' }, output: charge.replace('  return true;', '  client.release();\n  return true;') }],
        },
      ],
    },
    // The finally releases only the caller's client: the fresh one is never released.
    {
      code: `
import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function insert(row: string, tx?: PoolClient) {
  const client = tx ?? (await pool.connect());
  try {
    await client.query('insert into t values ($1)', [row]);
  } finally {
    if (tx) client.release();
  }
}
`,
      errors: [endLeak(5, 31, pgClient(5), 'the function', 'release()'), throwingCallLeak(7, 11, pgClient(5), 'client.query', 'release()')],
    },
    // Two different conditions: the path that writes and does not end leaks.
    {
      code: `
import * as net from 'node:net';
export function twoFlags(keep: boolean, close: boolean) {
  const socket = net.connect(80);
  if (keep) socket.write('x');
  if (close) socket.end();
}
`,
      errors: [endLeak(4, 18, socketAt(4))],
    },
    // \`n\` is written between the tests: what the first taught no longer holds at the second.
    {
      code: rewritten,
      errors: [
        {
          ...exitLeak(7, 14, socketAt(4), 'return'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'socket.destroy()', exit: 'return' }, output: rewritten.replace('if (n > 0) return;', 'if (n > 0) { socket.destroy(); return; }') }],
        },
      ],
    },
    // A \`var\` read before its declaration runs is undefined: the first test says nothing of the second.
    {
      code: hoisted,
      errors: [
        {
          ...exitLeak(7, 14, socketAt(4), 'return'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'socket.destroy()', exit: 'return' }, output: hoisted.replace('if (ready) return;', 'if (ready) { socket.destroy(); return; }') }],
        },
      ],
    },
    // A \`case other:\` tests \`kind === other\`, not whether \`other\` is truthy.
    {
      code: byCase,
      errors: [
        {
          ...exitLeak(10, 14, socketAt(4), 'return'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'socket.destroy()', exit: 'return' }, output: byCase.replace('if (other) return;', 'if (other) { socket.destroy(); return; }') }],
        },
      ],
    },
    // A write in a class's static block runs where the class is declared, which the graph does not
    // follow: a variable written there is no flag.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function staticBlock() {
  let released = false;
  const client = await pool.connect();
  try {
    class Marker {
      static {
        released = true;
      }
    }
    void Marker;
    await client.query('select 1');
  } finally {
    if (!released) client.release();
  }
}
`,
      errors: [endLeak(6, 24, pgClient(6), 'the function', 'release()'), throwingCallLeak(14, 11, pgClient(6), 'client.query', 'release()')],
    },
    // A \`var\` declared over a parameter assigns it.
    {
      code: `
import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
export async function redeclared(tx?: PoolClient) {
  const client = tx ?? (await pool.connect());
  var tx = client;
  try {
    await client.query('select 1');
  } finally {
    if (!tx) client.release();
  }
}
`,
      errors: [endLeak(5, 31, pgClient(5), 'the function', 'release()'), throwingCallLeak(8, 11, pgClient(5), 'client.query', 'release()')],
    },
    // A generator's consumer may close it at the \`yield\` (\`break\` out of its \`for…of\`): the
    // \`finally\` then runs with \`done\` false. The graph does not follow that way out, so nothing
    // is learnt in a generator and the impossible path that stands in for it still reports.
    {
      code: `
import * as net from 'node:net';
export function* lines(host: string, rows: string[]) {
  const s = net.connect(80, host);
  let done = false;
  try {
    for (const r of rows) yield r;
    done = true;
  } finally {
    if (done) s.end();
  }
}
`,
      errors: [{ ...endLeak(4, 13, 'The net.Socket \`s\` created on line 4') }],
    },
    // A flag written in the loop the checkout is in: a later iteration starts with it true.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function each(items: string[]) {
  let done = false;
  for (const item of items) {
    const client = await pool.connect();
    try {
      await client.query(item);
      done = true;
    } finally {
      if (!done) client.release();
    }
  }
}
`,
      errors: [endLeak(7, 26, pgClient(7), 'its block', 'release()'), throwingCallLeak(9, 13, pgClient(7), 'client.query', 'release()')],
    },
  ],
});
