import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG } from '@fleetward/platform';
import type { Config } from '../config.js';
import type { Attempt } from '../delivery/delivery.repository.js';
import type { ChannelRow } from './channel.repository.js';
import { emailMessage, slackMessage, teamsMessage, webhookBody } from './formatters.js';
import { PinnedPools, postOnce, type SendOutcome } from './http-sender.js';
import type { Notification } from './notification.js';
import { signedHeaders } from './webhook-signature.js';

export type SendResult = Attempt & { gone: boolean };

/** Sends one notification through one channel, once. Retrying is the caller's business (BullMQ). */
@Injectable()
export class ChannelSender implements OnApplicationShutdown {
  private readonly mail: Transporter;
  private readonly pools = new PinnedPools();
  private readonly logger = new Logger(ChannelSender.name);

  constructor(@Inject(APP_CONFIG) private readonly config: Config) {
    this.mail = nodemailer.createTransport(config.SMTP_URL, { from: config.SMTP_FROM });
  }

  async send(channel: ChannelRow, n: Notification, allowedHosts: readonly string[]): Promise<SendResult> {
    if (channel.type === 'email') return this.email(channel, n);
    const body = JSON.stringify(
      channel.type === 'slack' ? slackMessage(n) : channel.type === 'teams' ? teamsMessage(n) : webhookBody(n),
    );
    const headers = channel.type === 'webhook' ? { ...signedHeaders(channel.secrets, n.id, body) } : {};
    const out = await postOnce({ url: channel.target, body, headers, timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, allowedHosts }, this.pools);
    if (out.kind !== 'delivered' && out.detail) this.logger.warn(`channel ${channel.id} (org ${n.orgId}): ${out.error}: ${out.detail}`);
    return fromOutcome(out);
  }

  private async email(channel: ChannelRow, n: Notification): Promise<SendResult> {
    const started = performance.now();
    const m = emailMessage(n);
    try {
      await this.mail.sendMail({ to: channel.target, subject: m.subject, text: m.text, html: m.html, headers: { 'X-Fleetward-Message-Id': n.id } });
      return { outcome: 'delivered', status: 250, error: null, latencyMs: Math.round(performance.now() - started), gone: false };
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode ?? null;
      const permanent = code !== null && code >= 500;
      // The mail server is the installation's: its address and its messages are not the tenant's to see.
      this.logger.warn(`channel ${channel.id} (org ${n.orgId}): email failed: ${(err as Error).message}`);
      const error = code === null ? 'failed: could not reach the mail server' : `failed: the mail server answered ${code}`;
      return { outcome: permanent ? 'permanent' : 'retry', status: code, error, latencyMs: Math.round(performance.now() - started), gone: false };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.mail.close();
    await this.pools.close();
  }
}

function fromOutcome(o: SendOutcome): SendResult {
  if (o.kind === 'delivered') return { outcome: 'delivered', status: o.status, error: null, latencyMs: o.latencyMs, gone: false };
  return { outcome: o.kind, status: o.status, error: o.error, latencyMs: o.latencyMs, gone: o.kind === 'permanent' && o.gone };
}
