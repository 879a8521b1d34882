import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

/** Org-owned tables: RLS enabled and forced, one policy on `fleetward.org_id`. The catalog tables are global. */
export const ORG_TABLES = [
  'site',
  'device',
  'device_outage',
  'model_cost',
  'firmware_baseline',
  'device_compliance',
  'replacement_policy',
  'replacement_item',
  'replacement_item_audit',
];

/**
 * Lifecycle schema. Version keys are `COLLATE "C"` so `<` compares them byte by byte, the order `versionKey()` builds.
 * The audit of replacement items is written by a trigger, so no code path (set-based plan or API) can skip it.
 */
export class LifecycleSchema1764230000000 implements MigrationInterface {
  name = 'LifecycleSchema1764230000000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE TABLE ${s}.firmware_release (
      id uuid PRIMARY KEY,
      vendor text NOT NULL,
      vendor_key text NOT NULL,
      version text NOT NULL,
      version_key text COLLATE "C" NOT NULL,
      line text NOT NULL,
      track text NOT NULL DEFAULT 'active',
      release_date date NOT NULL,
      line_end_of_support date,
      notes_url text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE UNIQUE INDEX firmware_release_vendor_version_uq ON ${s}.firmware_release (vendor_key, version_key)`,
    );
    await q.query(`CREATE TABLE ${s}.firmware_release_model (
      release_id uuid NOT NULL CONSTRAINT firmware_release_model_release_fk REFERENCES ${s}.firmware_release(id) ON DELETE CASCADE,
      vendor_key text NOT NULL,
      model_key text NOT NULL,
      model text NOT NULL,
      PRIMARY KEY (release_id, model_key))`);
    await q.query(
      `CREATE INDEX firmware_release_model_lookup_idx ON ${s}.firmware_release_model (vendor_key, model_key)`,
    );
    await q.query(`CREATE TABLE ${s}.firmware_cve (
      release_id uuid NOT NULL CONSTRAINT firmware_cve_release_fk REFERENCES ${s}.firmware_release(id) ON DELETE CASCADE,
      cve_id text NOT NULL,
      severity text NOT NULL,
      PRIMARY KEY (release_id, cve_id))`);
    await q.query(`CREATE TABLE ${s}.firmware_model_support (
      vendor_key text NOT NULL,
      model_key text NOT NULL,
      end_of_support date NOT NULL,
      PRIMARY KEY (vendor_key, model_key))`);
    // Per model and catalog position: what a device at or above `version_key` (and below the next release) is missing.
    await q.query(`CREATE TABLE ${s}.firmware_position (
      vendor_key text NOT NULL,
      model_key text NOT NULL,
      version_key text COLLATE "C" NOT NULL,
      newer_count integer NOT NULL,
      first_newer_date date,
      latest_version text,
      newer_cves text[] NOT NULL,
      newer_max_severity text,
      PRIMARY KEY (vendor_key, model_key, version_key))`);

    await q.query(`CREATE TABLE ${s}.site (
      org_id text NOT NULL,
      site_id text NOT NULL,
      parent_id text,
      path text[] NOT NULL,
      timezone text NOT NULL DEFAULT 'UTC',
      unreachable_since timestamptz,
      recovered_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, site_id))`);
    await q.query(`CREATE TABLE ${s}.device (
      org_id text NOT NULL,
      device_id text NOT NULL,
      site_id text,
      type text NOT NULL,
      vendor text NOT NULL,
      vendor_key text NOT NULL,
      model text,
      model_key text,
      firmware_version text,
      version_key text COLLATE "C",
      firmware_line text,
      install_date date,
      warranty_end date,
      cost numeric(14,2),
      status text NOT NULL DEFAULT 'active',
      failed_at timestamptz,
      offline_since timestamptz,
      health_changed_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, device_id))`);
    await q.query(`CREATE INDEX device_org_site_type_idx ON ${s}.device (org_id, site_id, type)`);
    await q.query(`CREATE TABLE ${s}.device_outage (
      org_id text NOT NULL,
      device_id text NOT NULL,
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      site_wide boolean NOT NULL DEFAULT false,
      PRIMARY KEY (org_id, device_id, started_at))`);
    await q.query(`CREATE TABLE ${s}.model_cost (
      org_id text NOT NULL,
      vendor_key text NOT NULL,
      model_key text NOT NULL,
      default_cost numeric(14,2) NOT NULL,
      PRIMARY KEY (org_id, vendor_key, model_key))`);
    await q.query(`CREATE TABLE ${s}.firmware_baseline (
      org_id text NOT NULL,
      vendor_key text NOT NULL,
      model_key text NOT NULL,
      version text NOT NULL,
      version_key text COLLATE "C" NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, vendor_key, model_key))`);
    await q.query(`CREATE TABLE ${s}.device_compliance (
      org_id text NOT NULL,
      device_id text NOT NULL,
      status text NOT NULL,
      compliant boolean NOT NULL,
      releases_behind integer NOT NULL DEFAULT 0,
      behind_since date,
      latest_version text,
      cves text[] NOT NULL DEFAULT '{}',
      max_severity text,
      unsupported_since date,
      noncompliant_since timestamptz,
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, device_id))`);

    await q.query(`CREATE TABLE ${s}.replacement_policy (
      id uuid PRIMARY KEY,
      org_id text NOT NULL,
      site_id text,
      device_type text,
      kind text NOT NULL CHECK (kind IN ('warranty-expiry','run-to-failure','firmware-support-end','age')),
      offline_days integer,
      age_years integer,
      lead_days integer NOT NULL DEFAULT 90,
      annual_cap_pct numeric(5,2),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE UNIQUE INDEX replacement_policy_scope_uq ON ${s}.replacement_policy (org_id, coalesce(site_id, ''), coalesce(device_type, ''))`,
    );
    await q.query(`CREATE TABLE ${s}.replacement_item (
      id uuid PRIMARY KEY,
      org_id text NOT NULL,
      device_id text NOT NULL,
      reason text NOT NULL,
      trigger_date date NOT NULL,
      due_date date NOT NULL,
      priority integer NOT NULL,
      estimated_cost numeric(14,2),
      state text NOT NULL CHECK (state IN ('proposed','approved','ordered','replaced','deferred','dismissed')),
      state_reason text,
      replaced_by_device_id text,
      due_published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX replacement_item_once_uq ON ${s}.replacement_item (org_id, device_id, reason)`);
    await q.query(`CREATE INDEX replacement_item_org_due_idx ON ${s}.replacement_item (org_id, due_date, id)`);
    await q.query(`CREATE TABLE ${s}.replacement_item_audit (
      id bigserial PRIMARY KEY,
      org_id text NOT NULL,
      item_id uuid NOT NULL,
      from_state text,
      to_state text NOT NULL,
      reason text,
      actor text NOT NULL,
      at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX replacement_item_audit_item_idx ON ${s}.replacement_item_audit (org_id, item_id, id)`);
    await q.query(`CREATE FUNCTION ${s}.replacement_item_audit_fn() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state THEN
          INSERT INTO ${s}.replacement_item_audit (org_id, item_id, from_state, to_state, reason, actor)
          VALUES (NEW.org_id, NEW.id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.state END, NEW.state, NEW.state_reason,
                  coalesce(nullif(current_setting('fleetward.actor', true), ''), 'system'));
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER replacement_item_audit_trg AFTER INSERT OR UPDATE OF state ON ${s}.replacement_item
      FOR EACH ROW EXECUTE FUNCTION ${s}.replacement_item_audit_fn()`);

    for (const t of ORG_TABLES) {
      await q.query(`ALTER TABLE ${s}.${t} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${s}.${t} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY ${t}_org ON ${s}.${t} USING (org_id = current_setting('fleetward.org_id', true)) ` +
          `WITH CHECK (org_id = current_setting('fleetward.org_id', true))`,
      );
    }
    await q.query(`REVOKE UPDATE, DELETE ON ${s}.replacement_item_audit FROM fleetward_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    for (const t of [...ORG_TABLES].reverse()) await q.query(`DROP TABLE IF EXISTS ${s}.${t}`);
    await q.query(`DROP FUNCTION IF EXISTS ${s}.replacement_item_audit_fn()`);
    for (const t of [
      'firmware_position',
      'firmware_model_support',
      'firmware_cve',
      'firmware_release_model',
      'firmware_release',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${s}.${t}`);
    }
  }
}
