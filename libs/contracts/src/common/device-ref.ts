import { z } from 'zod';
import { deviceIdSchema, siteIdSchema } from '../ids.js';
import { deviceTypeSchema, ownerTeamSchema, tagSchema } from './device-kind.js';

/**
 * What an event about one device says about that device, so that a consumer can route, filter and display it
 * without asking the inventory.
 */
export const deviceRefSchema = z.strictObject({
  id: deviceIdSchema,
  name: z.string().min(1),
  type: deviceTypeSchema,
  vendor: z.string().min(1),
  model: z.string().min(1).nullable(),
  serial: z.string().min(1),
  firmwareVersion: z.string().min(1).nullable(),
  siteId: siteIdSchema.nullable(),
  sitePath: z
    .array(siteIdSchema)
    .describe('Site ids from the root of the tree down to and including `siteId`; empty when the device has no site.'),
  ownerTeam: ownerTeamSchema.nullable(),
  tags: z.array(tagSchema),
});
export type DeviceRef = z.infer<typeof deviceRefSchema>;
