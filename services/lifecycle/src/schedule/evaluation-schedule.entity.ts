import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * When an organisation's daily evaluation is next due (its next local midnight) and which replica holds the current
 * run, until when. Written by set-based SQL; the entity documents the table for the schema check.
 */
@Entity({ name: 'evaluation_schedule' })
@Index('evaluation_schedule_due_idx', ['nextDueAt'])
export class EvaluationScheduleEntity {
  @PrimaryColumn('text', { name: 'org_id' })
  orgId!: string;

  @Column('timestamptz', { name: 'next_due_at' })
  nextDueAt!: Date;

  /** Names one claim: only the run that holds it may finish it. */
  @Column('uuid', { name: 'lease_token', nullable: true })
  leaseToken!: string | null;

  @Column('text', { name: 'leased_by', nullable: true })
  leasedBy!: string | null;

  @Column('timestamptz', { name: 'lease_until', nullable: true })
  leaseUntil!: Date | null;

  /** Claims since the last completed run: above 1, earlier runs died or failed. */
  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('integer', { default: 0 })
  runs!: number;

  @Column('timestamptz', { name: 'last_run_at', nullable: true })
  lastRunAt!: Date | null;

  /** When events last changed the organisation's projection (see schedule.sql.ts REQUEST_SOON). */
  @Column('timestamptz', { name: 'changed_at', nullable: true })
  changedAt!: Date | null;

  /** The first change since the last evaluation (null when none is pending). */
  @Column('timestamptz', { name: 'pending_since', nullable: true })
  pendingSince!: Date | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;
}
