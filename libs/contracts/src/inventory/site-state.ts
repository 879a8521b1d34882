import { z } from 'zod';
import { orgIdSchema, siteIdSchema } from '../ids.js';
import { isoDateTimeSchema } from '../common/time.js';
import { tagSchema } from '../common/device-kind.js';

/** The whole state of a node of the site tree (region > site > building): every site.* event carries all of it. */
export const siteStateSchema = z.strictObject({
  id: siteIdSchema,
  orgId: orgIdSchema,
  parentId: siteIdSchema.nullable(),
  path: z.array(siteIdSchema).min(1).describe('Site ids from the root down to and including `id`.'),
  name: z.string().min(1),
  code: z
    .string()
    .min(1)
    .describe("The organisation's own short code (store number...), unique within the organisation."),
  kind: z
    .string()
    .min(1)
    .nullable()
    .describe('e.g. `region`, `site`, `building`; free text chosen by the organisation.'),
  address: z.string().min(1).nullable(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .nullable()
    .describe('ISO 3166-1 alpha-2.'),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  timezone: z.string().min(1).nullable().describe('IANA time zone, e.g. `Europe/Paris`.'),
  tags: z.array(tagSchema),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type SiteState = z.infer<typeof siteStateSchema>;

export const siteFieldSchema = siteStateSchema.keyof().exclude(['id', 'orgId', 'createdAt', 'updatedAt']);
export type SiteField = z.infer<typeof siteFieldSchema>;
