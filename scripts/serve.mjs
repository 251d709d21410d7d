/**
 * The HTTP server in front of Next.js, started by scripts/run.ts for `npm start` and `npm run dev`.
 *
 * It records the address of the peer that opened each connection in `x-latchkey-peer`, replacing
 * any copy the client sent. Next.js keeps a client-written X-Forwarded-For as it is and the socket
 * address is lost, so without this a client could choose the address that rate limits, sessions
 * and the audit log see (lib/net/client-ip.ts reads the header, with LATCHKEY_TRUSTED_PROXY_HOPS).
 *
 * On SIGTERM/SIGINT it answers /readyz with 503, stops taking connections, finishes the requests in
 * flight, closes idle keep-alive connections and exits 0.
 */
import http from 'node:http';
import next from 'next';

const PEER_HEADER = 'x-latchkey-peer';
process.title = 'latchkey-server';
const DRAIN_TIMEOUT_MS = 10_000;

const dev = process.argv[2] === 'dev';
const port = Number(process.env.PORT ?? 3000);
const app = next({ dev, port, hostname: 'localhost' });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? '';
  handle(req, res);
});
if (dev) server.on('upgrade', app.getUpgradeHandler());
server.listen(port, () => console.log(`Latchkey is listening on port ${port}.`));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Load balancers stop sending new work as soon as the readiness probe says so.
    process.env.LATCHKEY_STOPPING = '1';
    server.close(async () => {
      await app.close().catch(() => {});
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS).unref();
  });
}
