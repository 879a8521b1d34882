import { z } from 'zod';
import { deviceIdSchema, orgIdSchema, siteIdSchema } from '../ids.js';
import { deviceTypeSchema, tagSchema } from '../common/device-kind.js';

/** Most device ids listed in one site event (keeps the message far below NATS' 1 MB limit). */
export const MAX_UNREACHABLE_DEVICE_IDS = 10_000;

/** Who a device liveness event is about: enough to route, filter and display an alert without asking the inventory. */
export const healthDeviceShape = {
  orgId: orgIdSchema,
  siteId: siteIdSchema.nullable(),
  siteName: z.string().min(1).nullable().describe("`null` when the health service has not learnt the site's name."),
  sitePath: z
    .array(siteIdSchema)
    .describe('Site ids from the root down to and including `siteId`; empty when the device has no site.'),
  deviceId: deviceIdSchema,
  deviceName: z.string().min(1),
  type: deviceTypeSchema,
  tags: z.array(tagSchema),
};

/** Who a site liveness event is about. */
export const healthSiteShape = {
  orgId: orgIdSchema,
  siteId: siteIdSchema,
  siteName: z.string().min(1).nullable(),
  sitePath: z.array(siteIdSchema).min(1).describe('Site ids from the root down to and including `siteId`.'),
};
