import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { isoDateTimeSchema } from '../common/time.js';
import { faultCodeSchema } from '../heartbeat/heartbeat.js';
import { healthDeviceShape } from './health-subject.js';

export const deviceDegradedV1Data = z.strictObject({
  ...healthDeviceShape,
  faults: z.array(faultCodeSchema).min(1).describe('Every fault the device reports now (not only the new ones).'),
  since: isoDateTimeSchema.describe('Timestamp of the first heartbeat that reported this set of faults.'),
  detectedAt: isoDateTimeSchema,
});
export type DeviceDegradedV1Data = z.infer<typeof deviceDegradedV1Data>;

export const deviceDegradedV1 = defineEvent({
  type: 'device.degraded',
  version: 1,
  description:
    'A device is alive but reports faults (recording stopped, tamper, storage failure...). Emitted when its set of faults changes.',
  data: deviceDegradedV1Data,
});
