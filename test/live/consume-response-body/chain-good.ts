/**
 * Live reproduction, closewait/consume-response-body on a promise chain, good: the same three
 * health checks, each cancelling the body it does not need in its `.then` callback, so the
 * connection goes back to the pool and every check completes. Usage: `node chain-good.js <port>`.
 */
import { Agent, fetch } from 'undici';

const url = `http://127.0.0.1:${process.argv[2]}/health`;
const agent = new Agent({ connections: 1 });
// A service stays up (a stalled request alone does not keep Node's event loop alive).
const alive = setInterval(() => undefined, 1000);

for (let id = 1; id <= 3; id += 1) {
  const healthy = await fetch(url, { dispatcher: agent }).then(async (res) => {
    await res.body?.cancel();
    return res.status < 500;
  });
  console.log(`response ${id} ${healthy}`);
}
await agent.close();
clearInterval(alive);
