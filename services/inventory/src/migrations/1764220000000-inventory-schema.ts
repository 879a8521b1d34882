import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

const ORG_TABLES = [
  'org_settings',
  'site',
  'device_model',
  'device',
  'import_job',
  'import_row_error',
  'warranty_notice',
];

/**
 * Inventory tables. Every table is org-owned: RLS enabled and forced, one policy on `fleetward.org_id`.
 * pg_trgm backs free-text search; it is created once per database, wherever it already lives.
 */
export class InventorySchema1764220000000 implements MigrationInterface {
  name = 'InventorySchema1764220000000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    const [ext] = await q.query(
      `SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'pg_trgm'`,
    );
    const trgm = `${ext.schema}.gin_trgm_ops`;

    await q.query(`CREATE TABLE ${s}.org_settings (
      org_id text PRIMARY KEY,
      timezone text NOT NULL DEFAULT 'UTC',
      heartbeat_defaults jsonb NOT NULL DEFAULT '{}'::jsonb,
      warranty_lead_days integer[] NOT NULL DEFAULT '{90,30,7}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);

    // The organisations the inventory knows, so fleet-wide sweeps can run per organisation. Ids only, no org data:
    // like the outbox it carries no org policy.
    await q.query(
      `CREATE TABLE ${s}.org_directory (org_id text PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())`,
    );

    await q.query(`CREATE TABLE ${s}.site (
      id text PRIMARY KEY,
      org_id text NOT NULL,
      parent_id text CONSTRAINT site_parent_fk REFERENCES ${s}.site(id),
      path text NOT NULL,
      depth integer NOT NULL,
      name text NOT NULL,
      code text NOT NULL,
      kind text,
      address text,
      country text,
      latitude double precision,
      longitude double precision,
      timezone text,
      tags text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX site_org_code_uq ON ${s}.site (org_id, code)`);
    await q.query(`CREATE INDEX site_org_path_idx ON ${s}.site (org_id, path text_pattern_ops)`);
    await q.query(`CREATE INDEX site_parent_idx ON ${s}.site (parent_id)`);

    await q.query(`CREATE TABLE ${s}.device_model (
      id uuid PRIMARY KEY,
      org_id text NOT NULL,
      vendor text NOT NULL,
      vendor_key text NOT NULL,
      model text NOT NULL,
      type text NOT NULL,
      warranty_months integer,
      end_of_sale_status text NOT NULL DEFAULT 'unknown',
      end_of_sale_date date,
      end_of_sale_source text,
      end_of_support_status text NOT NULL DEFAULT 'unknown',
      end_of_support_date date,
      end_of_support_source text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE UNIQUE INDEX device_model_org_vendor_model_uq ON ${s}.device_model (org_id, vendor_key, model)`,
    );

    await q.query(`CREATE TABLE ${s}.device (
      id uuid PRIMARY KEY,
      org_id text NOT NULL,
      vendor text NOT NULL,
      vendor_key text NOT NULL,
      model text,
      model_id uuid CONSTRAINT device_model_fk REFERENCES ${s}.device_model(id),
      type text NOT NULL,
      name text NOT NULL,
      serial text NOT NULL,
      mac text,
      ip text,
      hostname text,
      site_id text CONSTRAINT device_site_fk REFERENCES ${s}.site(id),
      firmware_version text,
      install_date date,
      purchase_date date,
      purchase_cost numeric(14,2),
      warranty_end_explicit date,
      warranty_end date,
      owner_team text,
      status text NOT NULL DEFAULT 'active',
      tags text[] NOT NULL DEFAULT '{}',
      notes text,
      custom_fields jsonb NOT NULL DEFAULT '{}'::jsonb,
      heartbeat_interval_sec integer,
      offline_threshold_sec integer,
      heartbeat_token_hash text,
      decommissioned_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX device_org_vendor_serial_uq ON ${s}.device (org_id, vendor_key, serial)`);
    await q.query(`CREATE UNIQUE INDEX device_token_hash_uq ON ${s}.device (heartbeat_token_hash)`);
    for (const col of ['name', 'created_at', 'updated_at', 'warranty_end', 'serial']) {
      await q.query(`CREATE INDEX device_org_${col}_idx ON ${s}.device (org_id, ${col}, id)`);
    }
    for (const col of ['site_id', 'type', 'status', 'vendor_key', 'model_id', 'firmware_version']) {
      await q.query(`CREATE INDEX device_org_${col}_f_idx ON ${s}.device (org_id, ${col})`);
    }
    await q.query(`CREATE INDEX device_tags_idx ON ${s}.device USING gin (tags)`);
    await q.query(
      `CREATE INDEX device_search_trgm_idx ON ${s}.device USING gin ` +
        `((name || ' ' || serial || ' ' || coalesce(ip, '') || ' ' || coalesce(mac, '')) ${trgm})`,
    );

    await q.query(`CREATE TABLE ${s}.import_job (
      id uuid PRIMARY KEY,
      org_id text NOT NULL,
      status text NOT NULL,
      file_name text,
      created_by text NOT NULL,
      rows_total integer NOT NULL DEFAULT 0,
      rows_inserted integer NOT NULL DEFAULT 0,
      rows_updated integer NOT NULL DEFAULT 0,
      rows_unchanged integer NOT NULL DEFAULT 0,
      rows_rejected integer NOT NULL DEFAULT 0,
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz)`);
    await q.query(`CREATE INDEX import_job_org_created_idx ON ${s}.import_job (org_id, created_at)`);
    await q.query(`CREATE TABLE ${s}.import_row_error (
      job_id uuid NOT NULL CONSTRAINT import_row_error_job_fk REFERENCES ${s}.import_job(id) ON DELETE CASCADE,
      row_number integer NOT NULL,
      org_id text NOT NULL,
      reason text NOT NULL,
      raw text,
      PRIMARY KEY (job_id, row_number))`);

    await q.query(`CREATE TABLE ${s}.warranty_notice (
      id uuid PRIMARY KEY,
      org_id text NOT NULL,
      device_id uuid NOT NULL CONSTRAINT warranty_notice_device_fk REFERENCES ${s}.device(id),
      kind text NOT NULL,
      lead_days integer NOT NULL,
      warranty_end date NOT NULL,
      due_on date NOT NULL,
      event_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE UNIQUE INDEX warranty_notice_once_uq ON ${s}.warranty_notice (device_id, kind, lead_days, warranty_end)`,
    );

    for (const t of ORG_TABLES) {
      await q.query(`ALTER TABLE ${s}.${t} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${s}.${t} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY ${t}_org ON ${s}.${t} USING (org_id = current_setting('fleetward.org_id', true)) ` +
          `WITH CHECK (org_id = current_setting('fleetward.org_id', true))`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    for (const t of [...ORG_TABLES].reverse()) await q.query(`DROP TABLE IF EXISTS ${s}.${t}`);
    await q.query(`DROP TABLE IF EXISTS ${s}.org_directory`);
  }
}
