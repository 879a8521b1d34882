import type { DeviceType, OrgSettings } from '@fleetward/contracts';

/** Used when an organisation sets nothing for a device type: one heartbeat a minute, offline after three missed. */
export const SYSTEM_HEARTBEAT_DEFAULT = { intervalSeconds: 60, offlineAfterSeconds: 180 } as const;

export function effectiveHeartbeat(
  settings: Pick<OrgSettings, 'heartbeatDefaults'>,
  type: DeviceType,
  overrides: { heartbeatIntervalSec: number | null; offlineThresholdSec: number | null },
): { intervalSec: number; thresholdSec: number } {
  const d = settings.heartbeatDefaults[type] ?? SYSTEM_HEARTBEAT_DEFAULT;
  return {
    intervalSec: overrides.heartbeatIntervalSec ?? d.intervalSeconds,
    thresholdSec: overrides.offlineThresholdSec ?? d.offlineAfterSeconds,
  };
}
