import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A replacement policy for an organisation, site subtree and/or device type. Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'replacement_policy' })
@Index('replacement_policy_scope_uq', { synchronize: false })
@Check(
  'replacement_policy_kind_check',
  `kind = ANY (ARRAY['warranty-expiry'::text, 'run-to-failure'::text, 'firmware-support-end'::text, 'age'::text])`,
)
export class ReplacementPolicyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('text', { name: 'site_id', nullable: true })
  siteId!: string | null;

  @Column('text', { name: 'device_type', nullable: true })
  deviceType!: string | null;

  @Column('text')
  kind!: string;

  @Column('integer', { name: 'offline_days', nullable: true })
  offlineDays!: number | null;

  @Column('integer', { name: 'age_years', nullable: true })
  ageYears!: number | null;

  @Column('integer', { name: 'lead_days', default: 90 })
  leadDays!: number;

  @Column('numeric', { name: 'annual_cap_pct', nullable: true, precision: 5, scale: 2 })
  annualCapPct!: string | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
