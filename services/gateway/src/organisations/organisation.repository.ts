import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { withOrg } from '@fleetward/platform';
import { returned } from '../common/returning.js';
import type { OidcSettings, Organisation } from '@fleetward/contracts';

interface OrgRow {
  id: string;
  name: string;
  oidc_issuer: string | null;
  oidc_audience: string | null;
  oidc_jwks_url: string | null;
  created_at: Date;
}

function toOrganisation(r: OrgRow): Organisation {
  const oidc =
    r.oidc_issuer && r.oidc_audience && r.oidc_jwks_url
      ? { issuer: r.oidc_issuer, audience: r.oidc_audience, jwksUrl: r.oidc_jwks_url }
      : null;
  return { id: r.id, name: r.name, oidc, createdAt: r.created_at.toISOString() };
}

/** Organisations' auth records. Every read and write runs inside the organisation's row-level-security scope. */
@Injectable()
export class OrganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  get(orgId: string): Promise<Organisation | null> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows: OrgRow[] = await m.query('SELECT * FROM organisation WHERE id = $1', [orgId]);
      return rows[0] ? toOrganisation(rows[0]) : null;
    });
  }

  /** Creates the organisation when missing; returns it either way. */
  ensure(orgId: string, name: string): Promise<{ organisation: Organisation; created: boolean }> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const inserted: OrgRow[] = await m.query(
        'INSERT INTO organisation (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING *',
        [orgId, name],
      );
      if (inserted[0]) return { organisation: toOrganisation(inserted[0]), created: true };
      const rows: OrgRow[] = await m.query('SELECT * FROM organisation WHERE id = $1', [orgId]);
      return { organisation: toOrganisation(rows[0]!), created: false };
    });
  }

  setOidc(orgId: string, oidc: OidcSettings | null): Promise<Organisation | null> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows = returned<OrgRow>(
        await m.query(
          `UPDATE organisation SET oidc_issuer = $2, oidc_audience = $3, oidc_jwks_url = $4, updated_at = now()
         WHERE id = $1 RETURNING *`,
          [orgId, oidc?.issuer ?? null, oidc?.audience ?? null, oidc?.jwksUrl ?? null],
        ),
      );
      if (!rows[0]) return null;
      await this.indexIssuer(m, orgId, oidc?.issuer ?? null);
      return toOrganisation(rows[0]);
    });
  }

  /** Organisations whose OIDC settings name `issuer` (usually one). */
  async orgsForIssuer(issuer: string): Promise<string[]> {
    const rows: { org_id: string }[] = await this.dataSource.query(
      'SELECT org_id FROM oidc_issuer WHERE issuer = $1 ORDER BY org_id',
      [issuer],
    );
    return rows.map((r) => r.org_id);
  }

  private async indexIssuer(m: EntityManager, orgId: string, issuer: string | null): Promise<void> {
    await m.query('DELETE FROM oidc_issuer WHERE org_id = $1', [orgId]);
    if (issuer) await m.query('INSERT INTO oidc_issuer (issuer, org_id) VALUES ($1, $2)', [issuer, orgId]);
  }
}
