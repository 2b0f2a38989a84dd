/**
 * Live reproduction, closewait/consume-response-body on a promise chain, bad: three health checks
 * in a row through an undici Agent with one connection. Each check reads only the status in a
 * `.then` callback and never the body, so the connection never goes back to the pool: the first
 * check completes, the second waits for a connection for ever. Usage: `node chain-bad.js <port>`;
 * prints `response <id> <healthy>` per completed check.
 */
import { Agent, fetch } from 'undici';

const url = `http://127.0.0.1:${process.argv[2]}/health`;
const agent = new Agent({ connections: 1 });
// A service stays up (a stalled request alone does not keep Node's event loop alive).
const alive = setInterval(() => undefined, 1000);

for (let id = 1; id <= 3; id += 1) {
  const healthy = await fetch(url, { dispatcher: agent }).then((res) => res.status < 500); // the body is never read
  console.log(`response ${id} ${healthy}`);
}
await agent.close();
clearInterval(alive);
