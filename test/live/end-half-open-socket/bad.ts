/**
 * Live reproduction, closewait/end-half-open-socket, bad: a half-open server (`allowHalfOpen: true`)
 * that counts what a client sends and writes its answer once the client has finished, but never
 * ends the socket: Node does not end it either, so each connection stays in CLOSE_WAIT.
 * Prints `listening <port>`.
 */
import net from 'node:net';

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  let received = 0;
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
  });
  socket.on('end', () => {
    socket.write(`received ${received} bytes\n`); // answered, never ended
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') console.log(`listening ${address.port}`);
});
