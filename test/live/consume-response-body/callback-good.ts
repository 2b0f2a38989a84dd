/**
 * Live reproduction, closewait/consume-response-body on a response callback, good: the same three
 * pings, each callback taking the response and discarding its body with `resume()`, so the socket
 * goes back to the pool and every ping completes; the agent is then destroyed. Usage:
 * `node callback-good.js <port>`.
 */
import http from 'node:http';

const port = Number(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

let pending = 3;
for (let id = 1; id <= 3; id += 1) {
  http.get({ host: '127.0.0.1', port, path: `/ping?id=${id}`, agent }, (res) => {
    res.resume();
    console.log(`response ${id}`);
    res.on('end', () => {
      pending -= 1;
      if (pending === 0) agent.destroy();
    });
  });
}
