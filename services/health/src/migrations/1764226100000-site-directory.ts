import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

/** The sites the inventory told health about, so site and device events name the site ("Berlin HQ", not an id). */
export class SiteDirectory1764226100000 implements MigrationInterface {
  name = 'SiteDirectory1764226100000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE TABLE ${s}.site_directory (
      org_id text NOT NULL,
      site_id text NOT NULL,
      name text NOT NULL,
      path text[] NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, site_id))`);
    await q.query(`ALTER TABLE ${s}.site_directory ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE ${s}.site_directory FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY site_directory_org ON ${s}.site_directory USING (org_id = current_setting('fleetward.org_id', true)) ` +
        `WITH CHECK (org_id = current_setting('fleetward.org_id', true))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${schemaOf(q)}".site_directory`);
  }
}
