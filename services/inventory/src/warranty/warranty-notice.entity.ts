import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DeviceEntity } from '../devices/device.entity.js';

/**
 * A warranty event that was emitted. The unique key (device, kind, lead days, warranty end) is what makes each
 * notice exactly-once, and a changed warranty end a new plan.
 */
@Entity({ name: 'warranty_notice' })
@Index('warranty_notice_once_uq', ['deviceId', 'kind', 'leadDays', 'warrantyEnd'], { unique: true })
export class WarrantyNoticeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('uuid', { name: 'device_id' })
  deviceId!: string;

  @ManyToOne(() => DeviceEntity)
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'warranty_notice_device_fk' })
  device?: DeviceEntity;

  @Column('text')
  kind!: string;

  @Column('integer', { name: 'lead_days' })
  leadDays!: number;

  @Column('date', { name: 'warranty_end' })
  warrantyEnd!: string;

  @Column('date', { name: 'due_on' })
  dueOn!: string;

  @Column('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
