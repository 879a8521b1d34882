import { Buffer } from 'node:buffer';
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers';
import { fileURLToPath } from 'node:url';

/**
 * The local webhook endpoint the notifier delivers to, in its own process (as a real receiver is: its CPU is not
 * the notifier's). `failEvery` > 0 answers 503 to the first attempt of every n-th message id (so retries really
 * happen); every accepted message is reported once to `onMessage(body, at)`, `at` on this process's
 * `performance.now()` clock. Bodies cross to this process only while `reportBodies(true)`.
 */
export async function startReceiver({ failEvery = 0, onMessage }) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', String(failEvery)], { stdio: 'inherit' });
  let refused = 0;
  const port = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
    child.once('message', (m) => resolve(m.port));
  });
  child.on('message', (m) => {
    refused = m.refused;
    // The child's clock is epoch-based (performance.timeOrigin differs between processes).
    for (const [epochMs, body] of m.accepted) onMessage(body, epochMs - performance.timeOrigin);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    refusedCount: () => refused,
    reportBodies: (on) => child.send({ bodies: on }),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill();
      }),
  };
}

/** The receiver process: reports what it accepted once per event-loop turn, not once per message. */
async function serve(failEvery) {
  const refused = new Set();
  const accepted = new Set();
  let seen = 0;
  let bodies = false;
  let batch = [];
  const report = () => {
    process.send({ refused: refused.size, accepted: batch });
    batch = [];
  };
  process.on('message', (m) => (bodies = m.bodies));
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
      if (batch.length === 0) setImmediate(report);
      batch.push([performance.timeOrigin + performance.now(), bodies ? Buffer.concat(chunks).toString('utf8') : null]);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send({ port: server.address().port });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv[2] === '--serve') await serve(Number(process.argv[3]));
