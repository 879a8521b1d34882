import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { sharedMetric } from '@fleetward/platform';
import { JobScheduler } from './job-scheduler.js';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;
/** A scrape must not hang on an unreachable Redis: the gauge then keeps no series (and readiness says why). */
const COUNT_TIMEOUT_MS = 1000;
const watched = new Set<Queue>();

async function countsOf(queue: Queue): Promise<Record<string, number> | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), COUNT_TIMEOUT_MS)));
  try {
    return await Promise.race([queue.getJobCounts(...STATES), timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** `fleetward_queue_jobs{queue, state}`: BullMQ jobs per state, read from Redis when Prometheus scrapes. */
export const queueJobs = () =>
  sharedMetric(
    'fleetward_queue_jobs',
    () =>
      new Gauge({
        name: 'fleetward_queue_jobs',
        help: 'BullMQ jobs by queue and state (waiting, active, delayed, failed = attempts exhausted, prioritized)',
        labelNames: ['queue', 'state'],
        async collect() {
          this.reset();
          for (const queue of watched) {
            const counts = await countsOf(queue);
            for (const state of STATES) if (counts) this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }
        },
      }),
  );

/** Adds a queue to the gauge until the returned function is called. */
export function watchQueue(queue: Queue): () => void {
  queueJobs();
  watched.add(queue);
  return () => watched.delete(queue);
}

/** Exports the notifier queue's depth and failures (the FleetwardNotifierQueueBacklog and ...JobsFailing alerts). */
@Injectable()
export class QueueMetrics implements OnModuleInit, OnApplicationShutdown {
  private unwatch?: () => void;

  constructor(private readonly scheduler: JobScheduler) {}

  onModuleInit(): void {
    this.unwatch = watchQueue(this.scheduler.queue);
  }

  onApplicationShutdown(): void {
    this.unwatch?.();
  }
}
