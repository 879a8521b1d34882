import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { deviceFieldSchema, deviceStateSchema } from './device-state.js';

export const deviceUpdatedV1Data = deviceStateSchema.extend({
  changed: z.array(deviceFieldSchema).min(1).describe('The fields whose value differs from the previous state.'),
});
export type DeviceUpdatedV1Data = z.infer<typeof deviceUpdatedV1Data>;

export const deviceUpdatedV1 = defineEvent({
  type: 'device.updated',
  version: 1,
  description:
    'A device changed (site, firmware, status, thresholds...). Carries its full new state and the changed field names.',
  data: deviceUpdatedV1Data,
});
