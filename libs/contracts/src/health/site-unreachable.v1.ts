import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { deviceIdSchema } from '../ids.js';
import { isoDateTimeSchema } from '../common/time.js';
import { healthSiteShape, MAX_UNREACHABLE_DEVICE_IDS } from './health-subject.js';

export const siteUnreachableV1Data = z.strictObject({
  ...healthSiteShape,
  deviceCount: z.number().int().positive().describe('Devices expected at the site (and below it).'),
  offlineDeviceIds: z
    .array(deviceIdSchema)
    .min(1)
    .max(MAX_UNREACHABLE_DEVICE_IDS)
    .describe('The devices that went silent together; `offlineDeviceIds.length <= deviceCount`.'),
  since: isoDateTimeSchema.describe('When the site went silent (the earliest last heartbeat of the group).'),
  detectedAt: isoDateTimeSchema,
});
export type SiteUnreachableV1Data = z.infer<typeof siteUnreachableV1Data>;

export const siteUnreachableV1 = defineEvent({
  type: 'site.unreachable',
  version: 1,
  description:
    'A whole site went silent (power, WAN or collector loss): one event instead of one device.offline per device.',
  data: siteUnreachableV1Data,
});
