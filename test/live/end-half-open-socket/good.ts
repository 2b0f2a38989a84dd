/**
 * Live reproduction, closewait/end-half-open-socket, good: the same half-open server ends the socket
 * with its answer once the client has finished. Prints `listening <port>`.
 */
import net from 'node:net';

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  let received = 0;
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
  });
  socket.on('end', () => {
    socket.end(`received ${received} bytes\n`);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') console.log(`listening ${address.port}`);
});
