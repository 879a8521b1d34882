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
  /** Site ids from the root of the tree down to and including `siteId`; empty when the device has no site. */
  sitePath: z.array(siteIdSchema),
  vendor: z.string().min(1),
  model: z.string().min(1).nullable(),
  /** The catalog model this device was matched to, when any. */
  modelId: z.string().min(1).nullable(),
  type: deviceTypeSchema,
  name: z.string().min(1),
  serial: z.string().min(1),
  mac: macSchema.nullable(),
  ip: ipSchema.nullable(),
  hostname: z.string().min(1).nullable(),
  firmwareVersion: z.string().min(1).nullable(),
  installDate: isoDateSchema.nullable(),
  purchaseDate: isoDateSchema.nullable(),
  /** Purchase cost in the organisation's currency. */
  cost: z.number().nonnegative().nullable(),
  /** Effective warranty end: the explicit date, else purchase date + the model's warranty term. */
  warrantyEnd: isoDateSchema.nullable(),
  ownerTeam: ownerTeamSchema.nullable(),
  status: deviceStatusSchema,
  tags: z.array(tagSchema),
  /** Overrides set on the device; `null` = inherit the organisation's default for the device type. */
  heartbeatIntervalSec: seconds.nullable(),
  offlineThresholdSec: seconds.nullable(),
  /** The values in force after inheritance, so that the health service needs no other source. */
  effectiveHeartbeatIntervalSec: seconds,
  effectiveOfflineThresholdSec: seconds,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  decommissionedAt: isoDateTimeSchema.nullable(),
});
export type DeviceState = z.infer<typeof deviceStateSchema>;

/** Names of the fields a `device.updated` can report as changed. */
export const deviceFieldSchema = deviceStateSchema.keyof().exclude(['id', 'orgId', 'createdAt', 'updatedAt']);
export type DeviceField = z.infer<typeof deviceFieldSchema>;
