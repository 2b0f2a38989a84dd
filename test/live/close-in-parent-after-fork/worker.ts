/**
 * The worker of the close-in-parent-after-fork reproduction (forked by bad.ts and good.ts): it reads
 * each connection it is handed and destroys its copy once the client has finished. A `destroy()`
 * (close) rather than an `end()` (shutdown): a shutdown would send the FIN whatever the parent holds.
 * Prints `worker read <n> bytes` per connection.
 */
import net from 'node:net';

process.on('message', (message, handle) => {
  if (message !== 'conn' || !(handle instanceof net.Socket)) return;
  let received = 0;
  handle.on('data', (chunk: Buffer) => {
    received += chunk.length;
  });
  handle.on('error', () => handle.destroy());
  handle.on('end', () => {
    console.log(`worker read ${received} bytes`);
    handle.destroy();
  });
});
