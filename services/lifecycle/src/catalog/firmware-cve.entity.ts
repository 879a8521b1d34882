import { JoinColumn, ManyToOne, Column, Entity, PrimaryColumn } from 'typeorm';
import { FirmwareReleaseEntity } from './firmware-release.entity.js';

/** A CVE a release fixes. Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'firmware_cve' })
export class FirmwareCveEntity {
  @PrimaryColumn('uuid', { name: 'release_id' })
  releaseId!: string;

  @PrimaryColumn('text', { name: 'cve_id' })
  cveId!: string;

  @Column('text')
  severity!: string;

  @ManyToOne(() => FirmwareReleaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'release_id', foreignKeyConstraintName: 'firmware_cve_release_fk' })
  release?: FirmwareReleaseEntity;
}
