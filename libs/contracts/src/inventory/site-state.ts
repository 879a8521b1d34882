import { z } from 'zod';
import { orgIdSchema, siteIdSchema } from '../ids.js';
import { isoDateTimeSchema } from '../common/time.js';
import { tagSchema } from '../common/device-kind.js';

/** The whole state of a node of the site tree (region > site > building): every site.* event carries all of it. */
export const siteStateSchema = z.strictObject({
  id: siteIdSchema,
  orgId: orgIdSchema,
  parentId: siteIdSchema.nullable(),
  /** Site ids from the root down to and including `id`. */
  path: z.array(siteIdSchema).min(1),
  name: z.string().min(1),
  /** The organisation's own short code (store number...), unique within the organisation. */
  code: z.string().min(1),
  /** e.g. `region`, `site`, `building`; free text chosen by the organisation. */
  kind: z.string().min(1).nullable(),
  address: z.string().min(1).nullable(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code').nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  /** IANA time zone, e.g. `Europe/Paris`. */
  timezone: z.string().min(1).nullable(),
  tags: z.array(tagSchema),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type SiteState = z.infer<typeof siteStateSchema>;

export const siteFieldSchema = siteStateSchema.keyof().exclude(['id', 'orgId', 'createdAt', 'updatedAt']);
export type SiteField = z.infer<typeof siteFieldSchema>;
