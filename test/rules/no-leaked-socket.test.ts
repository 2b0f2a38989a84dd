import rule from '../../rules/no-leaked-socket.js';
import { endLeak, exitLeak, throwingCallLeak } from './no-leaked-socket/errors.js';
import { runRuleTests } from './rule-tester.js';

runRuleTests('no-leaked-socket', rule, {
  valid: [
    // Released in finally on every path.
    `
import * as net from 'node:net';
import { once } from 'node:events';
export async function request(quick: boolean) {
  const socket = net.connect(80);
  try {
    await once(socket, 'connect');
    if (quick) return 1;
    socket.write('ping');
  } finally {
    socket.destroy();
  }
  return 2;
}
`,
    // Released before the early return.
    `
import * as net from 'node:net';
export function probe(skip: boolean) {
  const socket = net.connect(80);
  if (skip) {
    socket.destroy();
    return;
  }
  socket.end('bye');
}
`,
    // await using disposes it.
    `
import * as net from 'node:net';
export async function scoped(skip: boolean) {
  await using socket = net.connect(80);
  if (skip) return;
  socket.write('x');
}
`,
    // using disposes it.
    `
import * as net from 'node:net';
export function scoped(skip: boolean) {
  using socket = net.connect(80);
  if (skip) return;
  socket.write('x');
}
`,
    // Returned to the caller (after this-returning calls).
    `
import * as net from 'node:net';
export function open(port: number) {
  const socket = net.connect(port);
  socket.setNoDelay(true).setKeepAlive(true);
  return socket;
}
`,
    // Resolved through a promise.
    `
import * as net from 'node:net';
export function connected(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}
`,
    // Stored in a field of a class that releases it: the function hands it to the class.
    `
import * as net from 'node:net';
export class Connection {
  private socket: net.Socket | undefined;
  open(port: number) {
    const socket = net.connect(port);
    this.socket = socket;
  }
  close() {
    this.socket?.destroy();
  }
}
`,
    // Stored in a Map.
    `
import * as net from 'node:net';
const sockets = new Map<string, net.Socket>();
export function track(id: string) {
  const socket = net.connect(80);
  sockets.set(id, socket);
}
`,
    // Pushed into a field array.
    `
import * as net from 'node:net';
export class Pool {
  private readonly idle: net.Socket[] = [];
  grow() {
    const socket = net.connect(80);
    this.idle.push(socket);
  }
}
`,
    // Stored in a module variable.
    `
import * as net from 'node:net';
let current: net.Socket | undefined;
export function reconnect() {
  const socket = net.connect(80);
  current = socket;
}
`,
    // Passed to a function we cannot see into: it takes ownership.
    `
import * as net from 'node:net';
export function withSocket(consume: (socket: net.Socket) => void) {
  const socket = net.connect(80);
  consume(socket);
}
`,
    // Passed to a local helper that releases it (by summary).
    `
import * as net from 'node:net';
function shutdown(socket: net.Socket) {
  socket.end();
}
export function run(skip: boolean) {
  const socket = net.connect(80);
  if (skip) {
    shutdown(socket);
    return;
  }
  shutdown(socket);
}
`,
    // Passed to a helper in another file that releases it.
    `
import * as net from 'node:net';
import { closeQuietly } from './factory.js';
export function run() {
  const socket = net.connect(80);
  closeQuietly(socket);
}
`,
    // Passed to a helper in another file that stores it.
    `
import * as net from 'node:net';
import { remember } from './factory.js';
export function run() {
  const socket = net.connect(80);
  remember('a', socket);
}
`,
    // Released in a 'close' listener.
    `
import * as net from 'node:net';
export function watch() {
  const socket = net.connect(80);
  socket.on('close', () => socket.destroy());
}
`,
    // Released in an 'error' listener.
    `
import * as net from 'node:net';
export function watch() {
  const socket = net.connect(80);
  socket.once('error', (error) => {
    console.error(error);
    socket.destroy();
  });
}
`,
    // Released in a setTimeout callback.
    `
import * as net from 'node:net';
export function later() {
  const socket = net.connect(80);
  setTimeout(() => socket.end(), 1000);
}
`,
    // Released by socket.setTimeout's callback.
    `
import * as net from 'node:net';
export function idle() {
  const socket = net.connect(80);
  socket.setTimeout(30_000, () => {
    socket.destroy();
  });
}
`,
    // A named local function as the listener.
    `
import * as net from 'node:net';
export function watch() {
  const socket = net.connect(80);
  function stop() {
    socket.destroy();
  }
  socket.once('end', stop);
}
`,
    // A local closure called on the early exit.
    `
import * as net from 'node:net';
export function run(bad: boolean) {
  const socket = net.connect(80);
  const fail = () => socket.destroy();
  if (bad) {
    fail();
    return;
  }
  socket.end();
}
`,
    // Module top level: lives as long as the process.
    `
import * as net from 'node:net';
const socket = net.connect(80);
socket.write('hello');
export const send = (text: string) => socket.write(text);
`,
    // Absent on the early path.
    `
import * as net from 'node:net';
export function maybe(want: boolean) {
  const socket = want ? net.connect(80) : undefined;
  if (!socket) return;
  socket.end();
}
`,
    // Compared with null / undefined.
    `
import * as net from 'node:net';
export function maybe(want: boolean) {
  const socket = want ? net.connect(80) : null;
  if (socket === null) return;
  socket.end();
}
`,
    // Optional release call.
    `
import * as net from 'node:net';
export function maybe(want: boolean) {
  const socket = want ? net.connect(80) : undefined;
  socket?.destroy();
}
`,
    // Already destroyed on the early path.
    `
import * as net from 'node:net';
export function check() {
  const socket = net.connect(80);
  if (socket.destroyed) return;
  socket.end();
}
`,
    // stream.pipeline owns it.
    `
import * as net from 'node:net';
import { pipeline } from 'node:stream';
export function forward(destination: NodeJS.WritableStream) {
  const socket = net.connect(80);
  pipeline(socket, destination, () => {});
}
`,
    // tls.connect({ socket }) owns the raw socket; the TLS socket is returned.
    `
import * as net from 'node:net';
import * as tls from 'node:tls';
export function secure() {
  const raw = net.connect(443);
  const wrapped = tls.connect({ socket: raw });
  return wrapped;
}
`,
    // new tls.TLSSocket(raw) owns the raw socket.
    `
import * as net from 'node:net';
import * as tls from 'node:tls';
export function secure() {
  const raw = net.connect(443);
  return new tls.TLSSocket(raw);
}
`,
    // server.emit('connection', socket) hands it to the server.
    `
import * as net from 'node:net';
export function inject(server: net.Server) {
  const socket = net.connect(80);
  server.emit('connection', socket);
}
`,
    // A connection handler that consumes its socket.
    `
import * as net from 'node:net';
export const server = net.createServer((socket) => {
  socket.on('data', (chunk) => socket.write(chunk));
});
`,
    // A connection handler that pipes its socket.
    `
import * as net from 'node:net';
export const server = net.createServer((socket) => {
  socket.pipe(socket);
});
`,
    // A connection handler that reads with for await.
    `
import * as net from 'node:net';
export const server = net.createServer(async (socket) => {
  for await (const chunk of socket) console.log(chunk);
});
`,
    // A connection handler that hands the socket off.
    `
import * as net from 'node:net';
declare function serve(socket: net.Socket): void;
export const server = net.createServer((socket) => serve(socket));
`,
    // An http server serves its own connections: its 'connection' listener does not own them.
    `
import * as http from 'node:http';
export function tune(server: http.Server) {
  server.on('connection', (socket) => {
    socket.setNoDelay(true);
  });
}
`,
    // The over-limit handler, fixed.
    `
import * as net from 'node:net';
let active = 0;
export const server = net.createServer((socket) => {
  if (active >= 100) {
    socket.destroy();
    return;
  }
  active++;
  socket.on('data', (chunk) => socket.write(chunk));
});
`,
    // The upgrade handler, fixed.
    `
import * as http from 'node:http';
export function attach(server: http.Server) {
  server.on('upgrade', (request, socket) => {
    if (request.headers.authorization === undefined) {
      socket.end('HTTP/1.1 401 Unauthorized\\r\\n\\r\\n');
      return;
    }
    socket.pipe(socket);
  });
}
`,
    // ws's handleUpgrade takes the upgrade socket.
    `
import * as http from 'node:http';
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ noServer: true });
export function attach(server: http.Server) {
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
}
`,
    // An agent passed as an option is borrowed, and destroyed in finally.
    `
import * as http from 'node:http';
export function fetchOnce(url: string, skip: boolean) {
  const agent = new http.Agent({ keepAlive: true });
  try {
    if (skip) return;
    http.get(url, { agent }, (response) => response.resume());
  } finally {
    agent.destroy();
  }
}
`,
    // An undici pool closed in finally.
    `
import { Pool } from 'undici';
export async function query(origin: string) {
  const pool = new Pool(origin);
  try {
    const { body } = await pool.request({ path: '/', method: 'GET' });
    return await body.text();
  } finally {
    await pool.close();
  }
}
`,
    // Re-created per iteration and released each time.
    `
import * as net from 'node:net';
export function sweep(ports: number[]) {
  let socket: net.Socket;
  for (const port of ports) {
    socket = net.connect(port);
    socket.end();
  }
}
`,
    // Every case releases.
    `
import * as net from 'node:net';
export function pick(mode: number) {
  const socket = net.connect(80);
  switch (mode) {
    case 0:
    case 1:
      socket.end();
      break;
    default:
      socket.destroy();
  }
}
`,
    // Not resources: a tty stream, an http request with no 'response' listener.
    `
import * as tty from 'node:tty';
import * as http from 'node:http';
export function output() {
  const stream = new tty.WriteStream(1);
  stream.write('x');
  http.get('http://localhost/ping');
}
`,
    // A socket parameter of an ordinary function is borrowed, not owned.
    `
import * as net from 'node:net';
export function greet(socket: net.Socket, quiet: boolean) {
  if (quiet) return;
  socket.write('hello');
}
`,
    // Released through an alias.
    `
import * as net from 'node:net';
export function alias(skip: boolean) {
  const socket = net.connect(80);
  const same = socket;
  if (skip) {
    same.destroy();
    return;
  }
  socket.end();
}
`,
    // A dgram socket closed on 'error' and at the end.
    `
import * as dgram from 'node:dgram';
export function ping(message: string) {
  const socket = dgram.createSocket('udp4');
  socket.on('error', () => socket.close());
  socket.send(message, 41234, 'localhost', () => socket.close());
}
`,
    // An accept loop whose iterations consume or close every connection.
    `
import * as net from 'node:net';
declare function accept(server: net.Server): AsyncIterable<net.Socket>;
export async function serve(server: net.Server, limit: number) {
  let active = 0;
  for await (const socket of accept(server)) {
    if (active >= limit) {
      socket.destroy();
      continue;
    }
    active++;
    socket.pipe(socket);
  }
}
`,
    // Database clients are followed by default: a pg client ended in finally.
    `
import { Client } from 'pg';
export async function count() {
  const client = new Client();
  await client.connect();
  try {
    return await client.query('select 1');
  } finally {
    await client.end();
  }
}
`,
    // With the preset, a pg pool client released on every path.
    {
      options: [{ presets: ['clients'] }],
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function count() {
  const client = await pool.connect();
  try {
    return await client.query('select 1');
  } finally {
    client.release();
  }
}
`,
    },
    // A custom resource type released.
    {
      options: [{ resources: [{ type: { from: 'file', name: 'Connection', path: 'connection.ts' }, release: ['close'] }] }],
      code: `
import { Connection } from './connection.js';
export function greet(address: string) {
  const connection = Connection.open(address);
  connection.send('hello');
  connection.close();
}
`,
    },
    // By default a declared function we cannot see into takes ownership.
    `
import * as net from 'node:net';
import { audit } from './audit.js';
export function check() {
  const socket = net.connect(80);
  audit(socket);
}
`,
    // A JavaScript file with require('net').
    {
      filename: 'script.js',
      code: `
const net = require('net');
function ping(port, skip) {
  const socket = net.connect(port);
  if (skip) {
    socket.destroy();
    return;
  }
  socket.end();
}
module.exports = { ping };
`,
    },
    // A catch that wraps and rethrows the exception of a call: the same exception, not an exit of
    // its own (a socket whose connect failed is destroyed anyway).
    `
import * as net from 'node:net';
import { once } from 'node:events';
export async function connect() {
  const socket = net.connect(80);
  try {
    await once(socket, 'connect');
  } catch (error) {
    throw new Error('connect failed', { cause: error });
  }
  socket.end();
}
`,
    // A rejected once(socket, 'connect') means the socket emitted 'error', and Node destroyed it first.
    `
import * as net from 'node:net';
import { once } from 'node:events';
export async function connect() {
  const socket = net.connect(80);
  try {
    await once(socket, 'connect');
  } catch (error) {
    console.error(error);
    return;
  }
  socket.end();
}
`,
    // Clients are on by default (no preset): a pg pool client released in finally.
    `
import { Pool } from 'pg';
const pool = new Pool();
export async function load(id: number) {
  const client = await pool.connect();
  try {
    return (await client.query('select * from users where id = $1', [id])).rows;
  } finally {
    client.release();
  }
}
`,
    // mysql2/promise: a pool connection released in finally, or handed back through the pool.
    `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function names() {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query('select name from users');
    return rows;
  } finally {
    conn.release();
  }
}
export async function count() {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query('select count(*) from users');
    return rows;
  } finally {
    pool.releaseConnection(conn);
  }
}
`,
    // mysql2: promise() is a view of the same connection, not a second one.
    `
import mysql from 'mysql2';
export function view(url: string) {
  const conn = mysql.createConnection(url);
  const promised = conn.promise();
  conn.end();
  return promised;
}
`,
    // ioredis: quit in finally.
    `
import { Redis } from 'ioredis';
export async function read(key: string) {
  const redis = new Redis();
  try {
    return await redis.get(key);
  } finally {
    await redis.quit();
  }
}
`,
    // redis: connect() resolves to the client itself, closed in finally.
    `
import { createClient } from 'redis';
export async function read(key: string) {
  const client = createClient({ url: 'redis://cache' });
  await client.connect();
  try {
    return await client.get(key);
  } finally {
    await client.close();
  }
}
`,
    // mongodb: a MongoClient disposed by await using; pg's client.connect() resolves to the client.
    `
import { MongoClient } from 'mongodb';
import pg from 'pg';
export async function users(url: string) {
  await using client = await MongoClient.connect(url);
  return client.db('app').collection('users').countDocuments();
}
export async function once(url: string) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await client.query('select 1');
  } finally {
    await client.end();
  }
}
`,
    // amqplib: a confirm channel and its connection, each closed in finally.
    `
import amqp from 'amqplib';
export async function publish(url: string, body: Buffer) {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    try {
      channel.sendToQueue('jobs', body);
      await channel.waitForConfirms();
    } finally {
      await channel.close();
    }
  } finally {
    await connection.close();
  }
}
`,
    // mqtt: publish() returns the client itself (no new client); end() and endAsync() release it.
    `
import mqtt from 'mqtt';
export function notify(url: string, message: string) {
  const client = mqtt.connect(url);
  client.publish('alerts', message).publish('audit', message);
  client.end();
}
export async function notifyAsync(url: string) {
  const client = await mqtt.connectAsync(url);
  await client.publishAsync('alerts', 'up');
  await client.endAsync();
}
`,
    // A local function that happens to be called `createServer`: its callback owns nothing.
    `
import type * as net from 'node:net';
function createServer(handler: (socket: net.Socket) => void): void {
  void handler;
}
export function start() {
  createServer((socket) => {
    if (socket.remoteAddress !== '127.0.0.1') return;
    socket.pipe(socket);
  });
}
`,
    // Error-first acquire callbacks: nothing to release while the error is set (mysql2, amqplib callback_api); a pg callback that takes `done` is trusted to call it.
    `
import mysql from 'mysql2';
import { Pool } from 'pg';
import amqp from 'amqplib/callback_api';
export function one(pool: mysql.Pool) {
  pool.getConnection((err, conn) => {
    if (err) return;
    conn.query('select 1', () => conn.release());
  });
}
export function two(pool: mysql.Pool) {
  pool.getConnection((err, conn) => {
    if (!err) {
      conn.release();
    }
  });
}
export function three(pool: Pool) {
  pool.connect((err, client, done) => {
    if (err || !client) return;
    client.query('select 1', () => done());
  });
}
export function publish(url: string, body: Buffer) {
  amqp.connect(url, (err, connection) => {
    if (err) return;
    connection.createChannel((error, channel) => {
      if (error) return;
      channel.sendToQueue('jobs', body);
      channel.close(() => connection.close());
    });
  });
}
`,
    // Methods that resolve to their receiver keep the chain: `await createClient().connect()`, `await new pg.Client().connect()`, mysql2's `promise()` view handed back.
    `
import { createClient } from 'redis';
import pg from 'pg';
import mysql from 'mysql2';
export async function read(key: string) {
  const client = await createClient().connect();
  try {
    return await client.get(key);
  } finally {
    await client.close();
  }
}
export async function query(url: string) {
  const client = await new pg.Client(url).connect();
  try {
    return await client.query('select 1');
  } finally {
    await client.end();
  }
}
export function makePool(url: string) {
  return mysql.createPool(url).promise();
}
`,
  ],
  invalid: [
    // Early return between creation and release.
    {
      code: `
import * as net from 'node:net';
export function probe(skip: boolean) {
  const socket = net.connect(80);
  if (skip) return;
  socket.end();
}
`,
      errors: [
        {
          ...exitLeak(5, 13, 'The net.Socket `socket` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function probe(skip: boolean) {
  const socket = net.connect(80);
  if (skip) { socket.destroy(); return; }
  socket.end();
}
`,
            },
          ],
        },
      ],
    },
    // Explicit throw between creation and release.
    {
      code: `
import * as net from 'node:net';
export function probe(port: number) {
  const socket = net.createConnection({ port });
  if (port < 1024) {
    throw new Error('privileged port');
  }
  socket.end();
}
`,
      errors: [
        {
          ...exitLeak(6, 5, 'The net.Socket `socket` created on line 4', 'throw'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'throw' },
              output: `
import * as net from 'node:net';
export function probe(port: number) {
  const socket = net.createConnection({ port });
  if (port < 1024) {
    socket.destroy();
    throw new Error('privileged port');
  }
  socket.end();
}
`,
            },
          ],
        },
      ],
    },
    // Only one branch of if/else releases.
    {
      code: `
import * as net from 'node:net';
export function branch(done: boolean) {
  const socket = net.connect(80);
  if (done) {
    socket.end();
  } else {
    socket.write('more');
  }
}
`,
      errors: [endLeak(4, 18, 'The net.Socket `socket` created on line 4')],
    },
    // One case of a switch returns.
    {
      code: `
import * as net from 'node:net';
export function pick(mode: number) {
  const socket = net.connect(80);
  switch (mode) {
    case 0:
      socket.end();
      break;
    case 1:
      return;
    default:
      socket.destroy();
  }
}
`,
      errors: [
        {
          ...exitLeak(10, 7, 'The net.Socket `socket` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function pick(mode: number) {
  const socket = net.connect(80);
  switch (mode) {
    case 0:
      socket.end();
      break;
    case 1:
      socket.destroy();
      return;
    default:
      socket.destroy();
  }
}
`,
            },
          ],
        },
      ],
    },
    // Fall-through: case 0 releases and falls into case 1; the default path never releases.
    {
      code: `
import * as net from 'node:net';
export function pick(mode: number) {
  const socket = net.connect(80);
  switch (mode) {
    case 0:
      socket.end();
    case 1:
      break;
    default:
      socket.write('?');
  }
}
`,
      errors: [endLeak(4, 18, 'The net.Socket `socket` created on line 4')],
    },
    // A socket per loop iteration, not released on continue.
    {
      code: `
import * as net from 'node:net';
export function sweep(hosts: string[]) {
  for (const host of hosts) {
    const socket = net.connect(80, host);
    if (host.startsWith('#')) continue;
    socket.end();
  }
}
`,
      errors: [
        {
          ...exitLeak(6, 31, 'The net.Socket `socket` created on line 5', 'continue'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'continue' },
              output: `
import * as net from 'node:net';
export function sweep(hosts: string[]) {
  for (const host of hosts) {
    const socket = net.connect(80, host);
    if (host.startsWith('#')) { socket.destroy(); continue; }
    socket.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    // ...nor on break.
    {
      code: `
import * as net from 'node:net';
export function sweep(ports: number[]) {
  while (ports.length > 0) {
    const socket = net.connect(ports.pop()!);
    if (ports.length === 3) {
      break;
    }
    socket.end();
  }
}
`,
      errors: [
        {
          ...exitLeak(7, 7, 'The net.Socket `socket` created on line 5', 'break'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'break' },
              output: `
import * as net from 'node:net';
export function sweep(ports: number[]) {
  while (ports.length > 0) {
    const socket = net.connect(ports.pop()!);
    if (ports.length === 3) {
      socket.destroy();
      break;
    }
    socket.end();
  }
}
`,
            },
          ],
        },
      ],
    },
    // Labeled continue and break out of the outer loop.
    {
      code: `
import * as net from 'node:net';
export function grid(rows: number[][]) {
  outer: for (const row of rows) {
    for (const port of row) {
      const socket = net.connect(port);
      if (port < 0) continue outer;
      if (port > 65535) break outer;
      socket.end();
    }
  }
}
`,
      errors: [
        {
          ...exitLeak(7, 21, 'The net.Socket `socket` created on line 6', 'continue'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'continue' },
              output: `
import * as net from 'node:net';
export function grid(rows: number[][]) {
  outer: for (const row of rows) {
    for (const port of row) {
      const socket = net.connect(port);
      if (port < 0) { socket.destroy(); continue outer; }
      if (port > 65535) break outer;
      socket.end();
    }
  }
}
`,
            },
          ],
        },
        {
          ...exitLeak(8, 25, 'The net.Socket `socket` created on line 6', 'break'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'break' },
              output: `
import * as net from 'node:net';
export function grid(rows: number[][]) {
  outer: for (const row of rows) {
    for (const port of row) {
      const socket = net.connect(port);
      if (port < 0) continue outer;
      if (port > 65535) { socket.destroy(); break outer; }
      socket.end();
    }
  }
}
`,
            },
          ],
        },
      ],
    },
    // Released only in catch: the normal path leaks.
    {
      code: `
import * as net from 'node:net';
import { once } from 'node:events';
export async function connect() {
  const socket = net.connect(80);
  try {
    await once(socket, 'connect');
  } catch {
    socket.destroy();
  }
}
`,
      errors: [endLeak(5, 18, 'The net.Socket `socket` created on line 5')],
    },
    // A catch that returns without releasing: a timeout rejects `once` with the socket still open.
    {
      code: `
import * as net from 'node:net';
import { once } from 'node:events';
export async function connect() {
  const socket = net.connect(80);
  try {
    await once(socket, 'connect', { signal: AbortSignal.timeout(1000) });
  } catch (error) {
    console.error(error);
    return;
  }
  socket.end();
}
`,
      errors: [
        {
          ...exitLeak(10, 5, 'The net.Socket `socket` created on line 5', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
import { once } from 'node:events';
export async function connect() {
  const socket = net.connect(80);
  try {
    await once(socket, 'connect', { signal: AbortSignal.timeout(1000) });
  } catch (error) {
    console.error(error);
    socket.destroy();
    return;
  }
  socket.end();
}
`,
            },
          ],
        },
      ],
    },
    // A return inside try whose finally does not release.
    {
      code: `
import * as net from 'node:net';
export function send(skip: boolean) {
  const socket = net.connect(80);
  try {
    if (skip) return;
    socket.write('x');
  } finally {
    console.log('done');
  }
  socket.end();
}
`,
      errors: [
        {
          ...exitLeak(6, 15, 'The net.Socket `socket` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function send(skip: boolean) {
  const socket = net.connect(80);
  try {
    if (skip) { socket.destroy(); return; }
    socket.write('x');
  } finally {
    console.log('done');
  }
  socket.end();
}
`,
            },
          ],
        },
      ],
    },
    // tls.connect.
    {
      code: `
import * as tls from 'node:tls';
export function handshake(host: string) {
  const socket = tls.connect(443, host);
  socket.write('GET / HTTP/1.0\\r\\n\\r\\n');
}
`,
      errors: [endLeak(4, 18, 'The tls.TLSSocket `socket` created on line 4')],
    },
    // new net.Socket().
    {
      code: `
import * as net from 'node:net';
export function manual(port: number) {
  const socket = new net.Socket();
  socket.connect(port);
}
`,
      errors: [endLeak(4, 18, 'The net.Socket `socket` created on line 4')],
    },
    // A subclass of net.Socket, two levels down.
    {
      code: `
import * as net from 'node:net';
class LineSocket extends net.Socket {}
class TracedSocket extends LineSocket {}
export function traced(skip: boolean) {
  const socket = new TracedSocket().connect(80);
  if (skip) return;
  socket.destroy();
}
`,
      errors: [
        {
          ...exitLeak(7, 13, 'The TracedSocket `socket` created on line 6', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
class LineSocket extends net.Socket {}
class TracedSocket extends LineSocket {}
export function traced(skip: boolean) {
  const socket = new TracedSocket().connect(80);
  if (skip) { socket.destroy(); return; }
  socket.destroy();
}
`,
            },
          ],
        },
      ],
    },
    // dgram.createSocket.
    {
      code: `
import * as dgram from 'node:dgram';
export function ping(message: string) {
  const socket = dgram.createSocket('udp4');
  socket.send(message, 41234, 'localhost');
}
`,
      errors: [endLeak(4, 18, 'The dgram.Socket `socket` created on line 4', 'the function', 'close()')],
    },
    // http2.connect.
    {
      code: `
import * as http2 from 'node:http2';
export function session(origin: string) {
  const client = http2.connect(origin);
  client.request({ ':path': '/' }).end();
}
`,
      errors: [endLeak(4, 18, 'The http2.ClientHttp2Session `client` created on line 4', 'the function', 'close() or destroy()')],
    },
    // new http.Agent used as an option, never destroyed on the early path.
    {
      code: `
import * as http from 'node:http';
export function poll(url: string, skip: boolean) {
  const agent = new http.Agent({ keepAlive: true });
  http.get(url, { agent }, (response) => response.resume());
  if (skip) return;
  agent.destroy();
}
`,
      errors: [
        {
          ...exitLeak(6, 13, 'The http.Agent `agent` created on line 4', 'return', 'destroy()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'agent.destroy()', exit: 'return' },
              output: `
import * as http from 'node:http';
export function poll(url: string, skip: boolean) {
  const agent = new http.Agent({ keepAlive: true });
  http.get(url, { agent }, (response) => response.resume());
  if (skip) { agent.destroy(); return; }
  agent.destroy();
}
`,
            },
          ],
        },
      ],
    },
    // https.Agent is an http.Agent.
    {
      code: `
import * as https from 'node:https';
export function poll(url: string) {
  const agent = new https.Agent({ keepAlive: true });
  https.get(url, { agent });
}
`,
      errors: [endLeak(4, 17, 'The https.Agent `agent` created on line 4', 'the function', 'destroy()')],
    },
    // An undici Client in an async function: the suggestion awaits close().
    {
      code: `
import { Client } from 'undici';
export async function status(origin: string) {
  const client = new Client(origin);
  const { statusCode, body } = await client.request({ path: '/', method: 'GET' });
  await body.dump();
  if (statusCode !== 200) return statusCode;
  await client.close();
  return 200;
}
`,
      errors: [
        {
          ...exitLeak(7, 27, 'The undici.Client `client` created on line 4', 'return', 'close() or destroy()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'await client.close()', exit: 'return' },
              output: `
import { Client } from 'undici';
export async function status(origin: string) {
  const client = new Client(origin);
  const { statusCode, body } = await client.request({ path: '/', method: 'GET' });
  await body.dump();
  if (statusCode !== 200) { await client.close(); return statusCode; }
  await client.close();
  return 200;
}
`,
            },
          ],
        },
      ],
    },
    // An undici Pool in a plain function: the suggestion voids close().
    {
      code: `
import { Pool } from 'undici';
export function warm(origin: string, skip: boolean) {
  const pool = new Pool(origin, { connections: 4 });
  if (skip) return;
  void pool.close();
}
`,
      errors: [
        {
          ...exitLeak(5, 13, 'The undici.Pool `pool` created on line 4', 'return', 'close() or destroy()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'void pool.close()', exit: 'return' },
              output: `
import { Pool } from 'undici';
export function warm(origin: string, skip: boolean) {
  const pool = new Pool(origin, { connections: 4 });
  if (skip) { void pool.close(); return; }
  void pool.close();
}
`,
            },
          ],
        },
      ],
    },
    // An undici Agent lent to fetch as its dispatcher is still the caller's to close.
    {
      code: `
import { Agent } from 'undici';
export async function fetchAll(urls: string[]) {
  const dispatcher = new Agent({ connections: 2 });
  for (const url of urls) {
    const response = await fetch(url, { dispatcher } as RequestInit);
    await response.arrayBuffer();
  }
}
`,
      errors: [endLeak(4, 22, 'The undici.Agent `dispatcher` created on line 4', 'the function', 'close() or destroy()')],
    },
    // A ws WebSocket.
    {
      code: `
import WebSocket from 'ws';
export function notify(url: string, text: string) {
  const ws = new WebSocket(url);
  ws.on('open', () => ws.send(text));
}
`,
      errors: [endLeak(4, 14, 'The ws.WebSocket `ws` created on line 4', 'the function', 'close() or terminate()')],
    },
    // The global WebSocket.
    {
      code: `
export function notify(url: string, text: string) {
  const ws = new WebSocket(url);
  ws.addEventListener('open', () => ws.send(text));
}
`,
      errors: [endLeak(3, 14, 'The undici.WebSocket `ws` created on line 3', 'the function', 'close()')],
    },
    // Aliases: the socket leaks through whichever name holds it.
    {
      code: `
import * as net from 'node:net';
export function alias(skip: boolean) {
  const socket = net.connect(80);
  const same = socket;
  let other: net.Socket;
  other = same;
  if (skip) return;
  other.end();
}
`,
      errors: [
        {
          ...exitLeak(8, 13, 'The net.Socket `socket` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function alias(skip: boolean) {
  const socket = net.connect(80);
  const same = socket;
  let other: net.Socket;
  other = same;
  if (skip) { socket.destroy(); return; }
  other.end();
}
`,
            },
          ],
        },
      ],
    },
    // Destructuring: each element is its own socket.
    {
      code: `
import * as net from 'node:net';
export function pair(skip: boolean) {
  const [primary, backup] = [net.connect(80), net.connect(81)];
  primary.end();
  if (skip) return;
  backup.end();
}
`,
      errors: [
        {
          ...exitLeak(6, 13, 'The net.Socket `backup` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'backup.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function pair(skip: boolean) {
  const [primary, backup] = [net.connect(80), net.connect(81)];
  primary.end();
  if (skip) { backup.destroy(); return; }
  backup.end();
}
`,
            },
          ],
        },
      ],
    },
    // A factory in another file returns a fresh socket the caller leaks.
    {
      code: `
import { openConnection } from './factory.js';
export function use(skip: boolean) {
  const socket = openConnection(80);
  if (skip) return;
  socket.end();
}
`,
      errors: [
        {
          ...exitLeak(5, 13, 'The net.Socket `socket` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import { openConnection } from './factory.js';
export function use(skip: boolean) {
  const socket = openConnection(80);
  if (skip) { socket.destroy(); return; }
  socket.end();
}
`,
            },
          ],
        },
      ],
    },
    // A local async factory, awaited.
    {
      code: `
import * as net from 'node:net';
import { once } from 'node:events';
async function connect(port: number) {
  const socket = net.connect(port);
  await once(socket, 'connect');
  return socket;
}
export async function use() {
  const socket = await connect(80);
  socket.write('x');
}
`,
      errors: [endLeak(10, 24, 'The net.Socket `socket` created on line 10')],
    },
    // A helper in another file that only reads it does not take ownership.
    {
      code: `
import * as net from 'node:net';
import { describeSocket } from './factory.js';
export function log() {
  const socket = net.connect(80);
  console.log(describeSocket(socket));
}
`,
      errors: [endLeak(5, 18, 'The net.Socket `socket` created on line 5')],
    },
    // console.log and events.once borrow.
    {
      code: `
import * as net from 'node:net';
import { once } from 'node:events';
export async function log() {
  const socket = net.connect(80);
  console.log(socket);
  await once(socket, 'connect');
}
`,
      errors: [endLeak(5, 18, 'The net.Socket `socket` created on line 5')],
    },
    // A local helper that only borrows.
    {
      code: `
import * as net from 'node:net';
function greet(socket: net.Socket) {
  socket.write('hello');
}
export function run() {
  const socket = net.connect(80);
  greet(socket);
}
`,
      errors: [endLeak(7, 18, 'The net.Socket `socket` created on line 7')],
    },
    // Created and dropped.
    {
      code: `
import * as net from 'node:net';
export function fire() {
  net.connect(80);
}
`,
      errors: [{ messageId: 'leakDiscarded', line: 4, column: 3, data: { resource: 'The net.Socket created on line 4', release: 'end() or destroy()' } }],
    },
    // Created and used once, then dropped.
    {
      code: `
import * as net from 'node:net';
export function fire() {
  net.connect(80).write('ping');
}
`,
      errors: [{ messageId: 'leakDiscarded', line: 4, column: 3, data: { resource: 'The net.Socket created on line 4', release: 'end() or destroy()' } }],
    },
    // Replaced by the next iteration before it is released.
    {
      code: `
import * as net from 'node:net';
export function sweep(ports: number[]) {
  let socket: net.Socket;
  for (const port of ports) {
    socket = net.connect(port);
    if (port === 0) continue;
    socket.end();
  }
}
`,
      errors: [
        {
          messageId: 'leakOverwritten',
          line: 6,
          column: 14,
          data: { resource: 'The net.Socket `socket` created on line 6', release: 'end() or destroy()' },
        },
      ],
    },
    // Released only on one side of &&.
    {
      code: `
import * as net from 'node:net';
export function maybeEnd(done: boolean) {
  const socket = net.connect(80);
  done && socket.end();
}
`,
      errors: [endLeak(4, 18, 'The net.Socket `socket` created on line 4')],
    },
    // Released only in one arm of a conditional expression.
    {
      code: `
import * as net from 'node:net';
export function maybeEnd(done: boolean) {
  const socket = net.connect(80);
  done ? socket.end() : socket.write('more');
  return done;
}
`,
      errors: [
        {
          ...exitLeak(6, 3, 'The net.Socket `socket` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function maybeEnd(done: boolean) {
  const socket = net.connect(80);
  done ? socket.end() : socket.write('more');
  socket.destroy();
  return done;
}
`,
            },
          ],
        },
      ],
    },
    // A listener that does not release it does not help.
    {
      code: `
import * as net from 'node:net';
export function listen(skip: boolean) {
  const socket = net.connect(80);
  socket.on('data', (chunk) => console.log(chunk.length));
  if (skip) return;
  socket.end();
}
`,
      errors: [
        {
          ...exitLeak(6, 13, 'The net.Socket `socket` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function listen(skip: boolean) {
  const socket = net.connect(80);
  socket.on('data', (chunk) => console.log(chunk.length));
  if (skip) { socket.destroy(); return; }
  socket.end();
}
`,
            },
          ],
        },
      ],
    },
    // Inside a class method.
    {
      code: `
import * as net from 'node:net';
export class Prober {
  check(port: number) {
    const socket = net.connect(port);
    if (port === 0) {
      return false;
    }
    socket.end();
    return true;
  }
}
`,
      errors: [
        {
          ...exitLeak(7, 7, 'The net.Socket `socket` created on line 5', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export class Prober {
  check(port: number) {
    const socket = net.connect(port);
    if (port === 0) {
      socket.destroy();
      return false;
    }
    socket.end();
    return true;
  }
}
`,
            },
          ],
        },
      ],
    },
    // A generator that returns early.
    {
      code: `
import * as net from 'node:net';
export function* lines(port: number) {
  const socket = net.connect(port);
  yield 'connected';
  if (port > 1000) return;
  socket.end();
}
`,
      errors: [
        {
          ...exitLeak(6, 20, 'The net.Socket `socket` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function* lines(port: number) {
  const socket = net.connect(port);
  yield 'connected';
  if (port > 1000) { socket.destroy(); return; }
  socket.end();
}
`,
            },
          ],
        },
      ],
    },
    // The over-limit connection handler.
    {
      code: `
import * as net from 'node:net';
let active = 0;
export const server = net.createServer((socket) => {
  if (active >= 100) {
    return;
  }
  active++;
  socket.on('data', (chunk) => socket.write(chunk));
});
`,
      errors: [
        {
          ...exitLeak(6, 5, "The socket `socket` received by the net.createServer handler on line 4", 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
let active = 0;
export const server = net.createServer((socket) => {
  if (active >= 100) {
    socket.destroy();
    return;
  }
  active++;
  socket.on('data', (chunk) => socket.write(chunk));
});
`,
            },
          ],
        },
      ],
    },
    // A 'connection' listener on a net.Server that never touches the socket's data.
    {
      code: `
import * as net from 'node:net';
export function log(server: net.Server) {
  server.on('connection', (socket) => {
    console.log('client from', socket.remoteAddress);
  });
}
`,
      errors: [endLeak(4, 28, "The socket `socket` received by the 'connection' handler on line 4")],
    },
    // A handler declared elsewhere in the file.
    {
      code: `
import * as net from 'node:net';
function handle(socket: net.Socket) {
  socket.setNoDelay(true);
}
export const server = net.createServer(handle);
`,
      errors: [endLeak(3, 17, 'The socket `socket` received by the net.createServer handler on line 3')],
    },
    // tls 'secureConnection' handler returning early.
    {
      code: `
import * as tls from 'node:tls';
export function serve(server: tls.Server) {
  server.on('secureConnection', (socket) => {
    if (!socket.authorized) return;
    socket.pipe(socket);
  });
}
`,
      errors: [
        {
          ...exitLeak(5, 29, "The socket `socket` received by the 'secureConnection' handler on line 4", 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as tls from 'node:tls';
export function serve(server: tls.Server) {
  server.on('secureConnection', (socket) => {
    if (!socket.authorized) { socket.destroy(); return; }
    socket.pipe(socket);
  });
}
`,
            },
          ],
        },
      ],
    },
    // The 'upgrade' handler that rejects without destroying the socket.
    {
      code: `
import * as http from 'node:http';
export function attach(server: http.Server) {
  server.on('upgrade', (request, socket) => {
    if (request.headers.authorization === undefined) {
      socket.write('HTTP/1.1 401 Unauthorized\\r\\n\\r\\n');
      return;
    }
    socket.pipe(socket);
  });
}
`,
      errors: [
        {
          ...exitLeak(7, 7, "The socket `socket` received by the 'upgrade' handler on line 4", 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as http from 'node:http';
export function attach(server: http.Server) {
  server.on('upgrade', (request, socket) => {
    if (request.headers.authorization === undefined) {
      socket.write('HTTP/1.1 401 Unauthorized\\r\\n\\r\\n');
      socket.destroy();
      return;
    }
    socket.pipe(socket);
  });
}
`,
            },
          ],
        },
      ],
    },
    // An http 'connect' (CONNECT proxy) handler that never answers.
    {
      code: `
import * as http from 'node:http';
export function proxy(server: http.Server) {
  server.on('connect', (request, clientSocket) => {
    console.log('tunnel to', request.url);
  });
}
`,
      errors: [endLeak(4, 34, "The socket `clientSocket` received by the 'connect' handler on line 4")],
    },
    // The socket of a client request's 'connect' (a CONNECT tunnel) is the caller's.
    {
      code: `
import * as http from 'node:http';
export function tunnel() {
  const request = http.request({ method: 'CONNECT', path: 'example.com:443', host: 'proxy' });
  request.on('connect', (response, socket) => {
    if (response.statusCode !== 200) return;
    socket.pipe(socket);
  });
  request.end();
}
`,
      errors: [
        {
          ...exitLeak(6, 38, "The socket `socket` received by the 'connect' handler on line 5", 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as http from 'node:http';
export function tunnel() {
  const request = http.request({ method: 'CONNECT', path: 'example.com:443', host: 'proxy' });
  request.on('connect', (response, socket) => {
    if (response.statusCode !== 200) { socket.destroy(); return; }
    socket.pipe(socket);
  });
  request.end();
}
`,
            },
          ],
        },
      ],
    },
    // An accept loop that skips a connection without closing it.
    {
      code: `
import * as net from 'node:net';
declare function accept(server: net.Server): AsyncIterable<net.Socket>;
export async function serve(server: net.Server, limit: number) {
  let active = 0;
  for await (const socket of accept(server)) {
    if (active >= limit) continue;
    active++;
    socket.pipe(socket);
  }
}
`,
      errors: [
        {
          messageId: 'leakOverwritten',
          line: 6,
          column: 3,
          data: { resource: 'The socket `socket` received by the accept loop on line 6', release: 'end() or destroy()' },
        },
      ],
    },
    // The clients preset: a pg client never ended.
    {
      options: [{ presets: ['clients'] }],
      code: `
import { Client } from 'pg';
export async function count() {
  const client = new Client();
  await client.connect();
  return client.query('select 1');
}
`,
      errors: [
        {
          ...exitLeak(6, 3, 'The pg.Client `client` created on line 4', 'return', 'end()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'await client.end()', exit: 'return' },
              output: `
import { Client } from 'pg';
export async function count() {
  const client = new Client();
  await client.connect();
  await client.end();
  return client.query('select 1');
}
`,
            },
          ],
        },
      ],
    },
    // The clients preset: a pool client not released on the early return.
    {
      options: [{ presets: ['clients'] }],
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function count(skip: boolean) {
  const client = await pool.connect();
  if (skip) return 0;
  const result = await client.query('select 1');
  client.release();
  return result;
}
`,
      errors: [
        {
          ...exitLeak(6, 13, 'The pg.PoolClient `client` created on line 5', 'return', 'release()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'client.release()', exit: 'return' },
              output: `
import { Pool } from 'pg';
const pool = new Pool();
export async function count(skip: boolean) {
  const client = await pool.connect();
  if (skip) { client.release(); return 0; }
  const result = await client.query('select 1');
  client.release();
  return result;
}
`,
            },
          ],
        },
        throwingCallLeak(7, 24, 'The pg.PoolClient `client` created on line 5', 'client.query', 'release()'),
      ],
    },
    // The clients preset (now on by default, still accepted): an ioredis client.
    {
      options: [{ presets: ['clients'] }],
      code: `
import { Redis } from 'ioredis';
export async function read(key: string) {
  const redis = new Redis();
  return redis.get(key);
}
`,
      errors: [
        {
          ...exitLeak(5, 3, 'The ioredis.Redis `redis` created on line 4', 'return', 'quit() or disconnect()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'await redis.quit()', exit: 'return' },
              output: `
import { Redis } from 'ioredis';
export async function read(key: string) {
  const redis = new Redis();
  await redis.quit();
  return redis.get(key);
}
`,
            },
          ],
        },
      ],
    },
    // A custom resource type, created through a factory method of the project.
    {
      options: [{ resources: [{ type: { from: 'file', name: 'Connection', path: 'connection.ts' }, release: ['close'] }] }],
      code: `
import { Connection } from './connection.js';
export function greet(address: string) {
  const connection = Connection.open(address);
  connection.send('hello');
}
`,
      errors: [endLeak(4, 22, 'The Connection `connection` created on line 4', 'the function', 'close()')],
    },
    // borrowingFunctions: a declared function that only looks.
    {
      options: [{ borrowingFunctions: [{ from: 'file', name: 'audit', path: 'audit.d.ts' }] }],
      code: `
import * as net from 'node:net';
import { audit } from './audit.js';
export function check() {
  const socket = net.connect(80);
  audit(socket);
}
`,
      errors: [endLeak(5, 18, 'The net.Socket `socket` created on line 5')],
    },
    // A JavaScript file with require('net').
    {
      filename: 'script.js',
      code: `
const net = require('net');
function ping(port, skip) {
  const socket = net.connect(port);
  if (skip) return;
  socket.end();
}
module.exports = { ping };
`,
      errors: [
        {
          ...exitLeak(5, 13, 'The net.Socket `socket` created on line 4', 'return'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
const net = require('net');
function ping(port, skip) {
  const socket = net.connect(port);
  if (skip) { socket.destroy(); return; }
  socket.end();
}
module.exports = { ping };
`,
            },
          ],
        },
      ],
    },
    // Clients by default: a pg pool client not released on the error path.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function load(id: number) {
  const client = await pool.connect();
  try {
    const result = await client.query('select * from users where id = $1', [id]);
    client.release();
    return result.rows;
  } catch (error) {
    console.error(error);
    return [];
  }
}
`,
      errors: [
        {
          ...exitLeak(12, 5, 'The pg.PoolClient `client` created on line 5', 'return', 'release()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'client.release()', exit: 'return' },
              output: `
import { Pool } from 'pg';
const pool = new Pool();
export async function load(id: number) {
  const client = await pool.connect();
  try {
    const result = await client.query('select * from users where id = $1', [id]);
    client.release();
    return result.rows;
  } catch (error) {
    console.error(error);
    client.release();
    return [];
  }
}
`,
            },
          ],
        },
      ],
    },
    // pg: end() closes a pool client's socket but never gives its slot back to the pool.
    {
      code: `
import pg from 'pg';
export async function pooled(pool: pg.Pool) {
  const client = await pool.connect();
  await client.query('select 1');
  await client.end();
}
`,
      errors: [endLeak(4, 24, 'The pg.PoolClient `client` created on line 4', 'the function', 'release()')],
    },
    // mysql2/promise: a pool connection is released by release(), and the message says so.
    {
      code: `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function names(skip: boolean) {
  const conn = await pool.getConnection();
  if (skip) return [];
  const [rows] = await conn.query('select name from users');
  conn.release();
  return rows;
}
`,
      errors: [
        {
          ...exitLeak(6, 13, 'The mysql2.PoolConnection `conn` created on line 5', 'return', 'release()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'conn.release()', exit: 'return' },
              output: `
import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function names(skip: boolean) {
  const conn = await pool.getConnection();
  if (skip) { conn.release(); return []; }
  const [rows] = await conn.query('select name from users');
  conn.release();
  return rows;
}
`,
            },
          ],
        },
        throwingCallLeak(7, 24, 'The mysql2.PoolConnection `conn` created on line 5', 'conn.query', 'release()'),
      ],
    },
    // mysql2 (callback API): a connection not ended on the early return.
    {
      code: `
import mysql from 'mysql2';
export function ping(url: string, skip: boolean) {
  const conn = mysql.createConnection(url);
  if (skip) return;
  conn.query('select 1', () => conn.end());
}
`,
      errors: [
        {
          ...exitLeak(5, 13, 'The mysql2.Connection `conn` created on line 4', 'return', 'end() or destroy()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'conn.destroy()', exit: 'return' },
              output: `
import mysql from 'mysql2';
export function ping(url: string, skip: boolean) {
  const conn = mysql.createConnection(url);
  if (skip) { conn.destroy(); return; }
  conn.query('select 1', () => conn.end());
}
`,
            },
          ],
        },
      ],
    },
    // ioredis: a client left open by a throw.
    {
      code: `
import { Redis } from 'ioredis';
export async function read(key: string) {
  const redis = new Redis();
  const value = await redis.get(key);
  if (value === null) throw new Error('missing ' + key);
  redis.disconnect();
  return value;
}
`,
      errors: [
        {
          ...exitLeak(6, 23, 'The ioredis.Redis `redis` created on line 4', 'throw', 'quit() or disconnect()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'await redis.quit()', exit: 'throw' },
              output: `
import { Redis } from 'ioredis';
export async function read(key: string) {
  const redis = new Redis();
  const value = await redis.get(key);
  if (value === null) { await redis.quit(); throw new Error('missing ' + key); }
  redis.disconnect();
  return value;
}
`,
            },
          ],
        },
      ],
    },
    // redis: a client not closed on the early return (close() and destroy() are its releases).
    {
      code: `
import { createClient } from 'redis';
export async function read(key: string) {
  const client = createClient();
  await client.connect();
  const value = await client.get(key);
  if (!value) return null;
  client.destroy();
  return value;
}
`,
      errors: [
        {
          ...exitLeak(7, 15, 'The redis.RedisClientType `client` created on line 4', 'return', 'close() or destroy()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'await client.close()', exit: 'return' },
              output: `
import { createClient } from 'redis';
export async function read(key: string) {
  const client = createClient();
  await client.connect();
  const value = await client.get(key);
  if (!value) { await client.close(); return null; }
  client.destroy();
  return value;
}
`,
            },
          ],
        },
      ],
    },
    // mongodb: a MongoClient never closed on the early return.
    {
      code: `
import { MongoClient } from 'mongodb';
export async function find(url: string, id: string) {
  const client = new MongoClient(url);
  await client.connect();
  const user = await client.db('app').collection('users').findOne({ id });
  if (!user) return null;
  await client.close();
  return user;
}
`,
      errors: [
        {
          ...exitLeak(7, 14, 'The mongodb.MongoClient `client` created on line 4', 'return', 'close()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'await client.close()', exit: 'return' },
              output: `
import { MongoClient } from 'mongodb';
export async function find(url: string, id: string) {
  const client = new MongoClient(url);
  await client.connect();
  const user = await client.db('app').collection('users').findOne({ id });
  if (!user) { await client.close(); return null; }
  await client.close();
  return user;
}
`,
            },
          ],
        },
      ],
    },
    // amqplib: the channel is closed, its connection never is.
    {
      code: `
import amqp from 'amqplib';
export async function publish(url: string, body: Buffer) {
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  channel.sendToQueue('jobs', body);
  await channel.close();
}
`,
      errors: [endLeak(4, 28, 'The amqplib.ChannelModel `connection` created on line 4', 'the function', 'close()')],
    },
    // amqplib: a channel per call, left open on the early return.
    {
      code: `
import type { ChannelModel } from 'amqplib';
export async function publish(connection: ChannelModel, body: Buffer) {
  const channel = await connection.createChannel();
  if (!channel.sendToQueue('jobs', body)) return false;
  await channel.close();
  return true;
}
`,
      errors: [
        {
          ...exitLeak(5, 43, 'The amqplib.Channel `channel` created on line 4', 'return', 'close()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'await channel.close()', exit: 'return' },
              output: `
import type { ChannelModel } from 'amqplib';
export async function publish(connection: ChannelModel, body: Buffer) {
  const channel = await connection.createChannel();
  if (!channel.sendToQueue('jobs', body)) { await channel.close(); return false; }
  await channel.close();
  return true;
}
`,
            },
          ],
        },
      ],
    },
    // mqtt: a client not ended on the early return.
    {
      code: `
import mqtt from 'mqtt';
export function notify(url: string, message: string) {
  const client = mqtt.connect(url);
  if (!message) return;
  client.publish('alerts', message, () => client.end());
}
`,
      errors: [
        {
          ...exitLeak(5, 17, 'The mqtt.MqttClient `client` created on line 4', 'return', 'end() or endAsync()'),
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'client.end()', exit: 'return' },
              output: `
import mqtt from 'mqtt';
export function notify(url: string, message: string) {
  const client = mqtt.connect(url);
  if (!message) { client.end(); return; }
  client.publish('alerts', message, () => client.end());
}
`,
            },
          ],
        },
      ],
    },
    // A `resources` option adds to the built-in kinds: the clients stay followed.
    {
      options: [{ resources: [{ type: { from: 'file', name: 'Connection', path: 'connection.ts' }, release: ['close'] }] }],
      code: `
import { Pool } from 'pg';
import { Connection } from './connection.js';
export async function both(pool: Pool, address: string) {
  const connection = Connection.open(address);
  const client = await pool.connect();
  await client.query('select 1');
  connection.close();
}
`,
      errors: [endLeak(6, 24, 'The pg.PoolClient `client` created on line 6', 'the function', 'release()')],
    },
    // Identity, not spelling: net.createServer through a variable, tls.createServer destructured from its module.
    {
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
const create = net.createServer;
export const plain = create((socket) => {
  if (socket.remoteAddress !== '127.0.0.1') return;
  socket.pipe(socket);
});
const { createServer } = tls;
export const secure = createServer({}, (socket) => {
  if (!socket.authorized) return;
  socket.pipe(socket);
});
`,
      errors: [
        {
          ...exitLeak(6, 45, 'The socket `socket` received by the net.createServer handler on line 5', 'return'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'socket.destroy()', exit: 'return' }, output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
const create = net.createServer;
export const plain = create((socket) => {
  if (socket.remoteAddress !== '127.0.0.1') { socket.destroy(); return; }
  socket.pipe(socket);
});
const { createServer } = tls;
export const secure = createServer({}, (socket) => {
  if (!socket.authorized) return;
  socket.pipe(socket);
});
` }],
        },
        {
          ...exitLeak(11, 27, 'The socket `socket` received by the tls.createServer handler on line 10', 'return'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'socket.destroy()', exit: 'return' }, output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
const create = net.createServer;
export const plain = create((socket) => {
  if (socket.remoteAddress !== '127.0.0.1') return;
  socket.pipe(socket);
});
const { createServer } = tls;
export const secure = createServer({}, (socket) => {
  if (!socket.authorized) { socket.destroy(); return; }
  socket.pipe(socket);
});
` }],
        },
      ],
    },
    // Creations through a variable, and through another file's `export { createConnection } from 'node:net'` and `export const connect = net.connect`.
    {
      code: `
import * as net from 'node:net';
import { connect, createConnection } from './transport.js';
export function ping(port: number, skip: boolean) {
  const open = net.connect;
  const socket = open(port);
  if (skip) return;
  socket.end('ping');
}
export function ping2(port: number, skip: boolean) {
  const socket = createConnection(port);
  if (skip) return;
  socket.end('ping');
}
export function ping3(port: number, skip: boolean) {
  const socket = connect(port);
  if (skip) return;
  socket.end('ping');
}
`,
      errors: [
        {
          ...exitLeak(7, 13, 'The net.Socket `socket` created on line 6', 'return'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'socket.destroy()', exit: 'return' }, output: `
import * as net from 'node:net';
import { connect, createConnection } from './transport.js';
export function ping(port: number, skip: boolean) {
  const open = net.connect;
  const socket = open(port);
  if (skip) { socket.destroy(); return; }
  socket.end('ping');
}
export function ping2(port: number, skip: boolean) {
  const socket = createConnection(port);
  if (skip) return;
  socket.end('ping');
}
export function ping3(port: number, skip: boolean) {
  const socket = connect(port);
  if (skip) return;
  socket.end('ping');
}
` }],
        },
        {
          ...exitLeak(12, 13, 'The net.Socket `socket` created on line 11', 'return'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'socket.destroy()', exit: 'return' }, output: `
import * as net from 'node:net';
import { connect, createConnection } from './transport.js';
export function ping(port: number, skip: boolean) {
  const open = net.connect;
  const socket = open(port);
  if (skip) return;
  socket.end('ping');
}
export function ping2(port: number, skip: boolean) {
  const socket = createConnection(port);
  if (skip) { socket.destroy(); return; }
  socket.end('ping');
}
export function ping3(port: number, skip: boolean) {
  const socket = connect(port);
  if (skip) return;
  socket.end('ping');
}
` }],
        },
        {
          ...exitLeak(17, 13, 'The net.Socket `socket` created on line 16', 'return'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'socket.destroy()', exit: 'return' }, output: `
import * as net from 'node:net';
import { connect, createConnection } from './transport.js';
export function ping(port: number, skip: boolean) {
  const open = net.connect;
  const socket = open(port);
  if (skip) return;
  socket.end('ping');
}
export function ping2(port: number, skip: boolean) {
  const socket = createConnection(port);
  if (skip) return;
  socket.end('ping');
}
export function ping3(port: number, skip: boolean) {
  const socket = connect(port);
  if (skip) { socket.destroy(); return; }
  socket.end('ping');
}
` }],
        },
      ],
    },
    // mysql2's callback API: the callback owns the pool connection it is handed.
    {
      code: `
import mysql from 'mysql2';
export function count(pool: mysql.Pool, skip: boolean) {
  pool.getConnection((err, conn) => {
    if (err) throw err;
    if (skip) return;
    conn.query('select 1', () => conn.release());
  });
}
`,
      errors: [
        {
          ...exitLeak(6, 15, 'The connection `conn` received by the mysql2.Pool.getConnection callback on line 4', 'return', 'release()'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'conn.release()', exit: 'return' }, output: `
import mysql from 'mysql2';
export function count(pool: mysql.Pool, skip: boolean) {
  pool.getConnection((err, conn) => {
    if (err) throw err;
    if (skip) { conn.release(); return; }
    conn.query('select 1', () => conn.release());
  });
}
` }],
        },
      ],
    },
    // pg's callback form without `done`: the client is never released.
    {
      code: `
import { Pool } from 'pg';
export function count(pool: Pool) {
  pool.connect((err, client) => {
    if (err || !client) return;
    client.query('select 1', (error) => {
      if (error) console.error(error);
    });
  });
}
`,
      errors: [endLeak(4, 22, 'The client `client` received by the pg.Pool.connect callback on line 4', 'the function', 'release()')],
    },
    // amqplib's callback_api: neither the connection nor the channel is ever closed.
    {
      code: `
import amqp from 'amqplib/callback_api';
export function publish(url: string, body: Buffer) {
  amqp.connect(url, (err, connection) => {
    if (err) throw err;
    connection.createChannel((error, channel) => {
      if (error) throw error;
      channel.sendToQueue('jobs', body);
    });
  });
}
`,
      errors: [
        endLeak(4, 27, 'The connection `connection` received by the amqplib.connect callback on line 4', 'the function', 'close()'),
        endLeak(6, 38, 'The channel `channel` received by the amqplib.Connection.createChannel callback on line 6', 'the function', 'close()'),
      ],
    },
    // A connection followed through its promise() view.
    {
      code: `
import mysql from 'mysql2';
export async function once(url: string) {
  const conn = mysql.createConnection(url).promise();
  const [rows] = await conn.query('select 1');
  if (!rows) return null;
  await conn.end();
  return rows;
}
`,
      errors: [
        {
          ...exitLeak(6, 14, 'The mysql2.Connection `conn` created on line 4', 'return', 'end() or destroy()'),
          suggestions: [{ messageId: 'insertRelease', data: { call: 'conn.destroy()', exit: 'return' }, output: `
import mysql from 'mysql2';
export async function once(url: string) {
  const conn = mysql.createConnection(url).promise();
  const [rows] = await conn.query('select 1');
  if (!rows) { conn.destroy(); return null; }
  await conn.end();
  return rows;
}
` }],
        },
      ],
    },
    // mqtt's fluent subscribe() hands back the client, which is never ended.
    {
      code: `
import mqtt from 'mqtt';
export function notify(url: string) {
  const client = mqtt.connect(url).subscribe('alerts');
  client.publish('alerts', 'up');
}
`,
      errors: [endLeak(4, 18, 'The mqtt.MqttClient `client` created on line 4', 'the function', 'end() or endAsync()')],
    },
    // Stored in a field that no method of the class ever releases: the class is reported, on the store.
    {
      code: `
import * as net from 'node:net';
export class Connection {
  private socket: net.Socket | undefined;
  open(port: number) {
    const socket = net.connect(port);
    this.socket = socket;
  }
}
`,
      errors: [
        {
          messageId: 'fieldNeverReleased',
          line: 7,
          column: 5,
          data: { className: 'Connection', typeName: 'net.Socket', field: 'socket', release: 'end() or destroy()' },
          suggestions: [],
        },
      ],
    },
  ],
});
