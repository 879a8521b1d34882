import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Default replacement cost of a model, per organisation. Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'model_cost' })
export class ModelCostEntity {
  @PrimaryColumn('text', { name: 'org_id' })
  orgId!: string;

  @PrimaryColumn('text', { name: 'vendor_key' })
  vendorKey!: string;

  @PrimaryColumn('text', { name: 'model_key' })
  modelKey!: string;

  @Column('numeric', { name: 'default_cost', precision: 14, scale: 2 })
  defaultCost!: string;
}
