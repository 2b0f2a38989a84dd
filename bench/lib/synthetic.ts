/**
 * Synthetic projects of a given size: TypeScript that looks like a service's networking code.
 * Every file mixes socket clients, servers and connection handlers, fetch and http responses,
 * pools that store sockets in fields, a helper that another file releases through (so callee
 * summaries cross files), accept loops, and plain code that touches no resource (frame parsing,
 * checksums, routing tables), with if/else, switch, loops, try/catch/finally and early exits.
 * About one function in eight that holds a resource leaks it on some path. Generation is seeded
 * and deterministic: the same size always gives the same files.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

/** Bump when the generated code changes, so that cached projects are regenerated. */
const GENERATOR_VERSION = 1;
/** Lines per generated file (approximate: a file ends after the template that crosses it). */
const LINES_PER_FILE = 500;
/** Files per directory. */
const FILES_PER_DIR = 100;

export interface SyntheticProject {
  readonly name: string;
  readonly dir: string;
  readonly tsconfig: string;
  readonly files: number;
  readonly lines: number;
}

/** "10k" → 10 000, "1m" → 1 000 000, "250" → 250. */
export function parseSize(size: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(size.trim());
  if (!match?.[1]) throw new Error(`not a size: ${size} (use e.g. 10k, 100k, 1m)`);
  const unit = (match[2] ?? '').toLowerCase();
  return Math.round(Number(match[1]) * (unit === 'k' ? 1e3 : unit === 'm' ? 1e6 : 1));
}

/** Generate (or reuse from the cache) the synthetic project of about `targetLines` lines. */
export function getSyntheticProject(cacheDir: string, size: string, typeRoots: string): SyntheticProject {
  const targetLines = parseSize(size);
  const name = `synthetic-${size.toLowerCase()}`;
  const dir = path.join(cacheDir, 'synthetic', name);
  const stamp = path.join(dir, '.generated.json');
  const tsconfig = path.join(dir, 'tsconfig.json');
  const expected = { version: GENERATOR_VERSION, targetLines, typeRoots };
  if (existsSync(stamp)) {
    const saved = JSON.parse(readFileSync(stamp, 'utf8')) as typeof expected & { files: number; lines: number };
    if (saved.version === expected.version && saved.targetLines === targetLines && saved.typeRoots === typeRoots) {
      return { name, dir, tsconfig, files: saved.files, lines: saved.lines };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name, private: true, type: 'module' }, null, 2)}\n`);
  writeFileSync(tsconfig, `${JSON.stringify(getTsconfig(typeRoots), null, 2)}\n`);

  const rng = createRng(0x5eed + targetLines);
  let lines = 0;
  let files = 0;
  while (lines < targetLines) {
    const budget = Math.min(LINES_PER_FILE, Math.max(targetLines - lines, 40));
    const text = generateFile(files, budget, rng);
    const file = path.join(dir, getRelativePath(files));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    lines += countLines(text);
    files += 1;
  }
  writeFileSync(stamp, `${JSON.stringify({ ...expected, files, lines }, null, 2)}\n`);
  return { name, dir, tsconfig, files, lines };
}

function getTsconfig(typeRoots: string): object {
  return {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [typeRoots],
    },
    include: ['src/**/*.ts'],
  };
}

function getRelativePath(index: number): string {
  return path.join('src', `m${String(Math.floor(index / FILES_PER_DIR)).padStart(3, '0')}`, `${getModuleName(index)}.ts`);
}

function getModuleName(index: number): string {
  return `f${String(index).padStart(5, '0')}`;
}

export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return text.endsWith('\n') ? count : count + 1;
}

type Rng = () => number;

/** mulberry32: small, fast, good enough for choosing templates. */
function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** Whether this occurrence leaks (about one in eight). */
function leaks(rng: Rng): boolean {
  return rng() < 0.125;
}

interface Ctx {
  /** Unique suffix of this template occurrence. */
  readonly t: string;
  readonly rng: Rng;
  /** Suffix of this file (for the file's frame type and helper). */
  readonly file: string;
  /** Suffix of the previous file, whose helper this one calls, or undefined for the first file. */
  readonly prev: string | undefined;
}

type Template = (ctx: Ctx) => string;

function generateFile(index: number, budget: number, rng: Rng): string {
  const file = getModuleName(index);
  const prev = index > 0 && index % FILES_PER_DIR !== 0 ? getModuleName(index - 1) : undefined;
  const header = [
    `// Generated by closewait's benchmark (bench/lib/synthetic.ts): synthetic networking code.`,
    `import * as net from 'node:net';`,
    `import * as http from 'node:http';`,
    `import { once, on } from 'node:events';`,
    prev ? `import { closeQuietly_${prev}, parseFrames_${prev}, type Frame_${prev} } from './${prev}.js';` : '',
    '',
    getFileBasics(file, prev),
  ].join('\n');
  const parts = [header];
  let lines = countLines(header);
  let n = 0;
  while (lines < budget) {
    const template = pickTemplate(rng);
    const text = template({ t: `${file}_${n}`, rng, file, prev });
    parts.push(text);
    lines += countLines(text) + 1;
    n += 1;
  }
  return `${parts.join('\n')}\n`;
}

/** Every file defines its frame type, parser and release helper, and uses the previous file's. */
function getFileBasics(file: string, prev: string | undefined): string {
  const usePrev = prev
    ? `
export function notify_${file}(port: number, message: string): number {
  const socket = net.connect(port, '127.0.0.1');
  const frames: Frame_${prev}[] = parseFrames_${prev}(Buffer.from(message));
  for (const frame of frames) {
    socket.write(frame.payload);
  }
  closeQuietly_${prev}(socket);
  return frames.length;
}
`
    : '';
  return `export interface Frame_${file} {
  readonly kind: number;
  readonly length: number;
  readonly payload: Uint8Array;
}

export function parseFrames_${file}(buffer: Uint8Array): Frame_${file}[] {
  const frames: Frame_${file}[] = [];
  let offset = 0;
  while (offset + 3 <= buffer.length) {
    const kind = buffer[offset] ?? 0;
    const length = ((buffer[offset + 1] ?? 0) << 8) | (buffer[offset + 2] ?? 0);
    if (length === 0) {
      offset += 3;
      continue;
    }
    if (offset + 3 + length > buffer.length) break;
    frames.push({ kind, length, payload: buffer.subarray(offset + 3, offset + 3 + length) });
    offset += 3 + length;
  }
  return frames;
}

export function closeQuietly_${file}(socket: net.Socket): void {
  try {
    socket.end();
  } catch {
    socket.destroy();
  }
}
${usePrev}`;
}

const weighted: readonly [Template, number][] = [
  [exchangeTemplate, 3],
  [greetingTemplate, 3],
  [fetchTemplate, 3],
  [serverTemplate, 2],
  [httpGetTemplate, 2],
  [poolTemplate, 1],
  [retryTemplate, 2],
  [acceptLoopTemplate, 1],
  [checksumTemplate, 4],
  [routerTemplate, 3],
  [configTemplate, 3],
];
const totalWeight = weighted.reduce((sum, [, w]) => sum + w, 0);

function pickTemplate(rng: Rng): Template {
  let r = rng() * totalWeight;
  for (const [template, weight] of weighted) {
    r -= weight;
    if (r < 0) return template;
  }
  return checksumTemplate;
}

function exchangeTemplate({ t, rng }: Ctx): string {
  const marker = pick(rng, ['#', ';', '//']);
  const leak = leaks(rng);
  const cleanup = leak ? `    if (replies.length === 0) return replies;\n    socket.end();` : `    socket.destroy();`;
  return `export async function exchange_${t}(host: string, port: number, lines: readonly string[]): Promise<string[]> {
  const socket = net.connect({ host, port });
  const replies: string[] = [];
  try {
    await once(socket, 'connect');
    for (const line of lines) {
      if (line.length === 0) continue;
      if (line.startsWith('${marker}')) {
        replies.push(\`skip:\${line}\`);
        continue;
      }
      socket.write(\`\${line}\\n\`);
      const [chunk] = (await once(socket, 'data')) as [Buffer];
      const text = chunk.toString('utf8').trim();
      if (text === 'QUIT') break;
      replies.push(text.length > ${int(rng, 40, 200)} ? text.slice(0, ${int(rng, 10, 40)}) : text);
    }
    return replies;
  } finally {
${cleanup}
  }
}
`;
}

function greetingTemplate({ t, rng }: Ctx): string {
  const leak = leaks(rng);
  const early = leak ? `    return false;` : `    socket.destroy();\n    return false;`;
  return `export function sendGreeting_${t}(port: number, name: string | undefined): boolean {
  const socket = net.createConnection(port, '127.0.0.1');
  socket.setNoDelay(true);
  if (name === undefined || name.length > ${int(rng, 16, 128)}) {
${early}
  }
  const greeting = name.includes(' ') ? \`HELLO "\${name}"\` : \`HELLO \${name}\`;
  socket.write(\`\${greeting}\\r\\n\`);
  socket.end();
  return true;
}
`;
}

function fetchTemplate({ t, rng }: Ctx): string {
  const leak = leaks(rng);
  const notFound = leak ? `      continue;` : `      await res.body?.cancel();\n      continue;`;
  return `export async function fetchItems_${t}(baseUrl: string, ids: readonly number[]): Promise<Map<number, unknown>> {
  const out = new Map<number, unknown>();
  for (const id of ids) {
    const res = await fetch(\`\${baseUrl}/items/\${id}\`, { headers: { accept: 'application/json' } });
    if (res.status === 404) {
${notFound}
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(\`item \${id}: HTTP \${res.status}\`);
    }
    const body: unknown = await res.json();
    if (body !== null && typeof body === 'object') out.set(id, body);
    if (out.size >= ${int(rng, 10, 500)}) break;
  }
  return out;
}
`;
}

function serverTemplate({ t, rng }: Ctx): string {
  const leak = leaks(rng);
  const limit = int(rng, 50, 500);
  const reject = leak ? `    if (active >= ${limit}) return;` : `    if (active >= ${limit}) {\n      socket.destroy();\n      return;\n    }`;
  return `export function startEcho_${t}(port: number, banner: string): net.Server {
  let active = 0;
  const server = net.createServer((socket) => {
${reject}
    active++;
    socket.on('close', () => {
      active--;
    });
    socket.setEncoding('utf8');
    let buffered = '';
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let index = buffered.indexOf('\\n');
      while (index >= 0) {
        const line = buffered.slice(0, index);
        buffered = buffered.slice(index + 1);
        switch (line) {
          case 'PING':
            socket.write('PONG\\n');
            break;
          case 'BANNER':
            socket.write(\`\${banner}\\n\`);
            break;
          case 'QUIT':
            socket.end('BYE\\n');
            return;
          default:
            socket.write(\`ECHO \${line}\\n\`);
        }
        index = buffered.indexOf('\\n');
      }
    });
    socket.on('error', () => socket.destroy());
  });
  server.maxConnections = ${int(rng, 100, 1000)};
  server.listen(port);
  return server;
}
`;
}

function httpGetTemplate({ t, rng }: Ctx): string {
  const leak = leaks(rng);
  const bad = leak ? `      done(false);\n      return;` : `      res.resume();\n      done(false);\n      return;`;
  return `export function probe_${t}(url: string, done: (ok: boolean) => void): void {
  const req = http.get(url, { timeout: ${int(rng, 1000, 30000)} }, (res) => {
    if (res.statusCode !== 200) {
${bad}
    }
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
    });
    res.on('end', () => done(size > 0));
  });
  req.on('error', () => done(false));
}
`;
}

function poolTemplate({ t, rng }: Ctx): string {
  return `export class Pool_${t} {
  private readonly idle: net.Socket[] = [];
  private readonly busy = new Set<net.Socket>();

  constructor(
    private readonly port: number,
    private readonly max = ${int(rng, 2, 64)},
  ) {}

  acquire(): net.Socket {
    const reuse = this.idle.pop();
    if (reuse !== undefined) {
      this.busy.add(reuse);
      return reuse;
    }
    if (this.busy.size >= this.max) throw new Error('pool exhausted');
    const socket = net.connect(this.port);
    socket.on('close', () => {
      this.busy.delete(socket);
    });
    this.busy.add(socket);
    return socket;
  }

  release(socket: net.Socket): void {
    this.busy.delete(socket);
    if (this.idle.length < this.max) this.idle.push(socket);
    else socket.end();
  }

  close(): void {
    for (const socket of [...this.idle, ...this.busy]) socket.destroy();
    this.idle.length = 0;
    this.busy.clear();
  }
}
`;
}

function retryTemplate({ t, rng }: Ctx): string {
  const leak = leaks(rng);
  const onError = leak ? `      lastError = error;` : `      lastError = error;\n      socket.destroy();`;
  return `export async function connectWithRetry_${t}(port: number, attempts = ${int(rng, 2, 8)}): Promise<net.Socket> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const socket = net.connect(port);
    try {
      await once(socket, 'connect');
      return socket;
    } catch (error) {
${onError}
      await new Promise((resolve) => setTimeout(resolve, ${int(rng, 5, 50)} * 2 ** attempt));
    }
  }
  throw new Error(\`connect failed after \${attempts} attempts\`, { cause: lastError });
}
`;
}

function acceptLoopTemplate({ t, rng }: Ctx): string {
  const leak = leaks(rng);
  const over = leak ? `      return served;` : `      socket.destroy();\n      continue;`;
  return `export async function serveLoop_${t}(server: net.Server, limit: number): Promise<number> {
  let served = 0;
  for await (const [socket] of on(server, 'connection') as AsyncIterableIterator<[net.Socket]>) {
    if (served >= limit) {
${over}
    }
    served++;
    socket.end(\`bye \${served % ${int(rng, 3, 97)}}\\n\`);
  }
  return served;
}
`;
}

function checksumTemplate({ t, rng, file, prev }: Ctx): string {
  const frame = rng() < 0.5 && prev ? `Frame_${prev}` : `Frame_${file}`;
  return `export function checksum_${t}(frames: readonly ${frame}[], seed = ${int(rng, 1, 65535)}): number {
  let sum = seed;
  for (const frame of frames) {
    if (frame.kind === ${int(rng, 0, 9)}) continue;
    for (let i = 0; i < frame.payload.length; i++) {
      const byte = frame.payload[i] ?? 0;
      sum = (sum * 31 + byte) >>> 0;
      if ((sum & 0xff) === ${int(rng, 0, 255)}) sum ^= 0x${int(rng, 0x1000, 0xffff).toString(16)};
    }
    sum = frame.length % 2 === 0 ? sum + frame.length : sum - frame.length;
  }
  return sum >>> 0;
}

export function summarise_${t}(frames: readonly ${frame}[]): { count: number; bytes: number; kinds: number[] } {
  const kinds = new Set<number>();
  let bytes = 0;
  for (const frame of frames) {
    kinds.add(frame.kind);
    bytes += frame.length;
  }
  return { count: frames.length, bytes, kinds: [...kinds].sort((a, b) => a - b) };
}
`;
}

function routerTemplate({ t, rng }: Ctx): string {
  const routes = ['users', 'orders', 'items', 'health', 'metrics', 'login', 'logout', 'search'];
  const a = pick(rng, routes);
  const b = pick(rng, routes);
  return `export type Route_${t} = { method: 'GET' | 'POST' | 'DELETE'; path: string; status: number };

export function route_${t}(method: string, url: string): Route_${t} {
  const [pathname = '/', query = ''] = url.split('?');
  const parts = pathname.split('/').filter((part) => part.length > 0);
  switch (parts[0]) {
    case '${a}':
      if (method === 'GET') return { method: 'GET', path: pathname, status: 200 };
      if (method === 'POST' && query.length > 0) return { method: 'POST', path: pathname, status: 201 };
      return { method: 'GET', path: pathname, status: 405 };
    case '${b}':
    case 'v${int(rng, 1, 3)}':
      if (parts.length > ${int(rng, 2, 5)}) return { method: 'GET', path: pathname, status: 404 };
      return { method: method === 'DELETE' ? 'DELETE' : 'GET', path: pathname, status: 200 };
    default:
      return { method: 'GET', path: pathname, status: 404 };
  }
}
`;
}

function configTemplate({ t, rng }: Ctx): string {
  return `export interface Settings_${t} {
  host: string;
  port: number;
  retries: number;
  timeoutMs: number;
  tls: boolean;
}

export function readSettings_${t}(env: Record<string, string | undefined>): Settings_${t} {
  const port = Number(env.PORT ?? '${int(rng, 1024, 65535)}');
  const retries = Number(env.RETRIES ?? '${int(rng, 0, 9)}');
  const settings: Settings_${t} = {
    host: env.HOST ?? '127.0.0.1',
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : ${int(rng, 1024, 65535)},
    retries: Number.isNaN(retries) ? 3 : Math.min(retries, ${int(rng, 3, 20)}),
    timeoutMs: env.TIMEOUT_MS ? Math.max(100, Number(env.TIMEOUT_MS)) : ${int(rng, 500, 60000)},
    tls: env.TLS === '1' || env.TLS === 'true',
  };
  if (settings.tls && settings.port === 80) settings.port = 443;
  return settings;
}
`;
}
