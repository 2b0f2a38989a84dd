/**
 * Live reproduction, closewait/end-half-open-socket with `requireFinWaitTimeout`, bad: a client that
 * sends five reports, half-closing each connection with `end()`. Against a collector that never
 * closes its side, every socket waits in FIN_WAIT_2 for as long as this process lives: the kernel's
 * `tcp_fin_timeout` only bounds sockets the program has closed. Usage: `node fin-wait-bad.js <port>`;
 * prints `report <id>: <reply>` per reply.
 */
import net from 'node:net';

const port = Number(process.argv[2]);

function sendReport(id: number): void {
  const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
  socket.setEncoding('utf8');
  socket.on('data', (reply: string) => console.log(`report ${id}: ${reply.trim()}`));
  socket.on('error', (error) => console.error(`report ${id}: ${error.message}`));
  socket.end(`report ${id}\n`); // nothing destroys the socket if the collector never closes
}

for (let id = 1; id <= 5; id += 1) sendReport(id);
