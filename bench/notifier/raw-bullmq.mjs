import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';

/** BullMQ's own ceiling on this Redis: addBulk n no-op jobs, a worker with the notifier's concurrency; jobs/s. */
export async function rawBullmq({ connection, prefix, n, concurrency }) {
  const queue = new Queue('raw-noop', { connection, prefix });
  let done = 0;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const worker = new Worker('raw-noop', async () => undefined, { connection, prefix, concurrency, autorun: false });
  worker.on('completed', () => {
    if (++done === n) finish();
  });
  await worker.waitUntilReady();
  const started = performance.now();
  const jobs = Array.from({ length: n }, (_, i) => ({
    name: 'noop',
    data: { i },
    opts: { jobId: `noop.${i}`, attempts: 8, removeOnComplete: { age: 3600, count: 10_000 } },
  }));
  for (let i = 0; i < n; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
  void worker.run();
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return n / seconds;
}
