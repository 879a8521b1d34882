import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One CSV import: its progress counters are updated as batches land, so a client can poll it. */
@Entity({ name: 'import_job' })
@Index('import_job_org_created_idx', ['orgId', 'createdAt'])
export class ImportJobEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('text')
  status!: string;

  @Column('text', { name: 'file_name', nullable: true })
  fileName!: string | null;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @Column('integer', { name: 'rows_total', default: 0 })
  rowsTotal!: number;

  @Column('integer', { name: 'rows_inserted', default: 0 })
  rowsInserted!: number;

  @Column('integer', { name: 'rows_updated', default: 0 })
  rowsUpdated!: number;

  @Column('integer', { name: 'rows_unchanged', default: 0 })
  rowsUnchanged!: number;

  @Column('integer', { name: 'rows_rejected', default: 0 })
  rowsRejected!: number;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt!: Date | null;
}
