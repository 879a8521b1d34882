import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One state change of a replacement item (written by a trigger; append-only). Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'replacement_item_audit' })
@Index('replacement_item_audit_item_idx', ['orgId', 'itemId', 'id'])
export class ReplacementItemAuditEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('uuid', { name: 'item_id' })
  itemId!: string;

  @Column('text', { name: 'from_state', nullable: true })
  fromState!: string | null;

  @Column('text', { name: 'to_state' })
  toState!: string;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text')
  actor!: string;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;
}
