import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A node of the site tree. `path` is the materialised path of ids from the root, `/a/b/c/`, so a subtree is
 * `path LIKE '/a/b/%'` on an index with text_pattern_ops.
 */
@Entity({ name: 'site' })
@Index('site_org_code_uq', ['orgId', 'code'], { unique: true })
@Index('site_org_path_idx', { synchronize: false })
@Index('site_parent_idx', ['orgId', 'parentId'])
export class SiteEntity {
  /** Unique within the organisation only: the key is (org_id, id). */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'site_pkey' })
  id!: string;

  @PrimaryColumn('text', { name: 'org_id', primaryKeyConstraintName: 'site_pkey' })
  orgId!: string;

  @Column('text', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => SiteEntity, { nullable: true })
  @JoinColumn([
    { name: 'org_id', referencedColumnName: 'orgId', foreignKeyConstraintName: 'site_parent_fk' },
    { name: 'parent_id', referencedColumnName: 'id', foreignKeyConstraintName: 'site_parent_fk' },
  ])
  parent?: SiteEntity | null;

  @Column('text')
  path!: string;

  @Column('integer')
  depth!: number;

  @Column('text')
  name!: string;

  @Column('text')
  code!: string;

  @Column('text', { nullable: true })
  kind!: string | null;

  @Column('text', { nullable: true })
  address!: string | null;

  @Column('text', { nullable: true })
  country!: string | null;

  @Column('double precision', { nullable: true })
  latitude!: number | null;

  @Column('double precision', { nullable: true })
  longitude!: number | null;

  @Column('text', { nullable: true })
  timezone!: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  tags!: string[];

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
