/** Device references (the contracts' deviceRef) for devices of one organisation ($1 org, $2 device ids). */
export const DEVICE_REFS = `
SELECT d.device_id, d.name, d.type, d.vendor, d.model, d.serial, d.firmware_version, d.site_id, d.site_path,
       d.owner_team, d.tags
FROM device d WHERE d.org_id = $1 AND d.device_id = ANY ($2::text[])`;

/** Severity of each CVE id (the highest any release records). */
export const CVE_SEVERITIES = `
SELECT cve_id, (array_agg(severity ORDER BY CASE severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3
                 WHEN 'medium' THEN 2 ELSE 1 END DESC))[1] AS severity
FROM firmware_cve WHERE cve_id = ANY ($1::text[]) GROUP BY cve_id`;

/** Compliance details for the events of newly non-compliant devices ($1 org, $2 device ids). */
export const COMPLIANCE_DETAILS = `
SELECT device_id, behind_since::text AS behind_since, unsupported_since::text AS unsupported_since
FROM device_compliance WHERE org_id = $1 AND device_id = ANY ($2::text[])`;

/** Policies by id, to name the policy behind a replacement ($1 org). */
export const POLICIES = `SELECT id, kind, site_id, device_type FROM replacement_policy WHERE org_id = $1`;

/** The policy behind each item ($1 org, $2 item ids). */
export const ITEM_POLICIES = `SELECT id, policy_id FROM replacement_item WHERE org_id = $1 AND id = ANY ($2::uuid[])`;
