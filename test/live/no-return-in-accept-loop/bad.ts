/**
 * Live reproduction, closewait/no-return-in-accept-loop, bad: an accept loop over
 * `events.on(server, 'connection')` that serves one client at a time and `return`s when a second
 * one arrives. The loop is gone but the listener stays open: libuv keeps accepting, nobody serves
 * the connections, and each client that sent something and hung up leaves a socket in CLOSE_WAIT.
 * Prints `listening <port>`.
 */
import { on } from 'node:events';
import net from 'node:net';

const maxClients = 1;

async function acceptLoop(server: net.Server): Promise<void> {
  let clients = 0;
  for await (const [socket] of on(server, 'connection') as AsyncIterable<[net.Socket]>) {
    if (clients >= maxClients) {
      console.log('turned away a client over the limit');
      socket.destroy();
      return; // stops accepting while the listener stays open
    }
    clients += 1;
    socket.on('close', () => {
      clients -= 1;
    });
    socket.pipe(socket);
  }
}

const server = net.createServer();
acceptLoop(server).catch((error: unknown) => console.error(error));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') console.log(`listening ${address.port}`);
});
