import {
  replacementReasonSchema,
  type DeviceDecommissionedV1Data,
  type DeviceFirmwareNoncompliantV1Data,
  type DeviceUpdatedV1Data,
  type EventEnvelope,
  type IncidentKind,
  type IncidentSeverity,
  type ReplacementDueV1Data,
  type WarrantyExpiredV1Data,
  type WarrantyExpiringV1Data,
} from '@fleetward/contracts';

/** The group incident a device joins: one per (organisation, kind, key). */
export interface GroupTarget {
  kind: IncidentKind;
  /** e.g. `lead:90`, `expired`, `vendor:Axis`, `status:behind`, `reason:age`. */
  key: string;
  severity: IncidentSeverity;
  /** What the group is about; the title adds the device count. */
  label: string;
}

/**
 * A device is in at most one group per family: a warranty notice for a shorter lead moves it from the 90-day group
 * to the 30-day one, a worse firmware status moves it between firmware groups. Replacement reasons are independent.
 */
export type GroupChange =
  | { op: 'join'; family: string; deviceId: string; target: GroupTarget }
  | { op: 'leave'; families: readonly string[]; deviceId: string };

const WARRANTY = 'warranty';
const FIRMWARE = 'firmware';
const replacementFamily = (reason: string) => `replacement:${reason}`;
export const allFamilies: readonly string[] = [
  WARRANTY,
  FIRMWARE,
  ...replacementReasonSchema.options.map(replacementFamily),
];

type Rule = (data: never) => GroupChange[];

/** What each lifecycle event means for group membership, by `type@vN`. Pure. */
const rules: Record<string, Rule> = {
  'warranty.expiring@v1': (d: WarrantyExpiringV1Data) => [
    {
      op: 'join',
      family: WARRANTY,
      deviceId: d.device.id,
      target: {
        kind: 'warranty-expiring',
        key: `lead:${d.leadDays}`,
        severity: 'info',
        label: `Warranty ends within ${d.leadDays} days`,
      },
    },
  ],
  'warranty.expired@v1': (d: WarrantyExpiredV1Data) => [
    {
      op: 'join',
      family: WARRANTY,
      deviceId: d.device.id,
      target: { kind: 'warranty-expiring', key: 'expired', severity: 'minor', label: 'Warranty expired' },
    },
  ],
  'device.firmware-noncompliant@v1': (d: DeviceFirmwareNoncompliantV1Data) => [
    { op: 'join', family: FIRMWARE, deviceId: d.device.id, target: firmwareTarget(d) },
  ],
  'replacement.due@v1': (d: ReplacementDueV1Data) => [
    {
      op: 'join',
      family: replacementFamily(d.reason),
      deviceId: d.device.id,
      target: {
        kind: 'replacement-due',
        key: `reason:${d.reason}`,
        severity: 'info',
        label: `Due for replacement (${d.reason})`,
      },
    },
  ],
  // A new warranty end (renewed, corrected) or a new firmware takes the device out of what it was counted for; the
  // inventory and lifecycle announce it again if it still qualifies.
  'device.updated@v1': (d: DeviceUpdatedV1Data) => {
    const families = [
      d.changed.includes('warrantyEnd') ? WARRANTY : null,
      d.changed.includes('firmwareVersion') ? FIRMWARE : null,
    ];
    const left = families.filter((f): f is string => f !== null);
    return left.length ? [{ op: 'leave', families: left, deviceId: d.id }] : [];
  },
  // Decommissioned (also how a replacement ends: the old device leaves service) leaves every group.
  'device.decommissioned@v1': (d: DeviceDecommissionedV1Data) => [
    { op: 'leave', families: allFamilies, deviceId: d.id },
  ],
};

function firmwareTarget(d: DeviceFirmwareNoncompliantV1Data): GroupTarget {
  if (d.status === 'vulnerable') {
    return {
      kind: 'firmware-vulnerable',
      key: `vendor:${d.device.vendor}`,
      severity: 'major',
      label: `${d.device.vendor} firmware with known CVEs`,
    };
  }
  const label = d.status === 'unsupported' ? 'Firmware past end of support' : 'Firmware behind the latest release';
  return { kind: 'firmware-noncompliant', key: `status:${d.status}`, severity: 'minor', label };
}

export function groupChanges(e: EventEnvelope): GroupChange[] {
  const rule = rules[`${e.type}@v${e.version}`];
  return rule ? rule(e.data as never) : [];
}

/** True for the events that only change group membership (never a per-device incident). */
export const isGroupEvent = (e: EventEnvelope) => `${e.type}@v${e.version}` in rules;
