/**
 * Live reproduction, closewait/close-in-parent-after-fork, bad: a dispatcher that hands every
 * connection to a worker process with `keepOpen: true` and never releases its own copy. The worker
 * reads the connection and destroys its copy on `'end'`, but the kernel closes the connection only
 * with its last descriptor: each one is left in CLOSE_WAIT in the dispatcher. Prints `listening <port>`.
 */
import { fork } from 'node:child_process';
import net from 'node:net';

const worker = fork(new URL('./worker.js', import.meta.url));

const server = net.createServer({ pauseOnConnect: true }, (socket) => {
  worker.send('conn', socket, { keepOpen: true }); // the dispatcher's copy stays open
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') console.log(`listening ${address.port}`);
});
