import type { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { siteStateSchema } from './site-state.js';

export const siteCreatedV1Data = siteStateSchema;
export type SiteCreatedV1Data = z.infer<typeof siteCreatedV1Data>;

export const siteCreatedV1 = defineEvent({
  type: 'site.created',
  version: 1,
  description: 'A region, site or building was added to the site tree. Carries its full state.',
  data: siteCreatedV1Data,
});
