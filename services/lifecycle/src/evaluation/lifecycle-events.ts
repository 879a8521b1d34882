import {
  createEvent,
  deviceFirmwareNoncompliantV1,
  replacementDueV1,
  type DeviceRef,
  type EventEnvelope,
} from '@fleetward/contracts';
import { deterministicEventId } from '@fleetward/platform';
import type { EntityManager } from 'typeorm';
import type { ComplianceChange } from '../compliance/compliance.repository.js';
import type { PlanChange } from '../plan/plan.repository.js';
import { COMPLIANCE_DETAILS, CVE_SEVERITIES, DEVICE_REFS, ITEM_POLICIES, POLICIES } from './event-rows.sql.js';

const SOURCE = 'lifecycle';
const DAY = 86_400_000;

type Row = Record<string, unknown>;

async function deviceRefs(m: EntityManager, orgId: string, ids: string[]): Promise<Map<string, DeviceRef>> {
  const rows: Row[] = await m.query(DEVICE_REFS, [orgId, ids]);
  return new Map(
    rows.map((r) => [
      r['device_id'] as string,
      {
        id: r['device_id'] as string,
        name: (r['name'] as string) || (r['device_id'] as string),
        type: r['type'] as DeviceRef['type'],
        vendor: r['vendor'] as string,
        model: r['model'] as string | null,
        serial: (r['serial'] as string) || (r['device_id'] as string),
        firmwareVersion: r['firmware_version'] as string | null,
        siteId: r['site_id'] as string | null,
        sitePath: r['site_path'] as string[],
        ownerTeam: r['owner_team'] as DeviceRef['ownerTeam'],
        tags: r['tags'] as string[],
      },
    ]),
  );
}

/**
 * device.firmware-noncompliant for each device that just became non-compliant. A device non-compliant only by an
 * unknown version below the baseline has no status the contract can express; it is reported by the API, not announced.
 */
export async function noncompliantEvents(
  m: EntityManager,
  orgId: string,
  changes: ComplianceChange[],
  asOf: Date,
  correlationId?: string,
): Promise<EventEnvelope[]> {
  const became = changes.filter((c) => c.becameNoncompliant && c.status !== 'unknown' && c.status !== 'current');
  if (became.length === 0) return [];
  const ids = became.map((c) => c.deviceId);
  const refs = await deviceRefs(m, orgId, ids);
  const details = new Map(
    ((await m.query(COMPLIANCE_DETAILS, [orgId, ids])) as Row[]).map((r) => [r['device_id'] as string, r]),
  );
  const severities = new Map(
    ((await m.query(CVE_SEVERITIES, [[...new Set(became.flatMap((c) => c.cves))]])) as Row[]).map((r) => [
      r['cve_id'] as string,
      r['severity'] as string,
    ]),
  );
  return became.flatMap((c) => {
    const device = refs.get(c.deviceId);
    if (!device) return [];
    const d = details.get(c.deviceId);
    const behindSince = d?.['behind_since'] as string | null | undefined;
    return [
      createEvent(deviceFirmwareNoncompliantV1, {
        // One event per transition: the transition is named by its instant (noncompliant_since = asOf).
        id: deterministicEventId(`device.firmware-noncompliant|${orgId}|${c.deviceId}|${asOf.toISOString()}`),
        occurredAt: asOf,
        orgId,
        source: SOURCE,
        correlationId,
        data: {
          orgId,
          device,
          status: c.status as 'behind' | 'vulnerable' | 'unsupported',
          currentVersion: device.firmwareVersion,
          recommendedVersion: c.latestVersion,
          releasesBehind: c.releasesBehind,
          daysBehind: behindSince ? Math.max(0, Math.floor((asOf.getTime() - Date.parse(behindSince)) / DAY)) : null,
          cves: c.cves.map((cve) => ({ cve, severity: (severities.get(cve) ?? 'medium') as 'medium' })),
          endOfSupport: (d?.['unsupported_since'] as string | null | undefined) ?? null,
          evaluatedAt: asOf.toISOString(),
        },
      }),
    ];
  });
}

/** replacement.due for each plan item created by this evaluation (once per device and reason). */
export async function replacementDueEvents(
  m: EntityManager,
  orgId: string,
  changes: PlanChange[],
  asOf: Date,
  correlationId?: string,
): Promise<EventEnvelope[]> {
  const fresh = changes.filter((c) => c.announce);
  if (fresh.length === 0) return [];
  const refs = await deviceRefs(
    m,
    orgId,
    fresh.map((c) => c.deviceId),
  );
  const itemPolicy = new Map(
    ((await m.query(ITEM_POLICIES, [orgId, fresh.map((c) => c.itemId)])) as Row[]).map((r) => [
      r['id'] as string,
      r['policy_id'] as string | null,
    ]),
  );
  const policies = new Map(((await m.query(POLICIES, [orgId])) as Row[]).map((r) => [r['id'] as string, r]));
  return fresh.flatMap((c) => {
    const device = refs.get(c.deviceId);
    if (!device) return [];
    const policyId = itemPolicy.get(c.itemId) ?? null;
    const p = policyId ? policies.get(policyId) : undefined;
    return [
      createEvent(replacementDueV1, {
        // Announced once per device and reason, ever (replacement_item_once_uq): the id says so too.
        id: deterministicEventId(`replacement.due|${orgId}|${c.deviceId}|${c.reason}`),
        occurredAt: asOf,
        orgId,
        source: SOURCE,
        correlationId,
        data: {
          orgId,
          device,
          reason: c.reason as 'age',
          triggerDate: c.triggerDate,
          dueDate: c.dueDate,
          estimatedCost: c.estimatedCost === null ? null : Number(c.estimatedCost),
          policyId: policyId ?? 'deleted',
          policyName: p ? policyName(p) : c.reason,
        },
      }),
    ];
  });
}

function policyName(p: Row): string {
  const scope = [
    p['site_id'] ? `site ${String(p['site_id'])}` : null,
    p['device_type'] ? `type ${String(p['device_type'])}` : null,
  ].filter(Boolean);
  return `${String(p['kind'])} (${scope.length ? scope.join(', ') : 'organisation'})`;
}
