import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation lifecycle has evaluated (global: catalog events reach them all). Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'known_org' })
export class KnownOrgEntity {
  @PrimaryColumn('text', { name: 'org_id' })
  orgId!: string;

  @Column('timestamptz', { name: 'first_seen_at', default: () => 'now()' })
  firstSeenAt!: Date;
}
