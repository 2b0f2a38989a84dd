/**
 * no-leaked-socket on pooled database clients, whose awaited operations reject in normal use (a
 * constraint violation, a timeout, a dropped connection): the rejection is an exit on its path, with
 * or without `checkThrowingCalls`, and a client not released there never goes back to its pool.
 */
import rule from '../../../rules/no-leaked-socket.js';
import { endLeak, exitLeak, throwingCallLeak } from './errors.js';
import { runRuleTests } from '../rule-tester.js';

const pgClient = (line: number) => `The pg.PoolClient \`client\` created on line ${line}`;
const mysqlConn = (line: number) => `The mysql2.PoolConnection \`conn\` created on line ${line}`;

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // Released in finally: a rejected query leaves nothing checked out.
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function user(id: number) {
  const client = await pool.connect();
  try {
    const result = await client.query('select * from users where id = $1', [id]);
    return result.rows[0];
  } finally {
    client.release();
  }
}
`,
    // A transaction: the catch rolls back and releases (with the error, so the pool drops the
    // connection) before it rethrows; the success path releases after COMMIT.
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from: number, to: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set n = n - 1 where id = $1', [from]);
    await client.query('update accounts set n = n + 1 where id = $1', [to]);
    await client.query('COMMIT');
  } catch (error) {
    client.release(true);
    throw error;
  }
  client.release();
}
`,
    // The pool's own query checks a client out and back in: no client to release.
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function count() {
  const result = await pool.query('select count(*) from users');
  return result.rows[0];
}
`,
    // mysql2/promise: released through the pool in finally.
    `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function names() {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.execute('select name from users');
    return rows;
  } finally {
    pool.releaseConnection(conn);
  }
}
`,
    // An operation of another value that happens to be awaited is not the client's.
    `
import { Pool } from 'pg';
const pool = new Pool();
async function audit(message: string): Promise<void> {
  console.log(message);
}
export async function ping() {
  const client = await pool.connect();
  await audit('ping');
  client.release();
}
`,
  ],
  invalid: [
    // The classic pool exhaustion: a rejected query skips the release.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function user(id: number) {
  const client = await pool.connect();
  const result = await client.query('select * from users where id = $1', [id]);
  client.release();
  return result.rows[0];
}
`,
      errors: [throwingCallLeak(6, 24, pgClient(5), 'client.query', 'release()')],
    },
    // The catch rolls back and rethrows without releasing: the rethrow leaves it checked out, and
    // so does a ROLLBACK that rejects in turn.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from: number, to: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set n = n - 1 where id = $1', [from]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  client.release();
}
`,
      errors: [
        throwingCallLeak(11, 11, pgClient(5), 'client.query', 'release()'),
        {
          ...exitLeak(12, 5, pgClient(5), 'throw', 'release()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'client.release()', exit: 'throw' },
              output: `
import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from: number, to: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set n = n - 1 where id = $1', [from]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    client.release();
    throw error;
  }
  client.release();
}
`,
            },
          ],
        },
      ],
    },
    // mysql2/promise: execute() rejects as query() does.
    {
      code: `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function names() {
  const conn = await pool.getConnection();
  const [rows] = await conn.execute('select name from users');
  conn.release();
  return rows;
}
`,
      errors: [throwingCallLeak(6, 24, mysqlConn(5), 'conn.execute', 'release()')],
    },
    // Never released at all: one report, where it is created, not one more per query.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function twice() {
  const client = await pool.connect();
  await client.query('select 1');
  await client.query('select 2');
}
`,
      errors: [endLeak(5, 24, pgClient(5), 'the function', 'release()')],
    },
  ],
});
