import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

/**
 * Site ids belong to their organisation: the key becomes (org_id, id), and the site tree and devices refer to a site
 * of their own organisation. With a global key, creating a site with another organisation's id answered 409
 * SITE_ID_TAKEN: an oracle for which ids exist elsewhere. The key keeps its name, `site_pkey`, so a duplicate within
 * the organisation is still SITE_ID_TAKEN.
 */
export class SiteKeyPerOrg1764220000004 implements MigrationInterface {
  name = 'SiteKeyPerOrg1764220000004';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`ALTER TABLE ${s}.device DROP CONSTRAINT device_site_fk`);
    await q.query(`ALTER TABLE ${s}.site DROP CONSTRAINT site_parent_fk`);
    await q.query(`ALTER TABLE ${s}.site DROP CONSTRAINT site_pkey`);
    await q.query(`ALTER TABLE ${s}.site ADD CONSTRAINT site_pkey PRIMARY KEY (org_id, id)`);
    await q.query(
      `ALTER TABLE ${s}.site ADD CONSTRAINT site_parent_fk FOREIGN KEY (org_id, parent_id) REFERENCES ${s}.site(org_id, id)`,
    );
    await q.query(
      `ALTER TABLE ${s}.device ADD CONSTRAINT device_site_fk FOREIGN KEY (org_id, site_id) REFERENCES ${s}.site(org_id, id)`,
    );
    await q.query(`DROP INDEX ${s}.site_parent_idx`);
    await q.query(`CREATE INDEX site_parent_idx ON ${s}.site (org_id, parent_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`ALTER TABLE ${s}.device DROP CONSTRAINT device_site_fk`);
    await q.query(`ALTER TABLE ${s}.site DROP CONSTRAINT site_parent_fk`);
    await q.query(`ALTER TABLE ${s}.site DROP CONSTRAINT site_pkey`);
    await q.query(`ALTER TABLE ${s}.site ADD CONSTRAINT site_pkey PRIMARY KEY (id)`);
    await q.query(
      `ALTER TABLE ${s}.site ADD CONSTRAINT site_parent_fk FOREIGN KEY (parent_id) REFERENCES ${s}.site(id)`,
    );
    await q.query(
      `ALTER TABLE ${s}.device ADD CONSTRAINT device_site_fk FOREIGN KEY (site_id) REFERENCES ${s}.site(id)`,
    );
    await q.query(`DROP INDEX ${s}.site_parent_idx`);
    await q.query(`CREATE INDEX site_parent_idx ON ${s}.site (parent_id)`);
  }
}
