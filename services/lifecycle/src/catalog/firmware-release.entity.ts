import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A vendor firmware release in the global catalog. Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'firmware_release' })
@Index('firmware_release_vendor_version_uq', ['vendorKey', 'versionKey'], { unique: true })
export class FirmwareReleaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  vendor!: string;

  @Column('text', { name: 'vendor_key' })
  vendorKey!: string;

  @Column('text')
  version!: string;

  @Column({ type: 'text', name: 'version_key', collation: 'C' })
  versionKey!: string;

  @Column('text')
  line!: string;

  @Column('text', { default: () => "'active'" })
  track!: string;

  @Column('date', { name: 'release_date' })
  releaseDate!: string;

  @Column('date', { name: 'line_end_of_support', nullable: true })
  lineEndOfSupport!: string | null;

  @Column('text', { name: 'notes_url', nullable: true })
  notesUrl!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
