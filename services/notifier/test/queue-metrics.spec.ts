import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { register } from 'prom-client';
import { uniqueId } from '@fleetward/platform/testing';
import { watchQueue } from '../src/delivery/queue-metrics.js';

const series = async (queue: string, state: string) => {
  const text = await register.getSingleMetricAsString('fleetward_queue_jobs');
  const line = text
    .split('\n')
    .find(
      (l) => l.startsWith('fleetward_queue_jobs{') && l.includes(`queue="${queue}"`) && l.includes(`state="${state}"`),
    );
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

describe('fleetward_queue_jobs', () => {
  const name = uniqueId('q').replace(/[^A-Za-z0-9_-]/g, '_');
  const prefix = uniqueId('bullmq-metrics');
  let queue: Queue;
  let unwatch: () => void;

  beforeAll(async () => {
    queue = new Queue(name, { connection: { host: '127.0.0.1', port: 6379 }, prefix });
    unwatch = watchQueue(queue);
  });
  afterAll(async () => {
    unwatch();
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('reports the jobs of a watched queue per state at scrape time', async () => {
    await queue.addBulk(
      ['a', 'b', 'c'].map((id) => ({ name: 'deliver', data: {}, opts: { jobId: id, delay: 60_000 } })),
    );
    await queue.add('deliver', {}, { jobId: 'd' });
    expect(await series(name, 'delayed')).toBe(3);
    expect(await series(name, 'waiting')).toBe(1);
    expect(await series(name, 'failed')).toBe(0);
  });

  it('drops the queue from the gauge once unwatched', async () => {
    const again = watchQueue(queue);
    again();
    unwatch();
    expect(await series(name, 'delayed')).toBeUndefined();
    unwatch = watchQueue(queue);
  });
});
