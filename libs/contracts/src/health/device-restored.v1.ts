import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { isoDateTimeSchema } from '../common/time.js';
import { faultCodeSchema } from '../heartbeat/heartbeat.js';
import { healthDeviceShape } from './health-subject.js';

export const deviceRestoredV1Data = z.strictObject({
  ...healthDeviceShape,
  clearedFaults: z.array(faultCodeSchema).min(1).describe('The faults it reported until now.'),
  degradedSince: isoDateTimeSchema.describe(
    'When it started reporting faults; for a device that was offline in between, when it came back.',
  ),
  restoredAt: isoDateTimeSchema.describe('Timestamp of the first heartbeat without a fault.'),
  degradedDurationSec: z.number().int().nonnegative(),
});
export type DeviceRestoredV1Data = z.infer<typeof deviceRestoredV1Data>;

export const deviceRestoredV1 = defineEvent({
  type: 'device.restored',
  version: 1,
  description: 'A degraded device reports no fault any more (device.online is about coming back from offline).',
  data: deviceRestoredV1Data,
});
