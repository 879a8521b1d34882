import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { isoDateTimeSchema } from '../common/time.js';
import { healthDeviceShape } from './health-subject.js';

export const deviceOfflineV1Data = z.strictObject({
  ...healthDeviceShape,
  lastSeenAt: isoDateTimeSchema.nullable().describe('Last heartbeat received; `null` when the device was never seen.'),
  thresholdSec: z
    .number()
    .int()
    .positive()
    .describe('The silence after which the device counts as offline (its effective threshold).'),
  detectedAt: isoDateTimeSchema,
});
export type DeviceOfflineV1Data = z.infer<typeof deviceOfflineV1Data>;

export const deviceOfflineV1 = defineEvent({
  type: 'device.offline',
  version: 1,
  description:
    'A device sent no heartbeat for longer than its threshold. Not emitted while its whole site is unreachable.',
  data: deviceOfflineV1Data,
});
