import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { orgIdSchema } from '../ids.js';
import { isoDateSchema, isoDateTimeSchema } from '../common/time.js';
import { deviceRefSchema } from '../common/device-ref.js';
import { cveSchema } from './cve.js';

/**
 * `behind`: newer releases exist; `vulnerable`: newer releases fix known CVEs; `unsupported`: the model or release
 * line is past its end of support. The worst applicable status is reported.
 */
export const firmwareComplianceStatusSchema = z.enum(['behind', 'vulnerable', 'unsupported']);
export type FirmwareComplianceStatus = z.infer<typeof firmwareComplianceStatusSchema>;

export const deviceFirmwareNoncompliantV1Data = z.strictObject({
  orgId: orgIdSchema,
  device: deviceRefSchema,
  status: firmwareComplianceStatusSchema,
  currentVersion: z
    .string()
    .min(1)
    .nullable()
    .describe("`null` when the inventory does not know the device's firmware."),
  recommendedVersion: z
    .string()
    .min(1)
    .nullable()
    .describe("The newest catalog release for the device's model; `null` when none is known."),
  releasesBehind: z.number().int().nonnegative(),
  daysBehind: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe('Days since the first release newer than the current one; `null` when unknown.'),
  cves: z.array(cveSchema).describe('CVEs fixed in newer releases, i.e. open on this device.'),
  endOfSupport: isoDateSchema.nullable(),
  evaluatedAt: isoDateTimeSchema,
});
export type DeviceFirmwareNoncompliantV1Data = z.infer<typeof deviceFirmwareNoncompliantV1Data>;

export const deviceFirmwareNoncompliantV1 = defineEvent({
  type: 'device.firmware-noncompliant',
  version: 1,
  description: "A device's firmware became non-compliant, or its compliance status got worse.",
  data: deviceFirmwareNoncompliantV1Data,
});
