import { JoinColumn, ManyToOne, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FirmwareReleaseEntity } from './firmware-release.entity.js';

/** A model a release applies to. Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'firmware_release_model' })
@Index('firmware_release_model_lookup_idx', ['vendorKey', 'modelKey'])
export class FirmwareReleaseModelEntity {
  @PrimaryColumn('uuid', { name: 'release_id' })
  releaseId!: string;

  @PrimaryColumn('text', { name: 'model_key' })
  modelKey!: string;

  @Column('text', { name: 'vendor_key' })
  vendorKey!: string;

  @Column('text')
  model!: string;

  @ManyToOne(() => FirmwareReleaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'release_id', foreignKeyConstraintName: 'firmware_release_model_release_fk' })
  release?: FirmwareReleaseEntity;
}
