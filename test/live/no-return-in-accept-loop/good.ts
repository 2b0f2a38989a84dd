/**
 * Live reproduction, closewait/no-return-in-accept-loop, good: the same accept loop turns away a
 * client over the limit with `continue`, and goes on accepting. Prints `listening <port>`.
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
      continue;
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
