// The demo hub (server/hub/) alone in a process of its own, for the fan-out bench: its RSS is
// then its own. Prints "ready <port>"; ends with its stdin.
import http from 'node:http';
import { createHub } from '../server/hub/index.js';

const hub = createHub();
const server = http.createServer((req, res) =>
  hub.middleware(req, res, () => {
    res.statusCode = 404;
    res.end();
  }),
);
server.on('upgrade', (req, socket, head) => {
  if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
});
server.listen(0, '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  process.stdout.write(`ready ${address.port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
