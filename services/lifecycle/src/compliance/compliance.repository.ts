import type { EntityManager } from 'typeorm';
import { EVALUATE_COMPLIANCE, FORGET_DECOMMISSIONED } from './compliance.sql.js';

export interface ComplianceChange {
  deviceId: string;
  status: string;
  compliant: boolean;
  cves: string[];
  maxSeverity: string | null;
  latestVersion: string | null;
  releasesBehind: number;
  becameNoncompliant: boolean;
}

interface Row {
  device_id: string;
  status: string;
  compliant: boolean;
  cves: string[];
  max_severity: string | null;
  latest_version: string | null;
  releases_behind: number;
  became_noncompliant: boolean;
}

export class ComplianceRepository {
  /**
   * Re-evaluates the given devices of the organisation, or every one (`null`), set-based; returns only the rows that
   * changed. Compliance is per device: a batch of device events re-evaluates its own devices only.
   */
  async evaluate(m: EntityManager, orgId: string, asOf: Date, deviceIds: readonly string[] | null = null): Promise<ComplianceChange[]> {
    await m.query(`SET LOCAL work_mem = '64MB'`);
    await m.query(FORGET_DECOMMISSIONED, [orgId, deviceIds]);
    const rows: Row[] = await m.query(EVALUATE_COMPLIANCE, [orgId, asOf, deviceIds]);
    return rows.map((r) => ({
      deviceId: r.device_id,
      status: r.status,
      compliant: r.compliant,
      cves: r.cves,
      maxSeverity: r.max_severity,
      latestVersion: r.latest_version,
      releasesBehind: r.releases_behind,
      becameNoncompliant: r.became_noncompliant,
    }));
  }
}
