/**
 * Live reproduction, closewait/no-leaked-socket, bad: a connection handler that turns away clients
 * outside its allowlist by returning, without closing their socket. Each rejected client that sent
 * something and hung up leaves a socket in CLOSE_WAIT. Prints `listening <port>`.
 */
import net from 'node:net';

const allowedClients = new Set(['10.0.0.1']);

const server = net.createServer((socket) => {
  if (!allowedClients.has(socket.remoteAddress ?? '')) {
    console.log(`turned away ${socket.remoteAddress ?? 'unknown'}`);
    return; // the socket is never closed
  }
  socket.pipe(socket);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') console.log(`listening ${address.port}`);
});
