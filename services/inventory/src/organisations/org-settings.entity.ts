import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per-organisation inventory settings, created lazily the first time an organisation is seen. */
@Entity({ name: 'org_settings' })
export class OrgSettingsEntity {
  @PrimaryColumn('text', { name: 'org_id' })
  orgId!: string;

  @Column('text', { default: 'UTC' })
  timezone!: string;

  /** `{ [deviceType]: { intervalSeconds, offlineAfterSeconds } }` */
  @Column('jsonb', { name: 'heartbeat_defaults', default: () => "'{}'" })
  heartbeatDefaults!: Record<string, { intervalSeconds: number; offlineAfterSeconds: number }>;

  @Column('integer', { name: 'warranty_lead_days', array: true, default: () => "'{90,30,7}'" })
  warrantyLeadDays!: number[];

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
