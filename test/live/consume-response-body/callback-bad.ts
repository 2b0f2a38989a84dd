/**
 * Live reproduction, closewait/consume-response-body on a response callback with no parameter,
 * bad: three pings through a keep-alive agent with one socket. The callback does not take the
 * response, yet registering it makes Node keep the response for it: nobody reads it, its socket
 * stays checked out, and the other two pings wait for ever. Usage: `node callback-bad.js <port>`;
 * prints `response <id>` per callback.
 */
import http from 'node:http';

const port = Number(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

for (let id = 1; id <= 3; id += 1) {
  http.get({ host: '127.0.0.1', port, path: `/ping?id=${id}`, agent }, () => console.log(`response ${id}`));
}
