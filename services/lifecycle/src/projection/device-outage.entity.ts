import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One device outage, site-wide or not (for observed failure rates). Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'device_outage' })
export class DeviceOutageEntity {
  @PrimaryColumn('text', { name: 'org_id' })
  orgId!: string;

  @PrimaryColumn('text', { name: 'device_id' })
  deviceId!: string;

  @PrimaryColumn('timestamptz', { name: 'started_at' })
  startedAt!: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @Column('boolean', { name: 'site_wide', default: false })
  siteWide!: boolean;
}
