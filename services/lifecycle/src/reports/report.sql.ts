/** CSV report queries. `$org` is replaced by a validated organisation id literal (COPY takes no parameters). */
export const PLAN_REPORT = `
SELECT i.id AS item_id, i.device_id, d.name AS device_name, d.site_id, d.type AS device_type, d.vendor, d.model,
       i.reason, i.trigger_date, i.due_date, i.priority, i.estimated_cost, i.state, i.state_reason,
       i.replaced_by_device_id, i.updated_at
FROM replacement_item i LEFT JOIN device d ON d.org_id = i.org_id AND d.device_id = i.device_id
WHERE i.org_id = $org ORDER BY i.due_date, i.id`;
