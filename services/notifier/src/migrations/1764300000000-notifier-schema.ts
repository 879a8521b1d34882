import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

const ORG_TABLES = [
  'site',
  'incident',
  'incident_log',
  'maintenance_window',
  'maintenance_digest',
  'channel',
  'allowed_host',
  'routing_rule',
  'notification_group',
  'group_member',
  'escalation',
  'delivery',
  'delivery_attempt',
];

/**
 * Notifier tables. Every table is org-owned: RLS enabled and forced, one policy on `fleetward.org_id`.
 * The partial unique index on incident is THE rule "one open incident per (organisation, kind, subject)".
 */
export class NotifierSchema1764300000000 implements MigrationInterface {
  name = 'NotifierSchema1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE TABLE ${s}.site (
      org_id text NOT NULL,
      id text NOT NULL,
      name text NOT NULL,
      path text[] NOT NULL,
      timezone text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id))`);

    await q.query(`CREATE TABLE ${s}.incident (
      id uuid PRIMARY KEY,
      org_id text NOT NULL,
      kind text NOT NULL,
      subject_key text NOT NULL,
      severity text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
      title text NOT NULL,
      site_id text,
      site_name text,
      site_path text[] NOT NULL DEFAULT '{}',
      device_id text,
      device_name text,
      device_type text,
      tags text[] NOT NULL DEFAULT '{}',
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      cause_event_id uuid NOT NULL,
      cause_type text NOT NULL,
      held boolean NOT NULL DEFAULT false,
      /** Bumped by every change worth a notification (opened, got worse, resolved). */
      revision integer NOT NULL DEFAULT 1,
      worse_since_ack boolean NOT NULL DEFAULT false,
      opened_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by text,
      ack_note text,
      resolved_at timestamptz,
      resolved_how text,
      resolved_by text,
      resolve_note text)`);
    await q.query(
      `CREATE UNIQUE INDEX incident_one_open_uq ON ${s}.incident (org_id, kind, subject_key) WHERE status <> 'resolved'`,
    );
    await q.query(`CREATE INDEX incident_org_opened_idx ON ${s}.incident (org_id, opened_at DESC, id DESC)`);
    await q.query(`CREATE INDEX incident_org_status_idx ON ${s}.incident (org_id, status) WHERE status <> 'resolved'`);
    await q.query(`CREATE INDEX incident_site_path_idx ON ${s}.incident USING gin (site_path) WHERE status <> 'resolved'`);

    await q.query(`CREATE TABLE ${s}.incident_log (
      id bigserial PRIMARY KEY,
      org_id text NOT NULL,
      incident_id uuid NOT NULL REFERENCES ${s}.incident(id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now(),
      what text NOT NULL,
      by text,
      note text)`);
    await q.query(`CREATE INDEX incident_log_incident_idx ON ${s}.incident_log (incident_id, id)`);

    await q.query(`CREATE TABLE ${s}.maintenance_window (
      id uuid PRIMARY KEY,
      org_id text NOT NULL,
      scope text NOT NULL CHECK (scope IN ('site', 'device')),
      target_id text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz,
      timezone text NOT NULL,
      recurrence jsonb,
      reason text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      cancelled_at timestamptz,
      CHECK (recurrence IS NOT NULL OR ends_at IS NOT NULL))`);
    await q.query(`CREATE INDEX maintenance_window_target_idx ON ${s}.maintenance_window (org_id, target_id) WHERE cancelled_at IS NULL`);
    await q.query(`CREATE TABLE ${s}.maintenance_digest (
      org_id text NOT NULL,
      window_id uuid NOT NULL REFERENCES ${s}.maintenance_window(id) ON DELETE CASCADE,
      occurrence_end timestamptz NOT NULL,
      sent_at timestamptz,
      PRIMARY KEY (window_id, occurrence_end))`);

    await q.query(`CREATE TABLE ${s}.channel (
      id uuid PRIMARY KEY,
      org_id text NOT NULL,
      name text NOT NULL,
      type text NOT NULL CHECK (type IN ('email', 'webhook', 'slack', 'teams')),
      target text NOT NULL,
      secrets text[] NOT NULL DEFAULT '{}',
      enabled boolean NOT NULL DEFAULT true,
      disabled_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX channel_org_name_uq ON ${s}.channel (org_id, name)`);
    await q.query(`CREATE TABLE ${s}.allowed_host (
      org_id text NOT NULL,
      host text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, host))`);

    await q.query(`CREATE TABLE ${s}.routing_rule (
      id uuid PRIMARY KEY,
      org_id text NOT NULL,
      name text NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      match jsonb NOT NULL,
      channel_ids uuid[] NOT NULL,
      timing jsonb NOT NULL,
      quiet_hours jsonb,
      escalate_after_sec integer,
      escalation_channel_ids uuid[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE ${s}.notification_group (
      id uuid PRIMARY KEY,
      org_id text NOT NULL,
      rule_id uuid NOT NULL REFERENCES ${s}.routing_rule(id) ON DELETE CASCADE,
      group_key text NOT NULL,
      first_alert_at timestamptz NOT NULL,
      last_sent_at timestamptz,
      changed_since_send boolean NOT NULL DEFAULT true,
      next_send_at timestamptz,
      seq integer NOT NULL DEFAULT 0,
      UNIQUE (org_id, rule_id, group_key))`);
    await q.query(`CREATE INDEX notification_group_due_idx ON ${s}.notification_group (next_send_at) WHERE next_send_at IS NOT NULL`);
    await q.query(`CREATE TABLE ${s}.group_member (
      org_id text NOT NULL,
      group_id uuid NOT NULL REFERENCES ${s}.notification_group(id) ON DELETE CASCADE,
      incident_id uuid NOT NULL REFERENCES ${s}.incident(id) ON DELETE CASCADE,
      /** The incident revision last notified through this group; null = never notified. */
      notified_revision integer,
      PRIMARY KEY (group_id, incident_id))`);

    await q.query(`CREATE TABLE ${s}.escalation (
      org_id text NOT NULL,
      incident_id uuid NOT NULL REFERENCES ${s}.incident(id) ON DELETE CASCADE,
      rule_id uuid NOT NULL REFERENCES ${s}.routing_rule(id) ON DELETE CASCADE,
      due_at timestamptz NOT NULL,
      sent_at timestamptz,
      PRIMARY KEY (incident_id, rule_id))`);
    await q.query(`CREATE INDEX escalation_due_idx ON ${s}.escalation (due_at) WHERE sent_at IS NULL`);

    await q.query(`CREATE TABLE ${s}.delivery (
      id text PRIMARY KEY,
      org_id text NOT NULL,
      channel_id uuid NOT NULL REFERENCES ${s}.channel(id) ON DELETE CASCADE,
      reason text NOT NULL,
      incident_ids uuid[] NOT NULL DEFAULT '{}',
      payload jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      last_status integer,
      last_error text,
      latency_ms integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz)`);
    await q.query(`CREATE INDEX delivery_org_created_idx ON ${s}.delivery (org_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX delivery_incidents_idx ON ${s}.delivery USING gin (incident_ids)`);
    await q.query(`CREATE INDEX delivery_pending_idx ON ${s}.delivery (created_at) WHERE status = 'pending'`);
    await q.query(`CREATE TABLE ${s}.delivery_attempt (
      id bigserial PRIMARY KEY,
      org_id text NOT NULL,
      delivery_id text NOT NULL REFERENCES ${s}.delivery(id) ON DELETE CASCADE,
      attempt integer NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      outcome text NOT NULL,
      status_code integer,
      error text,
      latency_ms integer NOT NULL)`);
    await q.query(`CREATE INDEX delivery_attempt_delivery_idx ON ${s}.delivery_attempt (delivery_id, attempt)`);

    // Not org data: the organisations this service has seen, so schedulers can work per organisation under RLS.
    await q.query(`CREATE TABLE ${s}.known_org (org_id text PRIMARY KEY, first_seen_at timestamptz NOT NULL DEFAULT now())`);

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
    for (const t of [...ORG_TABLES, 'known_org'].reverse()) await q.query(`DROP TABLE IF EXISTS ${s}.${t} CASCADE`);
  }
}
