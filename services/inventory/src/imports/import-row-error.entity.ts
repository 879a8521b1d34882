import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImportJobEntity } from './import-job.entity.js';

/** A rejected CSV row: its 1-based data row number (header excluded), why, and the raw values. */
@Entity({ name: 'import_row_error' })
export class ImportRowErrorEntity {
  @PrimaryColumn('uuid', { name: 'job_id' })
  jobId!: string;

  @ManyToOne(() => ImportJobEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'import_row_error_job_fk' })
  job?: ImportJobEntity;

  @PrimaryColumn('integer', { name: 'row_number' })
  rowNumber!: number;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('text')
  reason!: string;

  @Column('text', { nullable: true })
  raw!: string | null;
}
