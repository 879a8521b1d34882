import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, bullmqConnection } from '@fleetward/platform';
import type { Config } from '../config.js';
import { queuePrefix } from '../names.js';
import { jobId, NOTIFIER_QUEUE, type PlannedJob } from './notifier-jobs.js';

/**
 * Puts planned jobs on the queue after the transaction that planned them committed. Job ids are deterministic, so
 * adding a job twice (a retried event, the sweeper rebuilding from Postgres) is a no-op. Postgres is the truth;
 * the queue only wakes the workers at the right time.
 */
@Injectable()
export class JobScheduler implements OnApplicationShutdown {
  readonly queue: Queue;

  constructor(@Inject(APP_CONFIG) private readonly config: Config) {
    this.queue = new Queue(NOTIFIER_QUEUE, { connection: bullmqConnection(config), prefix: queuePrefix(config) });
  }

  async enqueue(jobs: readonly PlannedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const now = Date.now();
    await this.queue.addBulk(
      jobs.map((j) => ({
        name: j.name,
        data: j.data,
        opts: {
          jobId: jobId(j),
          delay: Math.max(0, j.at.getTime() - now),
          attempts: j.name === 'deliver' ? this.config.DELIVERY_ATTEMPTS : 5,
          backoff: { type: j.name === 'deliver' ? 'delivery' : 'exponential', delay: 1000 },
          removeOnComplete: { age: 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
