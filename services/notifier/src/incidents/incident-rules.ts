import type {
  DeviceDecommissionedV1Data,
  DeviceDegradedV1Data,
  DeviceRestoredV1Data,
  DeviceOfflineV1Data,
  DeviceOnlineV1Data,
  EventEnvelope,
  IncidentKind,
  IncidentSeverity,
  SiteRecoveredV1Data,
  SiteUnreachableV1Data,
} from '@fleetward/contracts';

/** Who/what an incident is about; `subjectKey` is unique per (org, kind) among open incidents. */
export interface IncidentSubject {
  subjectKey: string;
  siteId: string | null;
  siteName: string | null;
  sitePath: string[];
  deviceId: string | null;
  deviceName: string | null;
  deviceType: string | null;
  tags: string[];
}

export interface RaiseAction extends IncidentSubject {
  op: 'raise';
  kind: IncidentKind;
  severity: IncidentSeverity;
  title: string;
  details: Record<string, unknown>;
}

export type IncidentAction =
  | RaiseAction
  | { op: 'clear'; kinds: IncidentKind[]; subjectKey: string; note: string }
  /** Device-level incidents covered by a site incident are closed quietly (no notification of their own). */
  | { op: 'supersede'; kind: IncidentKind; subjectKeys: string[]; note: string };

export const deviceKey = (id: string) => `device:${id}`;
export const siteKey = (id: string) => `site:${id}`;

/** Per-device incidents a decommissioned device closes (lifecycle kinds: those opened before they were grouped). */
const deviceKinds: IncidentKind[] = [
  'device-offline',
  'device-degraded',
  'firmware-noncompliant',
  'firmware-vulnerable',
  'replacement-due',
  'warranty-expiring',
];

function ofHealth(d: DeviceOfflineV1Data | DeviceDegradedV1Data): IncidentSubject {
  return { subjectKey: deviceKey(d.deviceId), siteId: d.siteId, siteName: d.siteName, sitePath: d.sitePath, deviceId: d.deviceId, deviceName: d.deviceName, deviceType: d.type, tags: d.tags };
}

type Rule = (data: never) => IncidentAction[];

/** What each event means for incidents, by `type@vN`. Pure: the service applies the actions in one transaction. */
const rules: Record<string, Rule> = {
  'device.offline@v1': (d: DeviceOfflineV1Data) => [
    { op: 'raise', kind: 'device-offline', severity: 'major', title: `${d.deviceName} offline`, details: { lastSeenAt: d.lastSeenAt, thresholdSec: d.thresholdSec }, ...ofHealth(d) },
  ],
  'device.degraded@v1': (d: DeviceDegradedV1Data) => [
    { op: 'raise', kind: 'device-degraded', severity: 'minor', title: `${d.deviceName} degraded: ${d.faults.join(', ')}`, details: { faults: d.faults, since: d.since }, ...ofHealth(d) },
  ],
  'device.online@v1': (d: DeviceOnlineV1Data) => [
    { op: 'clear', kinds: ['device-offline'], subjectKey: deviceKey(d.deviceId), note: `back online after ${formatDuration(d.offlineDurationSec)}` },
  ],
  // A device back online may still report faults: only device.restored clears its degraded incident.
  'device.restored@v1': (d: DeviceRestoredV1Data) => [
    { op: 'clear', kinds: ['device-degraded'], subjectKey: deviceKey(d.deviceId), note: `no fault any more (${d.clearedFaults.join(', ')} cleared)` },
  ],
  'site.unreachable@v1': (d: SiteUnreachableV1Data) => {
    const name = d.siteName ?? d.siteId;
    return [
      {
        op: 'raise',
        kind: 'site-unreachable',
        severity: 'critical',
        title: `${name} unreachable, ${d.offlineDeviceIds.length} devices`,
        details: { deviceCount: d.deviceCount, offlineDevices: d.offlineDeviceIds.length, since: d.since },
        subjectKey: siteKey(d.siteId),
        siteId: d.siteId,
        siteName: d.siteName,
        sitePath: d.sitePath,
        deviceId: null,
        deviceName: null,
        deviceType: null,
        tags: [],
      },
      { op: 'supersede', kind: 'device-offline', subjectKeys: d.offlineDeviceIds.map(deviceKey), note: `covered by the site incident (${name} unreachable)` },
    ];
  },
  'site.recovered@v1': (d: SiteRecoveredV1Data) => [
    { op: 'clear', kinds: ['site-unreachable'], subjectKey: siteKey(d.siteId), note: `recovered after ${formatDuration(d.durationSec)}` },
  ],
  // Warranty, firmware and replacement alerts are grouped per organisation: see groups/lifecycle-group-rules.ts.
  'device.decommissioned@v1': (d: DeviceDecommissionedV1Data) => [
    { op: 'clear', kinds: deviceKinds, subjectKey: deviceKey(d.id), note: 'device decommissioned' },
  ],
};

export function incidentActions(e: EventEnvelope): IncidentAction[] {
  const rule = rules[`${e.type}@v${e.version}`];
  return rule ? rule(e.data as never) : [];
}

export function formatDuration(sec: number): string {
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${sec % 60}s`;
  return `${sec}s`;
}
