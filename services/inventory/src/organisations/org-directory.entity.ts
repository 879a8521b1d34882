import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Ids of the organisations the inventory has seen (no row-level security: it holds no organisation data). */
@Entity({ name: 'org_directory' })
export class OrgDirectoryEntity {
  @PrimaryColumn('text', { name: 'org_id' })
  orgId!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
