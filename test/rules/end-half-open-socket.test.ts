import { describe, expect, it } from 'vitest';
import rule from '../../rules/end-half-open-socket.js';
import { configs } from '../../src/index.js';
import { runRuleTests } from './rule-tester.js';

describe('configs', () => {
  it('recommended runs the rule with its defaults (requireFinWaitTimeout off)', () => {
    expect(configs.recommended.rules['closewait/end-half-open-socket']).toBe('error');
  });

  it('strict turns requireFinWaitTimeout on', () => {
    expect(configs.strict.rules['closewait/end-half-open-socket']).toEqual(['error', { requireFinWaitTimeout: true }]);
  });
});

const unanswered = (line: number, column: number, resource: string, output: string | undefined) => ({
  messageId: 'unanswered' as const,
  line,
  column,
  data: { resource },
  suggestions:
    output === undefined
      ? []
      : [{ messageId: 'addEndListener' as const, data: { code: resourceName(resource) }, output }],
});

/** "The socket `socket` received …" → "socket.on('end', () => socket.end())". */
function resourceName(resource: string): string {
  const name = /`([^`]+)`/.exec(resource)![1]!;
  return `${name}.on('end', () => ${name}.end())`;
}

const finWait = (line: number, column: number, resource: string, code: string, output: string) => ({
  messageId: 'finWait' as const,
  line,
  column,
  data: { resource },
  suggestions: [{ messageId: 'addTimeout' as const, data: { code }, output }],
});

const serverSocket = (line: number) => `The socket \`socket\` received by the net.createServer handler on line ${line}`;

runRuleTests('end-half-open-socket', rule, {
  valid: [
    // The measured fix: answer the peer's end with end().
    `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk) => socket.write(chunk));
  socket.on('end', () => socket.end());
});
`,
    // once('end') with destroy() on its only path.
    `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk) => console.log(chunk.length));
  socket.once('end', () => {
    console.log('peer finished');
    socket.destroy();
  });
});
`,
    // Echo: piping the socket into itself ends it when its readable side ends.
    `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.pipe(socket);
});
`,
    // pipeline with the socket as the destination ends it.
    `
import * as net from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  const upper = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.toString().toUpperCase());
    },
  });
  await pipeline(socket, upper, socket);
});
`,
    // Waiting for the end, then answering it.
    `
import * as net from 'node:net';
import { once } from 'node:events';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  let size = 0;
  socket.on('data', (chunk) => (size += chunk.length));
  await once(socket, 'end');
  socket.end(\`\${size}\\n\`);
});
`,
    // An idle timeout that destroys the socket ends the CLOSE_WAIT too (after the delay).
    `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.setTimeout(10_000, () => socket.destroy());
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
    // A 'timeout' listener that destroys, with the timeout armed.
    `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.setTimeout(10_000);
  socket.on('timeout', () => socket.destroy());
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
    // The upgrade socket handed to ws, which owns it from then on.
    `
import * as http from 'node:http';
import { WebSocketServer } from 'ws';
export function attach(server: http.Server) {
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
}
`,
    // A CONNECT tunnel: the upstream's end ends the client socket (serverSocket.pipe(clientSocket)).
    `
import * as http from 'node:http';
import * as net from 'node:net';
export const proxy = http.createServer();
proxy.on('connect', (request, clientSocket, head) => {
  const [host, port] = (request.url ?? '').split(':');
  const serverSocket = net.connect(Number(port), host, () => {
    clientSocket.write('HTTP/1.1 200 Connection Established\\r\\n\\r\\n');
    serverSocket.write(head);
    serverSocket.pipe(clientSocket);
    clientSocket.pipe(serverSocket);
  });
  serverSocket.on('error', () => clientSocket.destroy());
  clientSocket.on('error', () => serverSocket.destroy());
});
`,
    // A proxy forwarding each half-close to the other side: the upstream's 'end' answers the client's.
    `
import * as http from 'node:http';
import * as net from 'node:net';
export const server = http.createServer();
server.on('upgrade', (request, socket) => {
  const upstream = net.connect({ port: 9000, allowHalfOpen: true });
  socket.on('data', (chunk) => upstream.write(chunk));
  upstream.on('data', (chunk) => socket.write(chunk));
  socket.on('end', () => upstream.end());
  upstream.on('end', () => socket.end());
  upstream.on('close', () => socket.destroy());
  socket.on('close', () => upstream.destroy());
});
`,
    // A handler that never touches its socket is no-leaked-socket's finding, not this rule's.
    `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  console.log(\`connection from \${socket.remoteAddress}\`);
});
`,
    // So is a created half-open socket that nothing releases at all.
    `
import * as net from 'node:net';
export function subscribe(port: number) {
  const client = net.connect({ port, allowHalfOpen: true });
  client.on('data', (chunk) => console.log(chunk.length));
}
`,
    // Not half-open: Node ends the socket itself when it reads the peer's FIN.
    `
import * as net from 'node:net';
export const server = net.createServer((socket) => {
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
    // allowHalfOpen: false is not half-open either.
    `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: false }, (socket) => {
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
    // Stored in a module-level collection: whoever takes it from there answers.
    `
import * as net from 'node:net';
const sessions = new Set<net.Socket>();
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk) => console.log(chunk.length));
  sessions.add(socket);
});
`,
    // A listener declared as a local function.
    `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  function finish() {
    socket.end('done\\n');
  }
  socket.on('data', (chunk) => console.log(chunk.length));
  socket.once('end', finish);
});
`,
    // Listeners registered through a this-returning chain.
    `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket
    .setEncoding('utf8')
    .on('data', (text: string) => console.log(text.length))
    .on('end', () => socket.end());
});
`,
    // Returned to the caller, who owns it.
    `
import * as net from 'node:net';
export function open(port: number): net.Socket {
  const socket = net.connect({ port, allowHalfOpen: true });
  socket.setNoDelay(true);
  return socket;
}
`,
    // Handed to a helper of the program that answers the end itself.
    `
import * as net from 'node:net';
function serve(socket: net.Socket) {
  socket.on('data', (chunk) => socket.write(chunk));
  socket.on('end', () => socket.end());
}
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('error', () => socket.destroy());
  serve(socket);
});
`,
    // Half-closing first is not reported without requireFinWaitTimeout.
    `
import * as net from 'node:net';
export function request(port: number, body: string) {
  const client = net.connect({ port, allowHalfOpen: true });
  client.on('data', (chunk) => console.log(chunk.length));
  client.on('end', () => client.destroy());
  client.end(body);
}
`,
    // requireFinWaitTimeout: an idle timeout destroys the socket if the peer stays silent.
    {
      code: `
import * as net from 'node:net';
export function request(port: number, body: string) {
  const client = net.connect({ port, allowHalfOpen: true });
  client.setTimeout(5_000, () => client.destroy());
  client.on('data', (chunk) => console.log(chunk.length));
  client.on('end', () => client.destroy());
  client.end(body);
}
`,
      options: [{ requireFinWaitTimeout: true }],
    },
    // requireFinWaitTimeout: end() inside the 'end' listener runs after the peer's FIN.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk) => console.log(chunk.length));
  socket.on('end', () => socket.end('bye\\n'));
});
`,
      options: [{ requireFinWaitTimeout: true }],
    },
    // requireFinWaitTimeout: end() after the for await loop (the peer has finished).
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  socket.end(\`\${Buffer.concat(chunks).length}\\n\`);
});
`,
      options: [{ requireFinWaitTimeout: true }],
    },
    // requireFinWaitTimeout: destroy() in finally follows the end() on every path.
    {
      code: `
import * as net from 'node:net';
import { once } from 'node:events';
export async function request(port: number, body: string): Promise<Buffer> {
  const client = net.connect({ port, allowHalfOpen: true });
  try {
    client.end(body);
    const [reply] = await once(client, 'data');
    return reply as Buffer;
  } finally {
    client.destroy();
  }
}
`,
      options: [{ requireFinWaitTimeout: true }],
    },
    // requireFinWaitTimeout: an abort signal with a timeout destroys the socket.
    {
      code: `
import * as net from 'node:net';
export function request(port: number, body: string) {
  const client = net.connect({ port, allowHalfOpen: true, signal: AbortSignal.timeout(5_000) });
  client.on('data', (chunk) => console.log(chunk.length));
  client.on('end', () => client.end());
  client.end(body);
}
`,
      options: [{ requireFinWaitTimeout: true }],
    },
    // requireFinWaitTimeout: a timer that destroys the socket.
    {
      code: `
import * as net from 'node:net';
export function request(port: number, body: string) {
  const client = net.connect({ port, allowHalfOpen: true });
  const timer = setTimeout(() => client.destroy(), 5_000);
  client.on('close', () => clearTimeout(timer));
  client.on('data', (chunk) => console.log(chunk.length));
  client.on('end', () => client.end());
  client.end(body);
}
`,
      options: [{ requireFinWaitTimeout: true }],
    },
  ],
  invalid: [
    // The measured leak: a 'data' listener and no answer to 'end' (5 of 5 sockets in CLOSE_WAIT).
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
      errors: [
        unanswered(
          3,
          66,
          serverSocket(3),
          `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('end', () => socket.end());
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
        ),
      ],
    },
    // Every http 'upgrade' socket is half-open (http runs its net server with allowHalfOpen).
    {
      code: `
import * as http from 'node:http';
export const server = http.createServer();
server.on('upgrade', (request, socket) => {
  socket.write('HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: echo\\r\\nConnection: Upgrade\\r\\n\\r\\n');
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
      errors: [
        unanswered(
          4,
          32,
          "The socket `socket` received by the 'upgrade' handler on line 4",
          `
import * as http from 'node:http';
export const server = http.createServer();
server.on('upgrade', (request, socket) => {
  socket.on('end', () => socket.end());
  socket.write('HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: echo\\r\\nConnection: Upgrade\\r\\n\\r\\n');
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
        ),
      ],
    },
    // 'connection' on a server created with allowHalfOpen.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true });
server.on('connection', (socket) => {
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
      errors: [
        unanswered(
          4,
          26,
          "The socket `socket` received by the 'connection' handler on line 4",
          `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true });
server.on('connection', (socket) => {
  socket.on('end', () => socket.end());
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
        ),
      ],
    },
    // tls.createServer with allowHalfOpen next to spread options.
    {
      code: `
import * as tls from 'node:tls';
export function serve(options: tls.TlsOptions) {
  return tls.createServer({ ...options, allowHalfOpen: true }, (socket) => {
    socket.on('data', (chunk) => console.log(chunk.length));
  });
}
`,
      errors: [
        unanswered(
          4,
          65,
          'The socket `socket` received by the tls.createServer handler on line 4',
          `
import * as tls from 'node:tls';
export function serve(options: tls.TlsOptions) {
  return tls.createServer({ ...options, allowHalfOpen: true }, (socket) => {
    socket.on('end', () => socket.end());
    socket.on('data', (chunk) => console.log(chunk.length));
  });
}
`,
        ),
      ],
    },
    // The options object is a const declared elsewhere in the file.
    {
      code: `
import * as net from 'node:net';
const serverOptions = { allowHalfOpen: true, pauseOnConnect: false };
export const server = net.createServer(serverOptions, (socket) => {
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
      errors: [
        unanswered(
          4,
          56,
          serverSocket(4),
          `
import * as net from 'node:net';
const serverOptions = { allowHalfOpen: true, pauseOnConnect: false };
export const server = net.createServer(serverOptions, (socket) => {
  socket.on('end', () => socket.end());
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
        ),
      ],
    },
    // A created client: its 'error' listener satisfies no-leaked-socket, nothing answers the end.
    {
      code: `
import * as net from 'node:net';
export function subscribe(port: number) {
  const client = net.connect({ port, allowHalfOpen: true });
  client.on('error', () => client.destroy());
  client.on('data', (chunk) => console.log(chunk.length));
}
`,
      errors: [
        unanswered(
          4,
          18,
          'The net.Socket `client` created on line 4',
          `
import * as net from 'node:net';
export function subscribe(port: number) {
  const client = net.connect({ port, allowHalfOpen: true });
  client.on('end', () => client.end());
  client.on('error', () => client.destroy());
  client.on('data', (chunk) => console.log(chunk.length));
}
`,
        ),
      ],
    },
    // new net.Socket({ allowHalfOpen: true }); a 'close' listener does not answer the end.
    {
      code: `
import * as net from 'node:net';
export function subscribe(port: number) {
  const socket = new net.Socket({ allowHalfOpen: true });
  socket.connect(port);
  socket.once('close', () => socket.destroy());
  socket.on('data', (chunk) => console.log(chunk.length));
}
`,
      errors: [
        unanswered(
          4,
          18,
          'The net.Socket `socket` created on line 4',
          `
import * as net from 'node:net';
export function subscribe(port: number) {
  const socket = new net.Socket({ allowHalfOpen: true });
  socket.on('end', () => socket.end());
  socket.connect(port);
  socket.once('close', () => socket.destroy());
  socket.on('data', (chunk) => console.log(chunk.length));
}
`,
        ),
      ],
    },
    // The flag is the literal type true, seen through the checker.
    {
      code: `
import * as net from 'node:net';
export function subscribe(options: net.TcpNetConnectOpts & { allowHalfOpen: true }) {
  const client = net.createConnection(options);
  client.on('error', () => client.destroy());
  client.on('data', (chunk) => console.log(chunk.length));
}
`,
      errors: [
        unanswered(
          4,
          18,
          'The net.Socket `client` created on line 4',
          `
import * as net from 'node:net';
export function subscribe(options: net.TcpNetConnectOpts & { allowHalfOpen: true }) {
  const client = net.createConnection(options);
  client.on('end', () => client.end());
  client.on('error', () => client.destroy());
  client.on('data', (chunk) => console.log(chunk.length));
}
`,
        ),
      ],
    },
    // The 'end' listener returns early on one path.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  let pending = 0;
  socket.on('data', () => {
    pending += 1;
  });
  socket.on('end', () => {
    if (pending > 0) {
      return;
    }
    socket.end();
  });
});
`,
      errors: [
        {
          messageId: 'endListenerExit',
          line: 10,
          column: 7,
          data: { resource: serverSocket(3), exit: 'return' },
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.end()', exit: 'return' },
              output: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  let pending = 0;
  socket.on('data', () => {
    pending += 1;
  });
  socket.on('end', () => {
    if (pending > 0) {
      socket.end();
      return;
    }
    socket.end();
  });
});
`,
            },
          ],
        },
      ],
    },
    // The 'end' listener never answers.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk) => console.log(chunk.length));
  socket.on('end', () => console.log('peer finished'));
});
`,
      errors: [
        {
          messageId: 'endListenerEnd',
          line: 5,
          column: 20,
          data: { resource: serverSocket(3) },
          suggestions: [
            {
              messageId: 'appendEnd',
              data: { code: 'socket.end()' },
              output: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk) => console.log(chunk.length));
  socket.on('end', () => { console.log('peer finished'); socket.end(); });
});
`,
            },
          ],
        },
      ],
    },
    // A catch that returns from the 'end' listener (JSON.parse throws on a bad request).
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('end', () => {
    let reply: string;
    try {
      reply = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString()));
    } catch {
      return;
    }
    socket.end(reply);
  });
});
`,
      errors: [
        {
          messageId: 'endListenerExit',
          line: 11,
          column: 7,
          data: { resource: serverSocket(3), exit: 'return' },
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.end()', exit: 'return' },
              output: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('end', () => {
    let reply: string;
    try {
      reply = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString()));
    } catch {
      socket.end();
      return;
    }
    socket.end(reply);
  });
});
`,
            },
          ],
        },
      ],
    },
    // The handler returns after consuming the socket and before registering the answer.
    {
      code: `
import * as net from 'node:net';
export function createServer(allowed: Set<string>) {
  return net.createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('data', (chunk) => console.log(chunk.length));
    if (!allowed.has(socket.remoteAddress ?? '')) {
      return;
    }
    socket.on('end', () => socket.end());
  });
}
`,
      errors: [
        {
          messageId: 'unansweredAtExit',
          line: 7,
          column: 7,
          data: { resource: serverSocket(4), exit: 'return' },
          suggestions: [
            {
              messageId: 'insertRelease',
              data: { call: 'socket.destroy()', exit: 'return' },
              output: `
import * as net from 'node:net';
export function createServer(allowed: Set<string>) {
  return net.createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('data', (chunk) => console.log(chunk.length));
    if (!allowed.has(socket.remoteAddress ?? '')) {
      socket.destroy();
      return;
    }
    socket.on('end', () => socket.end());
  });
}
`,
            },
          ],
        },
      ],
    },
    // pipe() ends the destination when the socket ends, never the socket itself.
    {
      code: `
import * as net from 'node:net';
import { createWriteStream } from 'node:fs';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.pipe(createWriteStream('/tmp/upload.bin'));
});
`,
      errors: [
        unanswered(
          4,
          66,
          serverSocket(4),
          `
import * as net from 'node:net';
import { createWriteStream } from 'node:fs';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('end', () => socket.end());
  socket.pipe(createWriteStream('/tmp/upload.bin'));
});
`,
        ),
      ],
    },
    // Neither does pipeline() with the socket as its source only (measured: 5 of 5 in CLOSE_WAIT).
    {
      code: `
import * as net from 'node:net';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  pipeline(socket, createWriteStream('/tmp/upload.bin'), (error) => {
    if (error) console.error(error);
  });
});
`,
      errors: [
        unanswered(
          5,
          66,
          serverSocket(5),
          `
import * as net from 'node:net';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('end', () => socket.end());
  pipeline(socket, createWriteStream('/tmp/upload.bin'), (error) => {
    if (error) console.error(error);
  });
});
`,
        ),
      ],
    },
    // Piping into the socket with { end: false } leaves it open when the source ends.
    {
      code: `
import * as net from 'node:net';
import { createReadStream } from 'node:fs';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.resume();
  createReadStream('/etc/motd').pipe(socket, { end: false });
});
`,
      errors: [
        unanswered(
          4,
          66,
          serverSocket(4),
          `
import * as net from 'node:net';
import { createReadStream } from 'node:fs';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('end', () => socket.end());
  socket.resume();
  createReadStream('/etc/motd').pipe(socket, { end: false });
});
`,
        ),
      ],
    },
    // An 'end' listener on a socket nothing reads: 'end' never fires once the peer sent data.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.write('hello\\n');
  socket.on('end', () => socket.end());
});
`,
      errors: [{ messageId: 'endNeverEmitted', line: 5, column: 13, data: { resource: serverSocket(3) }, suggestions: [] }],
    },
    // An end() inside the 'data' listener answers a message, not the FIN.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk) => {
    if (chunk.includes(10)) socket.end('bye\\n');
  });
});
`,
      errors: [
        unanswered(
          3,
          66,
          serverSocket(3),
          `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('end', () => socket.end());
  socket.on('data', (chunk) => {
    if (chunk.includes(10)) socket.end('bye\\n');
  });
});
`,
        ),
      ],
    },
    // 'error' and 'close' listeners run too late to answer the end.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('error', () => socket.destroy());
  socket.on('close', () => console.log('closed'));
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
      errors: [
        unanswered(
          3,
          66,
          serverSocket(3),
          `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('end', () => socket.end());
  socket.on('error', () => socket.destroy());
  socket.on('close', () => console.log('closed'));
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
        ),
      ],
    },
    // A 'timeout' listener never runs without setTimeout(ms).
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('timeout', () => socket.destroy());
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
      errors: [
        unanswered(
          3,
          66,
          serverSocket(3),
          `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('end', () => socket.end());
  socket.on('timeout', () => socket.destroy());
  socket.on('data', (chunk) => console.log(chunk.length));
});
`,
        ),
      ],
    },
    // Waiting for 'end' through a promise, then not answering it.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, async (socket) => {
  socket.resume();
  await new Promise((resolve) => socket.once('end', resolve));
  console.log('peer finished');
});
`,
      errors: [unanswered(3, 72, serverSocket(3), undefined)],
    },
    // A helper of the program that only looks at the socket does not take it over.
    {
      code: `
import * as net from 'node:net';
function describe(socket: net.Socket): string {
  return \`\${socket.remoteAddress}:\${socket.remotePort}\`;
}
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk) => console.log(describe(socket), chunk.length));
  console.log(describe(socket));
});
`,
      errors: [
        unanswered(
          6,
          66,
          serverSocket(6),
          `
import * as net from 'node:net';
function describe(socket: net.Socket): string {
  return \`\${socket.remoteAddress}:\${socket.remotePort}\`;
}
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('end', () => socket.end());
  socket.on('data', (chunk) => console.log(describe(socket), chunk.length));
  console.log(describe(socket));
});
`,
        ),
      ],
    },
    // requireFinWaitTimeout: a client that half-closes with nothing to destroy it.
    {
      code: `
import * as net from 'node:net';
export function request(port: number, body: string) {
  const client = net.connect({ port, allowHalfOpen: true });
  client.on('data', (chunk) => console.log(chunk.length));
  client.on('end', () => client.destroy());
  client.end(body);
}
`,
      options: [{ requireFinWaitTimeout: true }],
      errors: [
        finWait(
          7,
          3,
          'The net.Socket `client` created on line 4',
          'client.setTimeout(30_000, () => client.destroy())',
          `
import * as net from 'node:net';
export function request(port: number, body: string) {
  const client = net.connect({ port, allowHalfOpen: true });
  client.on('data', (chunk) => console.log(chunk.length));
  client.on('end', () => client.destroy());
  client.setTimeout(30_000, () => client.destroy());
  client.end(body);
}
`,
        ),
      ],
    },
    // requireFinWaitTimeout: a greeting server that half-closes first.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.resume();
  socket.on('end', () => socket.destroy());
  socket.end('220 ready\\r\\n');
});
`,
      options: [{ requireFinWaitTimeout: true }],
      errors: [
        finWait(
          6,
          3,
          serverSocket(3),
          'socket.setTimeout(30_000, () => socket.destroy())',
          `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.resume();
  socket.on('end', () => socket.destroy());
  socket.setTimeout(30_000, () => socket.destroy());
  socket.end('220 ready\\r\\n');
});
`,
        ),
      ],
    },
    // requireFinWaitTimeout: an end() in the 'data' listener is both no answer and a FIN_WAIT_2 risk.
    {
      code: `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk) => {
    if (chunk.includes(10)) {
      socket.end('bye\\n');
    }
  });
});
`,
      options: [{ requireFinWaitTimeout: true }],
      errors: [
        unanswered(
          3,
          66,
          serverSocket(3),
          `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('end', () => socket.end());
  socket.on('data', (chunk) => {
    if (chunk.includes(10)) {
      socket.end('bye\\n');
    }
  });
});
`,
        ),
        finWait(
          6,
          7,
          serverSocket(3),
          'socket.setTimeout(30_000, () => socket.destroy())',
          `
import * as net from 'node:net';
export const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk) => {
    if (chunk.includes(10)) {
      socket.setTimeout(30_000, () => socket.destroy());
      socket.end('bye\\n');
    }
  });
});
`,
        ),
      ],
    },
    // Identity, not spelling: an allowHalfOpen server made through a variable holding net.createServer.
    {
      code: `
import * as net from 'node:net';
const create = net.createServer;
export const server = create({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk) => socket.write(chunk));
});
`,
      errors: [unanswered(4, 56, 'The socket `socket` received by the net.createServer handler on line 4', `
import * as net from 'node:net';
const create = net.createServer;
export const server = create({ allowHalfOpen: true }, (socket) => {
  socket.on('end', () => socket.end());
  socket.on('data', (chunk) => socket.write(chunk));
});
`)],
    },
    // An allowHalfOpen socket created through a variable holding net.connect.
    {
      code: `
import * as net from 'node:net';
export function subscribe(port: number) {
  const open = net.connect;
  const client = open({ port, allowHalfOpen: true });
  client.on('error', () => client.destroy());
  client.on('data', (chunk) => console.log(chunk.length));
}
`,
      errors: [unanswered(5, 18, 'The net.Socket `client` created on line 5', `
import * as net from 'node:net';
export function subscribe(port: number) {
  const open = net.connect;
  const client = open({ port, allowHalfOpen: true });
  client.on('end', () => client.end());
  client.on('error', () => client.destroy());
  client.on('data', (chunk) => console.log(chunk.length));
}
`)],
    },
  ],
});
