/**
 * Live reproduction, closewait/no-leaked-socket on a wrapper, bad: a front server opens an
 * `UpstreamLink` (a class that owns a socket to the upstream server) per request, and drops it
 * when the request is not one it serves. The upstream hangs up; nobody reads or closes the link's
 * socket, so each dropped link leaves a socket in CLOSE_WAIT. Takes the upstream port as its
 * argument; prints `listening <port>`.
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
    client.destroy();
    return; // the link's socket is never closed
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
