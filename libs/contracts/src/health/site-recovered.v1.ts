import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { durationSecSchema, isoDateTimeSchema } from '../common/time.js';
import { deviceIdSchema } from '../ids.js';
import { healthSiteShape, MAX_UNREACHABLE_DEVICE_IDS } from './health-subject.js';

export const siteRecoveredV1Data = z.strictObject({
  ...healthSiteShape,
  unreachableSince: isoDateTimeSchema.describe('The `since` of the matching `site.unreachable`.'),
  recoveredAt: isoDateTimeSchema,
  durationSec: durationSecSchema.describe('Seconds from `unreachableSince` to `recoveredAt`.'),
  deviceCount: z.number().int().positive(),
  stillOfflineDeviceIds: z
    .array(deviceIdSchema)
    .max(MAX_UNREACHABLE_DEVICE_IDS)
    .describe('Devices still silent after the site came back (each then gets its own `device.offline`).'),
});
export type SiteRecoveredV1Data = z.infer<typeof siteRecoveredV1Data>;

export const siteRecoveredV1 = defineEvent({
  type: 'site.recovered',
  version: 1,
  description: 'An unreachable site is heard from again. Carries how long the outage lasted.',
  data: siteRecoveredV1Data,
});
