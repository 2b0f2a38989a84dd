/**
 * Live reproduction, closewait/no-leaked-socket on a wrapper, good: a front server opens an
 * `UpstreamLink` (a class that owns a socket to the upstream server) per request, and drops it
 * when the request is not one it serves, closing it first. The upstream hangs up; the closed
 * links leave nothing behind. Takes the upstream port as its argument; prints `listening <port>`.
 */
import net from 'node:net';

const upstreamPort = Number(process.argv[2]);

class UpstreamLink {
  private readonly socket: net.Socket;

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
  }

  forward(request: Buffer): void {
    this.socket.write(request);
  }

  close(): void {
    this.socket.destroy();
  }
}

function handle(client: net.Socket, request: Buffer): void {
  const link = new UpstreamLink(upstreamPort);
  if (!request.toString('latin1').startsWith('GET ')) {
    console.log('not served');
    link.close();
    client.destroy();
    return;
  }
  link.forward(request);
  link.close();
  client.end();
}

const server = net.createServer((client) => {
  client.once('data', (request: Buffer) => handle(client, request));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') console.log(`listening ${address.port}`);
});
