import type { NatsConnection } from '@nats-io/transport-node';
import { MAX_HEARTBEAT_BATCH, Subjects } from '@fleetward/contracts';
import { DeviceBehaviour, type FailureModes } from './failure-modes.js';
import type { Fleet } from './fleet.js';

export interface SimulatorOptions {
  fleet: Fleet;
  intervalSec: number;
  /** Stop after this long; 0 runs until stop(). */
  durationSec: number;
  modes: FailureModes;
  /** Same seed, same failures. */
  seed: number;
}

export interface SimulatorStats {
  /** Heartbeat samples published. */
  sent: number;
  batches: number;
  errors: number;
  /** Devices that did not report in their latest round. */
  silent: number;
  darkSites: number;
}

/** A small deterministic PRNG (mulberry32), so a run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SiteRun {
  siteId: string;
  devices: { id: string; behaviour: DeviceBehaviour; silent: boolean }[];
  dark: boolean;
  round: number;
  timer?: NodeJS.Timeout;
}

/**
 * Simulates one site collector per site: every interval (each site at its own phase) it publishes the site's
 * heartbeats as batches on `fleet.hb.<org>.<site>`, with the configured failures.
 */
export class Simulator {
  readonly stats: SimulatorStats = { sent: 0, batches: 0, errors: 0, silent: 0, darkSites: 0 };
  private readonly sites: SiteRun[];
  private startedAt = 0;
  private stopTimer?: NodeJS.Timeout;
  private resolveDone!: () => void;
  /** Resolves when the duration has elapsed or stop() was called. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: SimulatorOptions,
  ) {
    const random = seededRandom(options.seed);
    this.sites = options.fleet.sites.map((s, i) => ({
      siteId: s.siteId,
      devices: s.devices.map((id) => ({ id, behaviour: new DeviceBehaviour(options.modes, random), silent: false })),
      dark: i < options.modes.darkSites,
      round: 0,
    }));
  }

  start(): void {
    this.startedAt = Date.now();
    const intervalMs = this.options.intervalSec * 1000;
    const random = seededRandom(this.options.seed + 1);
    for (const site of this.sites) {
      // collectors are not synchronised: each starts at its own phase of the interval
      const phase = Math.floor(random() * Math.min(intervalMs, 1000));
      site.timer = setTimeout(() => {
        this.report(site);
        site.timer = setInterval(() => this.report(site), intervalMs);
      }, phase);
    }
    if (this.options.durationSec > 0) this.stopTimer = setTimeout(() => this.stop(), this.options.durationSec * 1000);
  }

  private isDark(site: SiteRun, now: number): boolean {
    if (!site.dark) return false;
    const t = (now - this.startedAt) / 1000;
    const { darkAtSec, darkForSec } = this.options.modes;
    return t >= darkAtSec && t < darkAtSec + darkForSec;
  }

  private report(site: SiteRun): void {
    const now = Date.now();
    site.round++;
    const samples: { deviceId: string; ts: string; status?: 'degraded'; faults?: string[] }[] = [];
    for (const d of site.devices) {
      const r = d.behaviour.next(site.round);
      d.silent = !r.reports;
      if (!r.reports) continue;
      const ts = new Date(now + d.behaviour.skewMs).toISOString();
      samples.push(r.fault ? { deviceId: d.id, ts, status: 'degraded', faults: [r.fault] } : { deviceId: d.id, ts });
    }
    if (this.isDark(site, now)) return this.refreshCounts();
    const subject = Subjects.heartbeat(this.options.fleet.orgId, site.siteId);
    for (let i = 0; i < samples.length; i += MAX_HEARTBEAT_BATCH) {
      const chunk = samples.slice(i, i + MAX_HEARTBEAT_BATCH);
      const batch = {
        collectorId: `sim-${site.siteId}`,
        orgId: this.options.fleet.orgId,
        siteId: site.siteId,
        sentAt: new Date(now).toISOString(),
        samples: chunk,
      };
      try {
        this.nc.publish(subject, JSON.stringify(batch));
        this.stats.sent += chunk.length;
        this.stats.batches++;
      } catch {
        this.stats.errors++;
      }
    }
    this.refreshCounts();
  }

  private refreshCounts(): void {
    const now = Date.now();
    let silent = 0;
    let dark = 0;
    for (const s of this.sites) {
      const isDark = this.isDark(s, now);
      if (isDark) dark++;
      for (const d of s.devices) if (isDark || d.silent) silent++;
    }
    this.stats.silent = silent;
    this.stats.darkSites = dark;
  }

  stop(): void {
    for (const s of this.sites) {
      clearTimeout(s.timer);
      clearInterval(s.timer);
    }
    clearTimeout(this.stopTimer);
    this.resolveDone();
  }
}
