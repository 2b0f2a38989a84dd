/**
 * Live reproduction, closewait/end-half-open-socket with `requireFinWaitTimeout`, good: the same
 * client destroys a socket that has been idle for 300 ms, so a collector that never closes cannot
 * hold it in FIN_WAIT_2. Usage: `node fin-wait-good.js <port>`; prints `report <id>: <reply>` per reply.
 */
import net from 'node:net';

const port = Number(process.argv[2]);

function sendReport(id: number): void {
  const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
  socket.setTimeout(300, () => socket.destroy());
  socket.setEncoding('utf8');
  socket.on('data', (reply: string) => console.log(`report ${id}: ${reply.trim()}`));
  socket.on('error', (error) => console.error(`report ${id}: ${error.message}`));
  socket.end(`report ${id}\n`);
}

for (let id = 1; id <= 5; id += 1) sendReport(id);
