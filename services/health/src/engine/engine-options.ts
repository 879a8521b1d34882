/** Tuning of the liveness engine. Durations in milliseconds. */
export interface EngineOptions {
  /** Redis key prefix: lets tests and several deployments share one Redis. */
  keyPrefix: string;
  /** Hashes per organisation that hold device states; each stays small enough for Redis' compact encoding. */
  stateBuckets: number;
  /** A device back from offline must stay up this long before device.online is published again. */
  stayUpMs: number;
  /** Coming back this many times within flapWindowMs marks a device as flapping. */
  flapCount: number;
  flapWindowMs: number;
  /** How long an expired device is held before device.offline, so a site going dark collapses into one event. */
  siteHoldMs: number;
  /** Share of a site's devices (0..1) expiring within siteWindowMs that makes the site unreachable. */
  siteShare: number;
  siteWindowMs: number;
  /** Sites with fewer expected devices never roll up (one camera is not a site outage). */
  siteMinDevices: number;
  /** Input silent for longer than this is a gap: afterwards a full threshold passes before anything goes offline. */
  gapToleranceMs: number;
  /** Ingest flush period. */
  flushIntervalMs: number;
  /** Longest sleep of the deadline detector when no deadline is known to be nearer. */
  detectorMaxSleepMs: number;
  /** Deadlines claimed per script call. */
  claimLimit: number;
}

export const defaultEngineOptions: EngineOptions = {
  keyPrefix: 'fw:health',
  stateBuckets: 1024,
  stayUpMs: 60_000,
  flapCount: 3,
  flapWindowMs: 900_000,
  siteHoldMs: 400,
  siteShare: 0.8,
  siteWindowMs: 5_000,
  siteMinDevices: 3,
  gapToleranceMs: 2_000,
  flushIntervalMs: 75,
  detectorMaxSleepMs: 200,
  claimLimit: 2_000,
};
