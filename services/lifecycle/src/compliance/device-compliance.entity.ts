import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Firmware compliance of one device. Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'device_compliance' })
export class DeviceComplianceEntity {
  @PrimaryColumn('text', { name: 'org_id' })
  orgId!: string;

  @PrimaryColumn('text', { name: 'device_id' })
  deviceId!: string;

  @Column('text')
  status!: string;

  @Column('boolean')
  compliant!: boolean;

  @Column('integer', { name: 'releases_behind', default: 0 })
  releasesBehind!: number;

  @Column('date', { name: 'behind_since', nullable: true })
  behindSince!: string | null;

  @Column('text', { name: 'latest_version', nullable: true })
  latestVersion!: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  cves!: string[];

  @Column('text', { name: 'max_severity', nullable: true })
  maxSeverity!: string | null;

  @Column('date', { name: 'unsupported_since', nullable: true })
  unsupportedSince!: string | null;

  @Column('timestamptz', { name: 'noncompliant_since', nullable: true })
  noncompliantSince!: Date | null;

  @Column('timestamptz', { name: 'changed_at' })
  changedAt!: Date;
}
