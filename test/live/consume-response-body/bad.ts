/**
 * Live reproduction, closewait/consume-response-body, bad: five health checks through a keep-alive
 * agent with two sockets. A check answered with an error status returns without reading the body,
 * so its socket never goes back to the pool: once two error pages are left unread, the remaining
 * requests wait forever. Usage: `node bad.js <port>`; prints `response <id> <status>` per response.
 */
import http from 'node:http';

const port = Number(process.argv[2]);
const checks = 5;
const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });

let pending = checks;
function onCheckDone(): void {
  pending -= 1;
  if (pending === 0) agent.destroy();
}

function checkHealth(id: number): void {
  const request = http.get({ host: '127.0.0.1', port, path: `/health?check=${id}`, agent }, (res) => {
    console.log(`response ${id} ${res.statusCode ?? 0}`);
    res.on('end', onCheckDone);
    if (res.statusCode !== 200) {
      return; // the error page is never read: its socket stays checked out of the pool
    }
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => console.log(`check ${id}: ${chunk.length} characters`));
  });
  request.on('error', (error) => console.error(`check ${id}: ${error.message}`));
}

for (let id = 1; id <= checks; id += 1) checkHealth(id);
