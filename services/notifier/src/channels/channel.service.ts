import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Caller, channelInputSchema, channelSchema, channelUpdateSchema } from '@fleetward/contracts';
import { DomainError, checkUrlSyntax, decodeCursor, pageFrom, withOrg } from '@fleetward/platform';
import { DeliveryRepository } from '../delivery/delivery.repository.js';
import { ChannelRepository, type ChannelRow } from './channel.repository.js';
import { ChannelSender } from './channel-sender.js';
import { newWebhookSecret } from './webhook-signature.js';
import type { Notification } from './notification.js';

type ChannelView = z.infer<typeof channelSchema>;
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

export function toChannel(c: ChannelRow): ChannelView {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    target: c.target,
    enabled: c.enabled,
    disabledReason: c.disabled_reason,
    secretCount: c.secrets.length,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
  };
}

/** Channels: validated targets (email addresses, safe URLs), webhook secrets and their rotation, test sends. */
@Injectable()
export class ChannelService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly channels: ChannelRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly sender: ChannelSender,
  ) {}

  create(caller: Caller, input: z.output<typeof channelInputSchema>) {
    return withOrg(this.ds, caller.orgId, async (m) => {
      await this.checkTarget(m, caller.orgId, input.type, input.target);
      const secret = input.type === 'webhook' ? newWebhookSecret() : null;
      const row = await this.channels.insert(m, caller.orgId, { ...input, secrets: secret ? [secret] : [] }).catch(conflict);
      return { ...toChannel(row), secret };
    });
  }

  update(caller: Caller, id: string, patch: z.output<typeof channelUpdateSchema>) {
    return withOrg(this.ds, caller.orgId, async (m) => {
      const current = await this.require(m, caller.orgId, id);
      if (patch.target) await this.checkTarget(m, caller.orgId, current.type, patch.target);
      return toChannel((await this.channels.update(m, caller.orgId, id, patch).catch(conflict))!);
    });
  }

  rotateSecret(caller: Caller, id: string, expireOld: boolean) {
    return withOrg(this.ds, caller.orgId, async (m) => {
      const current = await this.require(m, caller.orgId, id);
      if (current.type !== 'webhook') throw new DomainError('INVALID', 'CHANNEL_HAS_NO_SECRET', 'Only webhook channels are signed');
      const secret = newWebhookSecret();
      // New secret first; keep the newest previous one valid so receivers can switch without losing messages.
      const secrets = expireOld ? [secret] : [secret, ...current.secrets.slice(0, 1)];
      return { ...toChannel((await this.channels.setSecrets(m, caller.orgId, id, secrets))!), secret };
    });
  }

  async test(caller: Caller, id: string) {
    const { channel, hosts } = await withOrg(this.ds, caller.orgId, async (m) => ({
      channel: await this.require(m, caller.orgId, id),
      hosts: (await this.channels.allowedHosts(m, caller.orgId)).map((h) => h.host),
    }));
    const now = new Date();
    const deliveryId = `test:${id}:${now.getTime()}`;
    const n: Notification = { id: deliveryId, orgId: caller.orgId, reason: 'test', subject: `test message for ${channel.name}`, items: [], consoleUrl: null, sentAt: now.toISOString() };
    const res = await this.sender.send(channel, n, hosts);
    await withOrg(this.ds, caller.orgId, async (m) => {
      await this.deliveries.create(m, caller.orgId, [{ id: deliveryId, channelId: id, n }]);
      await this.deliveries.record(m, caller.orgId, [
        { deliveryId, attemptNo: 1, ...res, newStatus: res.outcome === 'delivered' ? 'sent' : 'failed' },
      ]);
    });
    return { deliveryId, outcome: res.outcome, status: res.status, latencyMs: res.latencyMs, error: res.error };
  }

  list(caller: Caller, cursor: string | undefined, limit: number) {
    return withOrg(this.ds, caller.orgId, async (m) => {
      const rows = await this.channels.list(m, caller.orgId, decodeCursor(cursor, 2), limit);
      return pageFrom(rows, limit, toChannel, (r) => [r.name, r.id]);
    });
  }

  delete(caller: Caller, id: string) {
    return withOrg(this.ds, caller.orgId, async (m) => {
      if (!(await this.channels.delete(m, caller.orgId, id))) throw notFound();
      return { ok: true as const };
    });
  }

  allowedHosts(caller: Caller) {
    return withOrg(this.ds, caller.orgId, (m) => this.channels.allowedHosts(m, caller.orgId));
  }

  addAllowedHost(caller: Caller, host: string) {
    return withOrg(this.ds, caller.orgId, (m) => this.channels.addAllowedHost(m, caller.orgId, host, caller.actor));
  }

  removeAllowedHost(caller: Caller, host: string) {
    return withOrg(this.ds, caller.orgId, async (m) => {
      if (!(await this.channels.removeAllowedHost(m, caller.orgId, host))) throw new DomainError('NOT_FOUND', 'ALLOWED_HOST_NOT_FOUND', `${host} is not allow-listed`);
      return { ok: true as const };
    });
  }

  private async require(m: EntityManager, orgId: string, id: string): Promise<ChannelRow> {
    const c = await this.channels.get(m, orgId, id);
    if (!c) throw notFound();
    return c;
  }

  /** Registration-time check; the sender checks again after DNS resolution at every send. */
  private async checkTarget(m: EntityManager, orgId: string, type: ChannelRow['type'], target: string): Promise<void> {
    if (type === 'email') {
      const bad = target.split(',').map((a) => a.trim()).filter((a) => !EMAIL.test(a));
      if (bad.length) throw new DomainError('INVALID', 'INVALID_EMAIL', `Not an email address: ${bad.join(', ')}`);
      return;
    }
    const hosts = (await this.channels.allowedHosts(m, orgId)).map((h) => h.host);
    const check = checkUrlSyntax(target, hosts);
    if (!check.ok) throw new DomainError('INVALID', 'UNSAFE_URL', `Refused webhook URL: ${check.reason}`);
  }
}

const notFound = () => new DomainError('NOT_FOUND', 'CHANNEL_NOT_FOUND', 'No such channel');

function conflict(err: { code?: string }): never {
  if (err.code === '23505') throw new DomainError('CONFLICT', 'CHANNEL_NAME_TAKEN', 'A channel with this name exists');
  throw err;
}
