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
  /** Re-evaluates every device of the organisation (set-based); returns only the rows that changed. */
  async evaluate(m: EntityManager, orgId: string, asOf: Date): Promise<ComplianceChange[]> {
    await m.query(`SET LOCAL work_mem = '64MB'`);
    await m.query(FORGET_DECOMMISSIONED, [orgId]);
    const rows: Row[] = await m.query(EVALUATE_COMPLIANCE, [orgId, asOf]);
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
