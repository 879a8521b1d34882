import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { siteFieldSchema, siteStateSchema } from './site-state.js';

export const siteUpdatedV1Data = siteStateSchema.extend({
  changed: z
    .array(siteFieldSchema)
    .min(1)
    .describe('The fields whose value differs from the previous state (`parentId` and `path` when the site moved).'),
});
export type SiteUpdatedV1Data = z.infer<typeof siteUpdatedV1Data>;

export const siteUpdatedV1 = defineEvent({
  type: 'site.updated',
  version: 1,
  description: 'A site changed or moved in the tree. Carries its full new state and the changed field names.',
  data: siteUpdatedV1Data,
});
