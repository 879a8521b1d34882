import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a device at a catalog position of its model is missing (derived). Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'firmware_position' })
export class FirmwarePositionEntity {
  @PrimaryColumn('text', { name: 'vendor_key' })
  vendorKey!: string;

  @PrimaryColumn('text', { name: 'model_key' })
  modelKey!: string;

  @PrimaryColumn({ type: 'text', name: 'version_key', collation: 'C' })
  versionKey!: string;

  /** The track of the release at this position; null for '' (below every release). */
  @Column('text', { nullable: true })
  track!: string | null;

  /** The line of the release at this position, as the catalog names it; null for ''. */
  @Column('text', { nullable: true })
  line!: string | null;

  @Column('integer', { name: 'newer_count' })
  newerCount!: number;

  @Column('date', { name: 'first_newer_date', nullable: true })
  firstNewerDate!: string | null;

  @Column('text', { name: 'latest_version', nullable: true })
  latestVersion!: string | null;

  @Column('text', { name: 'newer_cves', array: true })
  newerCves!: string[];

  @Column('text', { name: 'newer_max_severity', nullable: true })
  newerMaxSeverity!: string | null;
}
