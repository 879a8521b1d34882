import { z } from 'zod';
import { deviceTypeSchema } from '../common/device-kind.js';

export const heartbeatDefaultSchema = z.object({
  intervalSeconds: z.number().int().min(5).max(86_400),
  offlineAfterSeconds: z.number().int().min(10).max(7 * 86_400),
});

export const orgSettingsSchema = z.object({
  orgId: z.string(),
  /** IANA zone, e.g. `Europe/Paris`: warranty notices fall on the organisation's calendar day. */
  timezone: z.string(),
  heartbeatDefaults: z.partialRecord(deviceTypeSchema, heartbeatDefaultSchema),
  warrantyLeadDays: z.array(z.number().int()),
});
export type OrgSettings = z.infer<typeof orgSettingsSchema>;

export const orgSettingsPatchSchema = z.strictObject({
  timezone: z.string().min(1).max(64).optional(),
  heartbeatDefaults: z.partialRecord(deviceTypeSchema, heartbeatDefaultSchema).optional(),
  warrantyLeadDays: z.array(z.number().int().min(1).max(3650)).max(10).optional(),
});
