/**
 * Live reproduction, closewait/no-leaked-socket, good: the same server destroys the socket of a
 * client it turns away. Prints `listening <port>`.
 */
import net from 'node:net';

const allowedClients = new Set(['10.0.0.1']);

const server = net.createServer((socket) => {
  if (!allowedClients.has(socket.remoteAddress ?? '')) {
    console.log(`turned away ${socket.remoteAddress ?? 'unknown'}`);
    socket.destroy();
    return;
  }
  socket.pipe(socket);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') console.log(`listening ${address.port}`);
});
