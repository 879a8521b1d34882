import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A device of lifecycle's projection (from inventory and health events). Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'device' })
@Index('device_org_site_type_idx', ['orgId', 'siteId', 'type'])
export class DeviceEntity {
  @PrimaryColumn('text', { name: 'org_id' })
  orgId!: string;

  @PrimaryColumn('text', { name: 'device_id' })
  deviceId!: string;

  @Column('text', { name: 'site_id', nullable: true })
  siteId!: string | null;

  @Column('text')
  type!: string;

  @Column('text')
  vendor!: string;

  @Column('text', { name: 'vendor_key' })
  vendorKey!: string;

  @Column('text', { nullable: true })
  model!: string | null;

  @Column('text', { name: 'model_key', nullable: true })
  modelKey!: string | null;

  @Column('text', { name: 'firmware_version', nullable: true })
  firmwareVersion!: string | null;

  @Column({ type: 'text', name: 'version_key', nullable: true, collation: 'C' })
  versionKey!: string | null;

  @Column('text', { name: 'firmware_line', nullable: true })
  firmwareLine!: string | null;

  @Column('date', { name: 'install_date', nullable: true })
  installDate!: string | null;

  @Column('date', { name: 'warranty_end', nullable: true })
  warrantyEnd!: string | null;

  @Column('numeric', { nullable: true, precision: 14, scale: 2 })
  cost!: string | null;

  @Column('text', { default: () => "'active'" })
  status!: string;

  @Column('timestamptz', { name: 'failed_at', nullable: true })
  failedAt!: Date | null;

  @Column('timestamptz', { name: 'offline_since', nullable: true })
  offlineSince!: Date | null;

  @Column('timestamptz', { name: 'health_changed_at', nullable: true })
  healthChangedAt!: Date | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @Column('text', { default: () => "''" })
  name!: string;

  @Column('text', { default: () => "''" })
  serial!: string;

  @Column('text', { name: 'site_path', array: true, default: () => "'{}'" })
  sitePath!: string[];

  @Column('text', { name: 'owner_team', nullable: true })
  ownerTeam!: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  tags!: string[];
}
