import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { APP_CONFIG, bullmqConnection, withCorrelation } from '@fleetward/platform';
import type { Config } from '../config.js';
import { queuePrefix } from '../names.js';
import { DeliveryService } from './delivery.service.js';
import { DispatchService } from './dispatch.service.js';
import { JobScheduler } from './job-scheduler.js';
import {
  deliveryBackoff,
  jobSchemas,
  NOTIFIER_QUEUE,
  type JobData,
  type JobName,
  type PlannedJob,
} from './notifier-jobs.js';

/** Thrown to make BullMQ retry a delivery later; not an error worth a stack trace. */
class RetryLater extends Error {}

/** A payload that fails its schema can never succeed: fail the job at once instead of retrying. */
function payload<N extends JobName>(name: N, job: Job): JobData<N> {
  const parsed = jobSchemas[name].safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid ${name} job payload: ${parsed.error.message}`);
  return parsed.data as JobData<N>;
}

/**
 * The notifier's one BullMQ worker. Exactly one handler per job name (checked at boot); payloads are validated
 * before a handler runs; an invalid payload fails the job without retry.
 */
@Injectable()
export class NotifierWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotifierWorker.name);
  private worker?: Worker;
  private readonly handlers: { [N in JobName]: (job: Job) => Promise<PlannedJob[]> };

  constructor(
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly dispatch: DispatchService,
    private readonly delivery: DeliveryService,
    private readonly scheduler: JobScheduler,
  ) {
    this.handlers = {
      flush: (job) => this.dispatch.flush(payload('flush', job)),
      escalate: (job) => this.dispatch.escalate(payload('escalate', job)),
      digest: (job) => this.dispatch.digest(payload('digest', job)),
      deliver: async (job) => {
        const result = await this.delivery.deliver(payload('deliver', job), job.attemptsMade + 1);
        if (result === 'retry') throw new RetryLater(`delivery ${job.data.deliveryId}: will retry`);
        return [];
      },
    };
    const missing = Object.keys(jobSchemas).filter((n) => !(n in this.handlers));
    if (missing.length) throw new Error(`notifier jobs without a handler: ${missing.join(', ')}`);
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker(
      NOTIFIER_QUEUE,
      (job) =>
        withCorrelation(job.id, async () => {
          const handler = this.handlers[job.name as JobName];
          if (!handler) throw new Error(`no handler for job ${job.name}`);
          await this.scheduler.enqueue(await handler(job));
        }),
      {
        connection: bullmqConnection(this.config),
        prefix: queuePrefix(this.config),
        concurrency: this.config.DELIVERY_CONCURRENCY,
        settings: {
          backoffStrategy: (attemptsMade: number) => deliveryBackoff(attemptsMade, this.config.DELIVERY_BACKOFF_MS),
        },
      },
    );
    this.worker.on('failed', (job, err) => {
      if (!(err instanceof RetryLater)) this.logger.error(`job ${job?.name} ${job?.id} failed: ${err.message}`);
    });
  }

  /**
   * Stops taking jobs and waits for the ones running (a webhook takes up to WEBHOOK_TIMEOUT_MS) while Postgres, NATS
   * and Redis are still open: they close after every onModuleDestroy. SHUTDOWN_TIMEOUT_MS is checked to cover it.
   */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }
}
