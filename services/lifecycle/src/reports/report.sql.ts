import { csvSafeSql } from '@fleetward/platform';
import { complianceBreakdownSql } from '../compliance/compliance-breakdown.sql.js';

/**
 * CSV report queries. `$org` is replaced by a validated organisation id literal (COPY takes no parameters). Text a
 * tenant or a catalog curator wrote (names, ids, vendors, CVE lists) passes `csvSafeSql`: no cell starts a formula.
 */
const safe = (column: string) => `${csvSafeSql(column)} AS ${column.replace(/^.*\./, '')}`;

export const PLAN_REPORT = `
SELECT i.id AS item_id, ${safe('i.device_id')}, ${csvSafeSql('d.name')} AS device_name, ${safe('d.site_id')},
       d.type AS device_type, ${safe('d.vendor')}, ${safe('d.model')},
       i.reason, i.trigger_date, i.due_date, i.priority, i.estimated_cost, i.state, ${safe('i.state_reason')},
       ${safe('i.replaced_by_device_id')}, i.updated_at
FROM replacement_item i LEFT JOIN device d ON d.org_id = i.org_id AND d.device_id = i.device_id
WHERE i.org_id = $org ORDER BY i.due_date, i.id`;

const COMPLIANCE_COUNTS = 'devices, current, behind, vulnerable, unsupported, unknown, noncompliant, compliant_pct';

/** Firmware compliance per site, as the API's breakdown computes it. */
export function complianceReportSql(org: string): string {
  return `SELECT ${safe('site_id')}, ${COMPLIANCE_COUNTS}, ${safe('open_cves')}
FROM (${complianceBreakdownSql('site', org)}) breakdown ORDER BY breakdown.site_id`;
}
