import { Column, Entity, PrimaryColumn } from 'typeorm';

/** End of support of a model. Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'firmware_model_support' })
export class FirmwareModelSupportEntity {
  @PrimaryColumn('text', { name: 'vendor_key' })
  vendorKey!: string;

  @PrimaryColumn('text', { name: 'model_key' })
  modelKey!: string;

  @Column('date', { name: 'end_of_support' })
  endOfSupport!: string;
}
