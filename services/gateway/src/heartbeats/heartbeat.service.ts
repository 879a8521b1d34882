import { Injectable } from '@nestjs/common';
import { heartbeatBatchSchema, type Caller } from '@fleetward/contracts';
import type { z } from 'zod';
import { GatewayError, notFound } from '../http/gateway-error.js';
import { zodIssues } from '../http/zod-validation.pipe.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import type { heartbeatBatchBodySchema } from './heartbeat-body.schema.js';
import { DeviceTokenResolver } from './device-token.resolver.js';
import { HeartbeatPublisher } from './heartbeat.publisher.js';

@Injectable()
export class HeartbeatService {
  constructor(
    private readonly publisher: HeartbeatPublisher,
    private readonly tokens: DeviceTokenResolver,
    private readonly rateLimiter: RateLimiter,
  ) {}

  acceptBatch(caller: Caller, body: z.output<typeof heartbeatBatchBodySchema>): { accepted: number } {
    const batch = heartbeatBatchSchema.safeParse({ ...body, orgId: caller.orgId });
    if (!batch.success) {
      throw new GatewayError(400, 'VALIDATION_FAILED', 'The heartbeat batch is invalid', {
        errors: zodIssues(batch.error),
      });
    }
    this.publisher.publish(batch.data);
    return { accepted: batch.data.samples.length };
  }

  async acceptDeviceToken(token: string): Promise<{ accepted: number }> {
    if (!/^[A-Za-z0-9_-]{10,200}$/.test(token)) throw notFound();
    const device = await this.tokens.resolve(token);
    await this.rateLimiter.take(`device:${device.orgId}:${device.deviceId}`);
    if (!device.siteId) {
      throw new GatewayError(
        409,
        'DEVICE_WITHOUT_SITE',
        'This device is not placed at a site, so its heartbeat has nowhere to go',
      );
    }
    const now = new Date().toISOString();
    this.publisher.publish({
      orgId: device.orgId,
      siteId: device.siteId,
      sentAt: now,
      samples: [{ deviceId: device.deviceId, ts: now }],
    });
    return { accepted: 1 };
  }
}
