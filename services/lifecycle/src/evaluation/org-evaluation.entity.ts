import { Column, Entity, PrimaryColumn } from 'typeorm';

/** When an organisation was last evaluated. Written by set-based SQL; the entity documents the table for the schema check. */
@Entity({ name: 'org_evaluation' })
export class OrgEvaluationEntity {
  @PrimaryColumn('text', { name: 'org_id' })
  orgId!: string;

  @Column('timestamptz', { name: 'evaluated_at' })
  evaluatedAt!: Date;
}
