/**
 * The live reproduction harness: compiles a rule's bad/good programs (test/live/<rule>/*.ts) to
 * JavaScript, runs them under plain `node` on 127.0.0.1, drives real clients (or a real peer) from
 * the test process, and reads the kernel's socket table.
 *
 * Terms:
 * - *program*: a compiled reproduction, started in its own process group (`detached`), so that it
 *   and anything it forks are ended together, by process group id, whatever happens to the test.
 *   Server programs print `listening <port>`; client programs take the port as their argument.
 * - *socket table*: `/proc/net/tcp` and `/proc/net/tcp6`, one row per socket with its local and
 *   remote address, state and inode. A row belongs to a process when `/proc/<pid>/fd` holds a link
 *   `socket:[<inode>]`; a row with inode 0 belongs to no process (an orphan the kernel winds down,
 *   a connection still in a listener's backlog, or TIME_WAIT).
 * - *snapshot*: the rows of one port (local or remote), counted by state and by owner: the
 *   program's processes, the test process (`harness`: its clients or its peer server), nobody.
 *
 * Nothing leaves loopback: programs listen on and connect to 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** test/live: the programs sit in one directory per rule below it. */
export const liveDir = path.dirname(fileURLToPath(import.meta.url));
export const loopback = '127.0.0.1';

/** Why the live reproductions cannot run here, or undefined when they can. */
export const liveSkipReason: string | undefined =
  process.platform !== 'linux'
    ? `needs Linux: it reads the kernel's socket table from /proc/net/tcp (this is ${process.platform})`
    : !existsSync('/proc/net/tcp')
      ? 'needs /proc/net/tcp, which this Linux system does not expose'
      : undefined;

// ---------------------------------------------------------------------------------------------
// The socket table

/** TCP states by the hex code of `/proc/net/tcp`'s `st` column (include/net/tcp_states.h). */
export const tcpStates = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
  '0C': 'NEW_SYN_RECV',
} as const;

export type TcpState = (typeof tcpStates)[keyof typeof tcpStates];

export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

export interface SocketRow {
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly state: TcpState;
  /** 0 when no process holds the socket. */
  readonly inode: number;
  /**
   * The kernel timer running on the socket (`tr`): 0 none, 1 retransmit, 2 keepalive, 3 TIME_WAIT
   * (also an orphaned FIN_WAIT2 counting down `tcp_fin_timeout`), 4 zero window probe.
   */
  readonly timer: number;
  /** Milliseconds until that timer fires (`tm->when`, in clock ticks of USER_HZ = 100). */
  readonly timerMs: number;
}

/** Bytes of a 32-bit word as `/proc/net/tcp*` prints it: host (little-endian on x86 and arm64) order. */
function getWordBytes(hex: string): number[] {
  const bytes = [0, 2, 4, 6].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16));
  return os.endianness() === 'LE' ? bytes.reverse() : bytes;
}

/** `0100007F:1F90` → 127.0.0.1:8080; the IPv6 form is four such words. IPv4-mapped IPv6 reads as IPv4. */
export function parseEndpoint(text: string): Endpoint {
  const [addressHex = '', portHex = ''] = text.split(':');
  const port = Number.parseInt(portHex, 16);
  if (addressHex.length === 8) return { address: getWordBytes(addressHex).join('.'), port };
  if (addressHex.length !== 32) throw new Error(`unexpected address in the socket table: ${text}`);
  const bytes = [0, 8, 16, 24].flatMap((offset) => getWordBytes(addressHex.slice(offset, offset + 8)));
  const isMappedV4 = bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isMappedV4) return { address: bytes.slice(12).join('.'), port };
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2) groups.push((((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0)).toString(16));
  return { address: groups.join(':'), port };
}

/** The rows of a `/proc/net/tcp` or `/proc/net/tcp6` text (the header line is skipped). */
export function parseSocketTable(text: string): SocketRow[] {
  const rows: SocketRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/u);
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
    const [, local, remote, stateHex, , timerField, , , , inode] = fields;
    if (local === undefined || remote === undefined || stateHex === undefined || timerField === undefined || inode === undefined) continue;
    const state = tcpStates[stateHex.toUpperCase() as keyof typeof tcpStates];
    if (state === undefined) throw new Error(`unknown TCP state ${stateHex} in: ${line}`);
    const [timerHex = '0', whenHex = '0'] = timerField.split(':');
    rows.push({
      local: parseEndpoint(local),
      remote: parseEndpoint(remote),
      state,
      inode: Number(inode),
      timer: Number.parseInt(timerHex, 16),
      timerMs: Number.parseInt(whenHex, 16) * 10,
    });
  }
  return rows;
}

/** Every TCP socket of the machine's network namespace, IPv4 and IPv6. */
export function readSocketTable(): SocketRow[] {
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) => (existsSync(file) ? parseSocketTable(readFileSync(file, 'utf8')) : []));
}

/** `net.ipv4.tcp_fin_timeout` in seconds: how long an orphaned FIN_WAIT2 socket may wait for the peer's FIN. */
export function readTcpFinTimeout(): number {
  return Number(readFileSync('/proc/sys/net/ipv4/tcp_fin_timeout', 'utf8').trim());
}

/** The socket inodes a process holds (`/proc/<pid>/fd/* -> socket:[inode]`); empty once it is gone. */
export function getSocketInodes(pid: number): Set<number> {
  const inodes = new Set<number>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/u.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1] !== undefined) inodes.add(Number(match[1]));
    } catch {
      // closed between readdir and readlink
    }
  }
  return inodes;
}

/** The processes of a process group (the program and what it forked). */
export function getProcessGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const [, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid) members.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return members.sort((a, b) => a - b);
}

export type StateCounts = Partial<Record<TcpState, number>>;

export function countByState(rows: readonly SocketRow[]): StateCounts {
  const counts: StateCounts = {};
  for (const row of rows) counts[row.state] = (counts[row.state] ?? 0) + 1;
  return counts;
}

/** `{ CLOSE_WAIT: 5, LISTEN: 1 }` → `CLOSE_WAIT 5, LISTEN 1`; `none` when empty. */
export function formatCounts(counts: StateCounts): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([state, count]) => `${state} ${count}`).join(', ');
}

export interface PortSnapshot {
  readonly port: number;
  /** Every socket with the port at either end. */
  readonly rows: readonly SocketRow[];
  /** Held by one of the program's processes, by pid. */
  readonly byPid: ReadonlyMap<number, readonly SocketRow[]>;
  /** Held by any of the program's processes. */
  readonly program: readonly SocketRow[];
  /** Held by the test process (its clients, or its peer server). */
  readonly harness: readonly SocketRow[];
  /** Held by no process (inode 0): orphans winding down, TIME_WAIT, connections not yet accepted. */
  readonly unowned: readonly SocketRow[];
}

const isLoopbackRow = (row: SocketRow): boolean =>
  row.local.address === loopback && (row.remote.address.startsWith('127.') || (row.state === 'LISTEN' && row.remote.port === 0));

const getRowKey = (row: SocketRow): string =>
  `${row.local.address}:${row.local.port} ${row.remote.address}:${row.remote.port} ${row.state} ${row.inode}`;

/** The rows of one loopback port, each once. */
function readPortRows(port: number): SocketRow[] {
  const rows = new Map<string, SocketRow>();
  for (const row of readSocketTable()) {
    if (isLoopbackRow(row) && (row.local.port === port || row.remote.port === port)) rows.set(getRowKey(row), row);
  }
  return [...rows.values()];
}

/**
 * The rows of one loopback port, read until two reads in a row agree. The kernel prints
 * `/proc/net/tcp` a page at a time and the table can change between pages, so one read may miss a
 * row or show one twice (a busy machine has thousands of rows); a duplicate is dropped by its key.
 */
function readStablePortRows(port: number): SocketRow[] {
  let previous = readPortRows(port);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = readPortRows(port);
    const key = (rows: readonly SocketRow[]): string => rows.map(getRowKey).sort().join('\n');
    if (key(current) === key(previous)) return current;
    previous = current;
  }
  return previous;
}

/** The socket table of one loopback port, split by owner. */
export function snapshotPort(port: number, programPids: readonly number[]): PortSnapshot {
  const rows = readStablePortRows(port);
  const byPidInodes = new Map(programPids.map((pid) => [pid, getSocketInodes(pid)] as const));
  const harnessInodes = getSocketInodes(process.pid);
  const byPid = new Map([...byPidInodes].map(([pid, inodes]) => [pid, rows.filter((row) => row.inode !== 0 && inodes.has(row.inode))] as const));
  return {
    port,
    rows,
    byPid,
    program: rows.filter((row) => [...byPidInodes.values()].some((inodes) => row.inode !== 0 && inodes.has(row.inode))),
    harness: rows.filter((row) => row.inode !== 0 && harnessInodes.has(row.inode)),
    unowned: rows.filter((row) => row.inode === 0),
  };
}

/** Counts of a snapshot, for assertions and reports. */
export interface SnapshotCounts {
  readonly program: StateCounts;
  readonly harness: StateCounts;
  readonly unowned: StateCounts;
  readonly all: StateCounts;
}

export function getSnapshotCounts(snapshot: PortSnapshot): SnapshotCounts {
  return {
    program: countByState(snapshot.program),
    harness: countByState(snapshot.harness),
    unowned: countByState(snapshot.unowned),
    all: countByState(snapshot.rows),
  };
}

export function formatSnapshot(snapshot: PortSnapshot): string {
  const counts = getSnapshotCounts(snapshot);
  const pids = [...snapshot.byPid].map(([pid, rows]) => `pid ${pid}: ${formatCounts(countByState(rows))}`).join('; ');
  return [
    `port ${snapshot.port}`,
    `  program: ${formatCounts(counts.program)}${pids === '' ? '' : ` (${pids})`}`,
    `  harness: ${formatCounts(counts.harness)}`,
    `  no process: ${formatCounts(counts.unowned)}`,
  ].join('\n');
}

/** Connection sockets (anything but LISTEN) in a list of rows. */
export const countConnections = (rows: readonly SocketRow[]): number => rows.filter((row) => row.state !== 'LISTEN').length;

// ---------------------------------------------------------------------------------------------
// Compiling the programs

/**
 * Compiles test/live/<dir>/*.ts (each file on its own, `ts.transpileModule`: type errors are the
 * business of `npm run typecheck`, which covers test/) into `<tmp>/<dir>/*.js`, ESM. Node 20 cannot
 * run TypeScript itself (`--experimental-strip-types` came with Node 22.6). Returns the output dir.
 */
export function compilePrograms(dir: string): string {
  const outRoot = mkdtempSync(path.join(os.tmpdir(), 'closewait-live-'));
  writeFileSync(path.join(outRoot, 'package.json'), '{ "type": "module" }\n');
  // Programs that import a package (undici) find it in this repository's node_modules.
  symlinkSync(path.join(liveDir, '..', '..', 'node_modules'), path.join(outRoot, 'node_modules'), 'dir');
  const sourceDir = path.join(liveDir, dir);
  const outDir = path.join(outRoot, dir);
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(sourceDir).filter((name) => name.endsWith('.ts'))) {
    const fileName = path.join(sourceDir, file);
    const output = ts.transpileModule(readFileSync(fileName, 'utf8'), {
      fileName,
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    const errors = output.diagnostics ?? [];
    if (errors.length > 0) {
      throw new Error(`${fileName}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n')}`);
    }
    writeFileSync(path.join(outDir, file.replace(/\.ts$/u, '.js')), output.outputText);
  }
  return outDir;
}

/** Removes what compilePrograms wrote. */
export function removeCompiled(outDir: string): void {
  const outRoot = path.dirname(outDir);
  if (path.basename(outRoot).startsWith('closewait-live-')) rmSync(outRoot, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Waiting

/**
 * How long a scenario waits for the state it expects (a program's output, a count in the socket
 * table, an exit). Generous for a loaded CI machine: when things go as expected the wait ends as
 * soon as the state is there, so only a failing scenario ever waits this long.
 */
export const waitLimitMs = 10_000;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Settles like `promise`, or rejects with `message` after `ms`; the timer never outlives it. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Re-evaluates `read` every 20 ms until `done` holds of its value or `timeoutMs` pass; resolves
 * with the last value either way, so an assertion on it shows what was there instead of a bare
 * timeout.
 */
export async function pollUntil<T>(read: () => T, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value) || Date.now() >= deadline) return value;
    await sleep(20);
  }
}

// ---------------------------------------------------------------------------------------------
// Programs, clients and peers, all ended by the scenario

export class LiveProgram {
  readonly lines: string[] = [];
  stderr = '';
  exitCode: number | null | undefined;
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        this.exitCode = code;
        resolve();
      });
    });
    let pending = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      this.lines.push(...complete);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
  }

  /** The program's process group id (it is the group leader). */
  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name} did not start`);
    return this.child.pid;
  }

  get isRunning(): boolean {
    return this.exitCode === undefined;
  }

  /** The program and whatever it forked. */
  getPids(): number[] {
    return this.isRunning ? getProcessGroupMembers(this.pid) : [];
  }

  countLines(pattern: RegExp): number {
    return this.lines.filter((line) => pattern.test(line)).length;
  }

  /** Resolves with the first stdout line matching `pattern`; rejects on exit or after `timeoutMs`. */
  async waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    await pollUntil(() => this.lines.some((line) => pattern.test(line)) || !this.isRunning, Boolean, timeoutMs);
    for (const line of this.lines) {
      const match = pattern.exec(line);
      if (match) return match;
    }
    throw new Error(`${this.name}: no line matching ${pattern} within ${timeoutMs} ms${this.describe()}`);
  }

  async waitForExit(timeoutMs: number): Promise<boolean> {
    await withTimeout(this.exited, timeoutMs, 'still running').catch(() => undefined);
    return !this.isRunning;
  }

  /**
   * SIGKILL to the whole process group; resolves once the program has exited. Once the program has
   * exited and its group is empty, its pid may be reused (pid_max can be as low as 32768), so then
   * nothing is sent.
   */
  async kill(): Promise<void> {
    if (this.child.pid === undefined) return;
    if (this.isRunning || getProcessGroupMembers(this.child.pid).length > 0) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    }
    await this.waitForExit(5_000);
  }

  describe(): string {
    const stdout = this.lines.join('\n');
    return `\n--- ${this.name} stdout ---\n${stdout}\n--- stderr ---\n${this.stderr}`;
  }
}

/** The hard limit on a program's life: no scenario takes more than a few seconds. */
export const programLifetimeMs = 30_000;

/**
 * Preloaded into every program (and, through `execArgv`, into what it forks): exits when the
 * program outlives `programLifetimeMs` or its parent (the test process, or the forking program)
 * goes away, so nothing survives a crashed test run. Both timers are unref'd: they never keep a
 * program alive.
 */
const watchdog = `data:text/javascript,${[
  'const parent = process.ppid;',
  'setInterval(() => { if (process.ppid !== parent) process.exit(70); }, 250).unref();',
  `setTimeout(() => { console.error('closewait live harness: lifetime limit reached'); process.exit(70); }, ${programLifetimeMs}).unref();`,
].join(' ')}`;

/** Every process group started and not yet ended, for the exit hook. */
const runningGroups = new Set<number>();
process.once('exit', () => {
  for (const pgid of runningGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

export interface ClientOptions {
  /** Written right after connecting, then `end()` (the client's FIN). */
  readonly payload?: string;
  /** Write and end only when `send` is called (default: at once). */
  readonly deferSend?: boolean;
}

export interface Clients {
  readonly sockets: readonly net.Socket[];
  /** Sends each client's payload and ends it (for `deferSend`). */
  send(): void;
  readonly errors: readonly string[];
}

/**
 * One scenario: what it starts is ended by `dispose()` (called from afterEach, so also when an
 * assertion fails): programs by process group, clients destroyed, peer servers closed.
 */
export class Scenario {
  private readonly programs: LiveProgram[] = [];
  private readonly sockets: net.Socket[] = [];
  private readonly servers: net.Server[] = [];

  /** Starts `<outDir>/<file>` under `node` in its own process group. */
  start(outDir: string, file: string, args: readonly string[] = []): LiveProgram {
    const child = spawn(process.execPath, ['--import', watchdog, path.join(outDir, file), ...args], {
      cwd: outDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '', NODE_OPTIONS: '' },
    });
    const program = new LiveProgram(file, child);
    if (child.pid !== undefined) {
      runningGroups.add(child.pid);
      child.once('exit', () => runningGroups.delete(child.pid ?? -1));
    }
    this.programs.push(program);
    return program;
  }

  /** Starts a server program and resolves with it and the port it printed. */
  async startServer(outDir: string, file: string): Promise<{ program: LiveProgram; port: number }> {
    const program = this.start(outDir, file);
    const match = await program.waitForLine(/^listening (\d+)$/u, 10_000);
    return { program, port: Number(match[1]) };
  }

  /**
   * Connects `count` clients to 127.0.0.1:`port`, one after another. Each reads whatever comes (so
   * it sees the server's FIN and closes in turn) and ignores errors (a server that destroys a
   * socket with unread data resets it). Resolves once all have connected.
   */
  async connectClients(port: number, count: number, options: ClientOptions = {}, timeoutMs = 5_000): Promise<Clients> {
    const sockets: net.Socket[] = [];
    const errors: string[] = [];
    const send = (socket: net.Socket): void => {
      if (socket.destroyed || socket.writableEnded) return;
      socket.end(options.payload ?? '');
    };
    for (let index = 0; index < count; index += 1) {
      const socket = net.connect({ host: loopback, port });
      this.sockets.push(socket);
      sockets.push(socket);
      socket.on('error', (error) => errors.push(`client ${index + 1}: ${error.message}`));
      socket.resume();
      await withTimeout(
        once(socket, 'connect'),
        timeoutMs,
        `client ${index + 1} could not connect to ${loopback}:${port} within ${timeoutMs} ms`,
      );
      if (options.deferSend !== true) send(socket);
    }
    return { sockets, errors, send: () => sockets.forEach(send) };
  }

  /** Registers a server the test process runs as the programs' peer; closed by dispose(). */
  async listen(server: net.Server): Promise<number> {
    this.servers.push(server);
    server.on('connection', (socket: net.Socket) => {
      this.sockets.push(socket);
      socket.on('error', () => socket.destroy());
    });
    server.listen(0, loopback);
    await once(server, 'listening');
    const address = server.address();
    if (address === null || typeof address !== 'object') throw new Error('the peer server has no port');
    return address.port;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.programs.map((program) => program.kill()));
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(
      this.servers.map((server) => {
        if (!server.listening) return undefined;
        const closed = once(server, 'close');
        server.close();
        return closed;
      }),
    );
    this.programs.length = 0;
    this.sockets.length = 0;
    this.servers.length = 0;
  }
}

/** A program's output and a snapshot's counts, for assertion messages. */
export function describeRun(program: LiveProgram, snapshot: PortSnapshot): string {
  return `${program.describe()}\n--- socket table ---\n${formatSnapshot(snapshot)}`;
}

/** Prints a scenario's counts when CLOSEWAIT_LIVE_REPORT is set (the numbers the docs quote). */
export function reportSnapshot(title: string, snapshot: PortSnapshot, extra = ''): void {
  if (!process.env['CLOSEWAIT_LIVE_REPORT']) return;
  console.log(`${title}\n${formatSnapshot(snapshot)}${extra === '' ? '' : `\n  ${extra}`}`);
}
