import { Injectable } from '@nestjs/common';
import { Subjects, type HeartbeatBatch } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';

/** Heartbeats are core NATS (high volume, no persistence): the health service turns them into durable events. */
@Injectable()
export class HeartbeatPublisher {
  private readonly encoder = new TextEncoder();

  constructor(private readonly nats: NatsClient) {}

  publish(batch: HeartbeatBatch): void {
    this.nats.nc.publish(Subjects.heartbeat(batch.orgId, batch.siteId), this.encoder.encode(JSON.stringify(batch)));
  }
}
