import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, withOrg } from '@fleetward/platform';
import type { Config } from '../config.js';
import { ChannelRepository } from '../channels/channel.repository.js';
import { ChannelSender } from '../channels/channel-sender.js';
import { DeliveryRepository, type AttemptRecord, type SendContext } from './delivery.repository.js';
import { GroupBatcher } from './group-batcher.js';
import type { JobData } from './notifier-jobs.js';
import { deliveryMetrics } from './delivery-metrics.js';

export type DeliverResult = 'done' | 'retry';

/**
 * One attempt of one delivery. The network call happens outside any transaction; its outcome and the attempt are
 * recorded after. `retry` asks BullMQ for another attempt (exponential backoff with jitter); the last failed attempt
 * makes the delivery a dead letter; a 410 disables the channel. Concurrent attempts of one organisation share their
 * reads and their records (group commit): a job still finishes only after its own record committed.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  /**
   * Group commit: the reads for new attempts share transactions, and so do the records of finished ones, one
   * transaction of each kind at a time per organisation. Reads and records run side by side on two connections: in
   * one shared transaction (as before) every attempt waited for two writing transactions. What caps one
   * organisation's rate now is the records' serial transaction: ~14 ms for ~40 attempts in the bench (Postgres
   * planning, the attempt rows, the deliveries' non-HOT updates), so ~3k attempts/s; two record transactions at a time
   * measured no better on two cores.
   */
  private readonly loads = new GroupBatcher<string, SendContext | null>(
    (orgId, ids) => withOrg(this.ds, orgId, (m) => this.deliveries.loadForSend(m, orgId, ids)),
    500,
    1,
  );
  private readonly records = new GroupBatcher<AttemptRecord, void>(
    (orgId, records) =>
      withOrg(this.ds, orgId, async (m) => {
        await this.deliveries.record(m, orgId, records);
        return records.map(() => undefined);
      }),
    500,
    1,
  );

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly deliveries: DeliveryRepository,
    private readonly channels: ChannelRepository,
    private readonly sender: ChannelSender,
  ) {}

  async deliver({ orgId, deliveryId }: JobData<'deliver'>, attemptNo: number): Promise<DeliverResult> {
    const ctx = await this.loads.submit(orgId, deliveryId);
    if (!ctx || ctx.d.status !== 'pending') return 'done';
    if (!ctx.channel?.enabled) {
      const reason = ctx.channel ? `channel disabled: ${ctx.channel.disabled_reason ?? 'by an admin'}` : 'channel deleted';
      const failed = { outcome: 'permanent', status: null, error: reason, latencyMs: 0 } as const;
      await this.records.submit(orgId, { deliveryId, attemptNo, ...failed, newStatus: 'failed' });
      return 'done';
    }
    const channel = ctx.channel;
    const res = await this.sender.send(channel, ctx.d.payload, ctx.hosts);
    deliveryMetrics.attempts().inc({ channel: channel.type, outcome: res.outcome === 'delivered' ? 'delivered' : 'failed' });
    deliveryMetrics.latency().observe({ channel: channel.type }, res.latencyMs / 1000);
    const exhausted = attemptNo >= this.config.DELIVERY_ATTEMPTS;
    const status = res.outcome === 'delivered' ? 'sent' : res.outcome === 'permanent' || exhausted ? 'dead' : 'pending';
    const attempt: AttemptRecord = { deliveryId, attemptNo, outcome: res.outcome, status: res.status, error: res.error, latencyMs: res.latencyMs, newStatus: status };
    if (res.gone) {
      // Rare: the attempt and the disabling commit together, outside the batches.
      await withOrg(this.ds, orgId, async (m) => {
        await this.deliveries.record(m, orgId, [attempt]);
        await this.channels.disable(m, orgId, channel.id, 'the endpoint answered 410 Gone');
      });
    } else {
      await this.records.submit(orgId, attempt);
    }
    if (status === 'dead') this.logger.warn(`delivery ${deliveryId} to ${channel.name} is a dead letter: ${res.error}`);
    return status === 'pending' ? 'retry' : 'done';
  }
}
