import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation's approved firmware baseline for a model. Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'firmware_baseline' })
export class FirmwareBaselineEntity {
  @PrimaryColumn('text', { name: 'org_id' })
  orgId!: string;

  @PrimaryColumn('text', { name: 'vendor_key' })
  vendorKey!: string;

  @PrimaryColumn('text', { name: 'model_key' })
  modelKey!: string;

  @Column('text')
  version!: string;

  @Column({ type: 'text', name: 'version_key', collation: 'C' })
  versionKey!: string;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
