import { z } from 'zod';
import { deviceIdSchema, orgIdSchema, siteIdSchema } from '../ids.js';
import { isoDateSchema, isoDateTimeSchema } from '../common/time.js';
import {
  deviceStatusSchema,
  deviceTypeSchema,
  ipSchema,
  macSchema,
  ownerTeamSchema,
  tagSchema,
} from '../common/device-kind.js';

const seconds = z.number().int().positive();

/** The whole state of a device as the inventory holds it: every device.* event carries all of it. */
export const deviceStateSchema = z.strictObject({
  id: deviceIdSchema,
  orgId: orgIdSchema,
  siteId: siteIdSchema.nullable(),
  sitePath: z
    .array(siteIdSchema)
    .describe('Site ids from the root of the tree down to and including `siteId`; empty when the device has no site.'),
  vendor: z.string().min(1),
  model: z.string().min(1).nullable(),
  modelId: z.string().min(1).nullable().describe('The catalog model this device was matched to, when any.'),
  type: deviceTypeSchema,
  name: z.string().min(1),
  serial: z.string().min(1),
  mac: macSchema.nullable(),
  ip: ipSchema.nullable(),
  hostname: z.string().min(1).nullable(),
  firmwareVersion: z.string().min(1).nullable(),
  installDate: isoDateSchema.nullable(),
  purchaseDate: isoDateSchema.nullable(),
  cost: z.number().nonnegative().nullable().describe("Purchase cost in the organisation's currency."),
  warrantyEnd: isoDateSchema
    .nullable()
    .describe("Effective warranty end: the explicit date, else purchase date + the model's warranty term."),
  ownerTeam: ownerTeamSchema.nullable(),
  status: deviceStatusSchema,
  tags: z.array(tagSchema),
  heartbeatIntervalSec: seconds
    .nullable()
    .describe("Interval override set on the device; `null` = inherit the organisation's default for the device type."),
  offlineThresholdSec: seconds
    .nullable()
    .describe(
      "Offline threshold override set on the device; `null` = inherit the organisation's default for the device type.",
    ),
  effectiveHeartbeatIntervalSec: seconds.describe('The interval in force after inheritance.'),
  effectiveOfflineThresholdSec: seconds.describe(
    'The threshold in force after inheritance: the health service needs no other source.',
  ),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  decommissionedAt: isoDateTimeSchema.nullable(),
});
export type DeviceState = z.infer<typeof deviceStateSchema>;

/** Names of the fields a `device.updated` can report as changed. */
export const deviceFieldSchema = deviceStateSchema.keyof().exclude(['id', 'orgId', 'createdAt', 'updatedAt']);
export type DeviceField = z.infer<typeof deviceFieldSchema>;
