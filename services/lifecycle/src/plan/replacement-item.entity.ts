import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A device to replace, for one reason, and what people decided about it. Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'replacement_item' })
@Index('replacement_item_once_uq', ['orgId', 'deviceId', 'reason'], { unique: true })
@Index('replacement_item_org_due_idx', ['orgId', 'dueDate', 'id'])
@Check(
  'replacement_item_state_check',
  `state = ANY (ARRAY['proposed'::text, 'approved'::text, 'ordered'::text, 'replaced'::text, 'deferred'::text, 'dismissed'::text])`,
)
export class ReplacementItemEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('text', { name: 'device_id' })
  deviceId!: string;

  @Column('text')
  reason!: string;

  @Column('date', { name: 'trigger_date' })
  triggerDate!: string;

  @Column('date', { name: 'due_date' })
  dueDate!: string;

  @Column('integer')
  priority!: number;

  @Column('numeric', { name: 'estimated_cost', nullable: true, precision: 14, scale: 2 })
  estimatedCost!: string | null;

  @Column('text')
  state!: string;

  @Column('text', { name: 'state_reason', nullable: true })
  stateReason!: string | null;

  @Column('text', { name: 'replaced_by_device_id', nullable: true })
  replacedByDeviceId!: string | null;

  @Column('timestamptz', { name: 'due_published_at', nullable: true })
  duePublishedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @Column('uuid', { name: 'policy_id', nullable: true })
  policyId!: string | null;
}
