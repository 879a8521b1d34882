import { z } from 'zod';
import { siteIdSchema } from '../ids.js';
import { tagsInputSchema } from './device-fields.js';
import { siteStateSchema } from './site-state.js';

/** A site as the API shows it: its event state (without orgId) plus its depth in the tree (0 = root). */
export const siteSchema = siteStateSchema.omit({ orgId: true }).extend({ depth: z.number().int() });
export type Site = z.infer<typeof siteSchema>;

export const siteFieldsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  code: z.string().trim().min(1).max(64),
  kind: z.string().trim().min(1).max(40).nullable().optional(),
  address: z.string().trim().min(1).max(500).nullable().optional(),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code').nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  timezone: z.string().max(64).nullable().optional(),
  tags: tagsInputSchema.optional(),
});
export const siteCreateSchema = siteFieldsSchema.extend({
  /** Optional caller-chosen id (it appears in heartbeat subjects). */
  id: siteIdSchema.optional(),
  parentId: z.string().nullable().optional(),
});
export const siteUpdateSchema = siteFieldsSchema.partial();
