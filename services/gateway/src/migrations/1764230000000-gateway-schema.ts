import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, schemaOf } from '@fleetward/platform';

const ORG_POLICY = `current_setting('fleetward.org_id', true)`;

/**
 * The gateway's tables: organisations (auth records), API keys, users and the audit log. Each is org-owned with RLS
 * enabled and forced. `oidc_issuer` maps a JWT's issuer to the organisations that trust it
 * (no secret in it): everyone may read it, because the org is not known before the token is read; only the
 * organisation itself may change its rows.
 * The audit log is append-only for the application role: INSERT and SELECT only.
 */
export class GatewaySchema1764230000000 implements MigrationInterface {
  name = 'GatewaySchema1764230000000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE TABLE ${s}.organisation (
      id text PRIMARY KEY,
      name text NOT NULL,
      oidc_issuer text,
      oidc_audience text,
      oidc_jwks_url text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE ${s}.oidc_issuer (
      issuer text NOT NULL,
      org_id text NOT NULL REFERENCES ${s}.organisation(id) ON DELETE CASCADE,
      PRIMARY KEY (issuer, org_id))`);
    await q.query(`CREATE TABLE ${s}.api_key (
      id text PRIMARY KEY,
      org_id text NOT NULL REFERENCES ${s}.organisation(id),
      name text NOT NULL,
      role text NOT NULL,
      prefix text NOT NULL,
      secret_hash text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      revoked_at timestamptz,
      last_used_at timestamptz)`);
    await q.query(`CREATE INDEX api_key_org_created ON ${s}.api_key (org_id, created_at DESC, id DESC)`);
    await q.query(`CREATE TABLE ${s}.app_user (
      id text PRIMARY KEY,
      org_id text NOT NULL REFERENCES ${s}.organisation(id),
      subject text NOT NULL,
      email text,
      name text,
      role text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT app_user_subject_unique UNIQUE (org_id, subject))`);
    await q.query(`CREATE INDEX app_user_org_created ON ${s}.app_user (org_id, created_at DESC, id DESC)`);
    await q.query(`CREATE TABLE ${s}.audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      org_id text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      role text,
      action text NOT NULL,
      target text,
      result text NOT NULL,
      status integer NOT NULL,
      code text,
      correlation_id text NOT NULL,
      source_ip text,
      details jsonb)`);
    await q.query(`CREATE INDEX audit_log_org_id ON ${s}.audit_log (org_id, id DESC)`);

    for (const [table, column] of [
      ['organisation', 'id'],
      ['api_key', 'org_id'],
      ['app_user', 'org_id'],
      ['audit_log', 'org_id'],
    ] as const) {
      await q.query(`ALTER TABLE ${s}.${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${s}.${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY org_isolation ON ${s}.${table} USING (${column} = ${ORG_POLICY}) WITH CHECK (${column} = ${ORG_POLICY})`,
      );
    }
    // Anyone may resolve an issuer to its organisations; only the organisation itself may change its own entries.
    await q.query(`ALTER TABLE ${s}.oidc_issuer ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE ${s}.oidc_issuer FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY resolve_issuer ON ${s}.oidc_issuer FOR SELECT USING (true)`);
    await q.query(
      `CREATE POLICY org_isolation ON ${s}.oidc_issuer USING (org_id = ${ORG_POLICY}) WITH CHECK (org_id = ${ORG_POLICY})`,
    );
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.audit_log FROM "${APP_ROLE}"`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    for (const table of ['audit_log', 'app_user', 'api_key', 'oidc_issuer', 'organisation']) {
      await q.query(`DROP TABLE IF EXISTS ${s}.${table}`);
    }
  }
}
