import { defaultEngineOptions, type EngineOptions } from '../engine/engine-options.js';
import type { Config } from '../config.js';

export const ENGINE_OPTIONS = Symbol('ENGINE_OPTIONS');

export function engineOptionsFrom(c: Config): EngineOptions {
  return {
    ...defaultEngineOptions,
    keyPrefix: c.HEALTH_REDIS_PREFIX,
    stateBuckets: c.HEALTH_STATE_BUCKETS,
    stayUpMs: c.HEALTH_STAY_UP_MS,
    flapCount: c.HEALTH_FLAP_COUNT,
    flapWindowMs: c.HEALTH_FLAP_WINDOW_MS,
    siteShare: c.HEALTH_SITE_SHARE,
    siteMinDevices: c.HEALTH_SITE_MIN_DEVICES,
    siteHoldMs: c.HEALTH_SITE_HOLD_MS,
    siteWindowMs: c.HEALTH_SITE_WINDOW_MS,
    gapToleranceMs: c.HEALTH_GAP_TOLERANCE_MS,
  };
}
