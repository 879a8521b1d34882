import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A site of lifecycle's projection, with its ancestor path and outage state. Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'site' })
export class SiteEntity {
  @PrimaryColumn('text', { name: 'org_id' })
  orgId!: string;

  @PrimaryColumn('text', { name: 'site_id' })
  siteId!: string;

  @Column('text', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column('text', { array: true })
  path!: string[];

  @Column('text', { default: () => "'UTC'" })
  timezone!: string;

  @Column('timestamptz', { name: 'unreachable_since', nullable: true })
  unreachableSince!: Date | null;

  @Column('timestamptz', { name: 'recovered_at', nullable: true })
  recoveredAt!: Date | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
