import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DeviceModelEntity } from '../device-models/device-model.entity.js';
import { SiteEntity } from '../sites/site.entity.js';

/**
 * A device. `warranty_end` is the effective date: the explicit one when given, else purchase date + model term.
 * `vendor_key` is the lower-cased vendor: serials are unique per (org, vendor_key).
 */
@Entity({ name: 'device' })
@Index('device_org_vendor_serial_uq', ['orgId', 'vendorKey', 'serial'], { unique: true })
@Index('device_token_hash_uq', ['heartbeatTokenHash'], { unique: true })
@Index('device_org_name_idx', ['orgId', 'name', 'id'])
@Index('device_org_created_at_idx', ['orgId', 'createdAt', 'id'])
@Index('device_org_updated_at_idx', ['orgId', 'updatedAt', 'id'])
@Index('device_org_warranty_end_idx', ['orgId', 'warrantyEnd', 'id'])
@Index('device_org_serial_idx', ['orgId', 'serial', 'id'])
@Index('device_org_site_id_f_idx', ['orgId', 'siteId'])
@Index('device_org_model_id_f_idx', ['orgId', 'modelId'])
@Index('device_org_firmware_version_f_idx', ['orgId', 'firmwareVersion'])
@Index('device_tags_idx', { synchronize: false })
@Index('device_search_trgm_idx', { synchronize: false })
export class DeviceEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('text')
  vendor!: string;

  @Column('text', { name: 'vendor_key' })
  vendorKey!: string;

  @Column('text', { nullable: true })
  model!: string | null;

  @Column('uuid', { name: 'model_id', nullable: true })
  modelId!: string | null;

  @ManyToOne(() => DeviceModelEntity, { nullable: true })
  @JoinColumn({ name: 'model_id', foreignKeyConstraintName: 'device_model_fk' })
  modelRef?: DeviceModelEntity | null;

  @Column('text')
  type!: string;

  @Column('text')
  name!: string;

  @Column('text')
  serial!: string;

  @Column('text', { nullable: true })
  mac!: string | null;

  @Column('text', { nullable: true })
  ip!: string | null;

  @Column('text', { nullable: true })
  hostname!: string | null;

  @Column('text', { name: 'site_id', nullable: true })
  siteId!: string | null;

  @ManyToOne(() => SiteEntity, { nullable: true })
  @JoinColumn([
    { name: 'org_id', referencedColumnName: 'orgId', foreignKeyConstraintName: 'device_site_fk' },
    { name: 'site_id', referencedColumnName: 'id', foreignKeyConstraintName: 'device_site_fk' },
  ])
  site?: SiteEntity | null;

  @Column('text', { name: 'firmware_version', nullable: true })
  firmwareVersion!: string | null;

  @Column('date', { name: 'install_date', nullable: true })
  installDate!: string | null;

  @Column('date', { name: 'purchase_date', nullable: true })
  purchaseDate!: string | null;

  @Column('numeric', { name: 'purchase_cost', precision: 14, scale: 2, nullable: true })
  purchaseCost!: string | null;

  @Column('date', { name: 'warranty_end_explicit', nullable: true })
  warrantyEndExplicit!: string | null;

  @Column('date', { name: 'warranty_end', nullable: true })
  warrantyEnd!: string | null;

  @Column('text', { name: 'owner_team', nullable: true })
  ownerTeam!: string | null;

  @Column('text', { default: 'active' })
  status!: string;

  @Column('text', { array: true, default: () => "'{}'" })
  tags!: string[];

  @Column('text', { nullable: true })
  notes!: string | null;

  @Column('jsonb', { name: 'custom_fields', default: () => "'{}'" })
  customFields!: Record<string, unknown>;

  /** Overrides of the organisation's per-type defaults; null inherits. */
  @Column('integer', { name: 'heartbeat_interval_sec', nullable: true })
  heartbeatIntervalSec!: number | null;

  @Column('integer', { name: 'offline_threshold_sec', nullable: true })
  offlineThresholdSec!: number | null;

  @Column('text', { name: 'heartbeat_token_hash', nullable: true })
  heartbeatTokenHash!: string | null;

  @Column('timestamptz', { name: 'decommissioned_at', nullable: true })
  decommissionedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
