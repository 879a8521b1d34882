import { Logger } from '@nestjs/common';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { Subjects } from '@fleetward/contracts';
import type { HealthStore } from '../engine/health-store.js';
import { healthMetrics } from '../health-metrics.js';
import { parseHeartbeat } from './heartbeat-parser.js';

export interface IngestOptions {
  flushIntervalMs: number;
  /** Queue group shared by the replicas: each heartbeat reaches one of them. */
  queue: string;
  /** Devices per script call. */
  chunk?: number;
  /** Dead letters published per flush at most; the rest are only counted. */
  maxDeadLettersPerFlush?: number;
}

const DLQ_CONSUMER = 'health-ingest';

/**
 * Heartbeat ingest: a raw core-NATS subscription (no per-message framework pipeline) that coalesces the last sample
 * of each device in memory and flushes them to Redis in batches every few tens of milliseconds. Each flush also marks
 * input as flowing, which is how a gap (all replicas down, NATS unreachable) is noticed.
 */
export class HeartbeatIngest {
  private readonly logger = new Logger(HeartbeatIngest.name);
  private readonly metrics = healthMetrics.received();
  private readonly flushTimer = healthMetrics.flush();
  private readonly decoder = new TextDecoder();
  private pending = new Map<string, Map<string, string>>();
  private deadLetters: { subject: string; reason: string; original: string }[] = [];
  private sub?: Subscription;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private connected = true;
  /** Valid samples taken off NATS since start (coalesced: several samples of a device make one Redis write). */
  received = 0;
  /** Device states written to Redis since start. */
  accepted = 0;
  /** Longest flush so far: how stale the Redis state can be, on top of the flush period. */
  maxFlushMs = 0;
  /** Called after a flush that accepted samples, so a local detector can re-aim its timer. */
  onFlushed?: () => void;
  /** Called when a flush finds the state's epoch marker missing (Redis lost the state). */
  onStateLost?: () => void;

  constructor(
    private readonly nc: NatsConnection,
    private readonly store: HealthStore,
    private readonly options: IngestOptions,
  ) {}

  start(): void {
    this.sub = this.nc.subscribe(Subjects.allHeartbeats, {
      queue: this.options.queue,
      callback: (err, msg) => {
        if (!err) this.accept(msg);
      },
    });
    void this.watchConnection();
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
  }

  private async watchConnection(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'disconnect') this.connected = false;
      if (s.type === 'reconnect') this.connected = true;
    }
  }

  private accept(msg: Msg): void {
    const parts = msg.subject.split('.');
    const org = parts[2];
    if (parts.length !== 4 || !org) return this.reject(msg, 'subject must be fleet.hb.<org>.<site>', 1);
    const parsed = parseHeartbeat(msg.data, this.decoder);
    if (parsed.invalid > 0) this.reject(msg, parsed.reason ?? 'invalid', parsed.invalid);
    if (parsed.samples.length === 0) return;
    let devices = this.pending.get(org);
    if (!devices) this.pending.set(org, (devices = new Map()));
    for (const s of parsed.samples) devices.set(s.deviceId, s.fault);
    this.received += parsed.samples.length;
  }

  private reject(msg: Msg, reason: string, count: number): void {
    this.metrics.inc({ outcome: 'invalid' }, count);
    if (this.deadLetters.length < (this.options.maxDeadLettersPerFlush ?? 50)) {
      this.deadLetters.push({
        subject: msg.subject,
        reason,
        original: this.decoder.decode(msg.data.subarray(0, 4096)),
      });
    }
  }

  /** Writes what was coalesced since the last flush. Never runs twice at once; samples keep coalescing meanwhile. */
  flush(): Promise<void> {
    this.flushing ??= this.doFlush().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    if (!this.connected) return;
    const batch = this.pending;
    this.pending = new Map();
    this.publishDeadLetters();
    const end = this.flushTimer.startTimer();
    const now = Date.now();
    const started = performance.now();
    try {
      const { sealed } = await this.store.tick(now);
      if (!sealed) this.onStateLost?.();
      const chunk = this.options.chunk ?? 1000;
      const calls: Promise<{ accepted: number; unknown: number }>[] = [];
      for (const [org, devices] of batch) {
        let pairs: string[] = [];
        for (const [device, fault] of devices) {
          pairs.push(device, fault);
          if (pairs.length >= chunk * 2) {
            calls.push(this.store.ingest(org, now, pairs));
            pairs = [];
          }
        }
        if (pairs.length > 0) calls.push(this.store.ingest(org, now, pairs));
      }
      let accepted = 0;
      for (const r of await Promise.all(calls)) {
        accepted += r.accepted;
        if (r.unknown > 0) this.metrics.inc({ outcome: 'unknown-device' }, r.unknown);
      }
      this.accepted += accepted;
      if (accepted > 0) {
        this.metrics.inc({ outcome: 'accepted' }, accepted);
        this.onFlushed?.();
      }
    } catch (err) {
      this.logger.error(`heartbeat flush failed, retrying with the next flush: ${String(err)}`);
      this.requeue(batch);
    } finally {
      end();
      this.maxFlushMs = Math.max(this.maxFlushMs, performance.now() - started);
    }
  }

  /** Puts a failed batch back; samples that arrived meanwhile are newer and win. */
  private requeue(batch: Map<string, Map<string, string>>): void {
    for (const [org, devices] of batch) {
      const current = this.pending.get(org);
      if (!current) {
        this.pending.set(org, devices);
        continue;
      }
      for (const [device, fault] of devices) if (!current.has(device)) current.set(device, fault);
    }
  }

  private publishDeadLetters(): void {
    if (this.deadLetters.length === 0) return;
    const subject = Subjects.dlq(DLQ_CONSUMER);
    for (const d of this.deadLetters) {
      this.nc.publish(
        subject,
        JSON.stringify({
          consumer: DLQ_CONSUMER,
          reason: d.reason,
          deliveries: 1,
          subject: d.subject,
          original: d.original,
        }),
      );
    }
    this.deadLetters = [];
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sub?.drain().catch(() => undefined);
    await this.flushing;
    await this.flush();
  }
}
