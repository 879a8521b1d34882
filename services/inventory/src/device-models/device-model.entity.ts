import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A vendor's model. End-of-sale/support dates are `known` (with a date), `unknown` or `not-announced`, each with a source. */
@Entity({ name: 'device_model' })
@Index('device_model_org_vendor_model_uq', ['orgId', 'vendorKey', 'model'], { unique: true })
export class DeviceModelEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'org_id' })
  orgId!: string;

  @Column('text')
  vendor!: string;

  @Column('text', { name: 'vendor_key' })
  vendorKey!: string;

  @Column('text')
  model!: string;

  @Column('text')
  type!: string;

  @Column('integer', { name: 'warranty_months', nullable: true })
  warrantyMonths!: number | null;

  @Column('text', { name: 'end_of_sale_status', default: 'unknown' })
  endOfSaleStatus!: string;

  @Column('date', { name: 'end_of_sale_date', nullable: true })
  endOfSaleDate!: string | null;

  @Column('text', { name: 'end_of_sale_source', nullable: true })
  endOfSaleSource!: string | null;

  @Column('text', { name: 'end_of_support_status', default: 'unknown' })
  endOfSupportStatus!: string;

  @Column('date', { name: 'end_of_support_date', nullable: true })
  endOfSupportDate!: string | null;

  @Column('text', { name: 'end_of_support_source', nullable: true })
  endOfSupportSource!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
