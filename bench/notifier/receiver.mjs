import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * The local webhook endpoint the notifier delivers to. `failEvery` > 0 answers 503 to the first attempt of every
 * n-th message id (so retries really happen); every accepted message is reported once to `onMessage(body, at)`.
 */
export async function startReceiver({ failEvery = 0, onMessage }) {
  const refused = new Set();
  let seen = 0;
  const accepted = new Set();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const id = req.headers['webhook-id'];
      if (failEvery > 0 && !refused.has(id) && !accepted.has(id) && ++seen % failEvery === 0) {
        refused.add(id);
        res.writeHead(503).end();
        return;
      }
      res.writeHead(204).end();
      if (accepted.has(id)) return;
      accepted.add(id);
      onMessage(Buffer.concat(chunks).toString('utf8'), performance.now());
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    refusedCount: () => refused.size,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
