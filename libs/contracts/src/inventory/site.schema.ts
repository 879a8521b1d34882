import { z } from 'zod';
import { siteIdSchema } from '../ids.js';
import { tagsSchema } from './device-fields.js';

export const siteKindSchema = z.enum(['region', 'site', 'building', 'floor', 'area']);

export const siteSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  /** Ids from the root to this site, this site last. */
  ancestors: z.array(z.string()),
  depth: z.number().int(),
  name: z.string(),
  code: z.string(),
  kind: siteKindSchema.nullable(),
  address: z.string().nullable(),
  country: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  timezone: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Site = z.infer<typeof siteSchema>;

export const siteFieldsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  code: z.string().trim().min(1).max(64),
  kind: siteKindSchema.nullable().optional(),
  address: z.string().max(500).nullable().optional(),
  country: z.string().length(2).toUpperCase().nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  timezone: z.string().max(64).nullable().optional(),
  tags: tagsSchema.optional(),
});
export const siteCreateSchema = siteFieldsSchema.extend({
  /** Optional caller-chosen id (it appears in heartbeat subjects). */
  id: siteIdSchema.optional(),
  parentId: z.string().nullable().optional(),
});
export const siteUpdateSchema = siteFieldsSchema.partial();
