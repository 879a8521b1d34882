import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { durationSecSchema, isoDateTimeSchema } from '../common/time.js';
import { healthDeviceShape } from './health-subject.js';

export const deviceOnlineV1Data = z.strictObject({
  ...healthDeviceShape,
  offlineSince: isoDateTimeSchema.describe(
    'When the device was declared offline (the `detectedAt` of its `device.offline`).',
  ),
  seenAt: isoDateTimeSchema.describe('The heartbeat that ended the outage.'),
  offlineDurationSec: durationSecSchema.describe('Seconds from `offlineSince` to `seenAt`.'),
});
export type DeviceOnlineV1Data = z.infer<typeof deviceOnlineV1Data>;

export const deviceOnlineV1 = defineEvent({
  type: 'device.online',
  version: 1,
  description: 'A device that was offline sent a heartbeat again. Carries how long it was offline.',
  data: deviceOnlineV1Data,
});
