/**
 * Live reproduction, closewait/close-in-parent-after-fork, good: the same dispatcher destroys its
 * copy of each connection once the worker has its own (the `send` callback). Prints `listening <port>`.
 */
import { fork } from 'node:child_process';
import net from 'node:net';

const worker = fork(new URL('./worker.js', import.meta.url));

const server = net.createServer({ pauseOnConnect: true }, (socket) => {
  worker.send('conn', socket, { keepOpen: true }, () => socket.destroy());
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') console.log(`listening ${address.port}`);
});
