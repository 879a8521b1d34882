import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { isoDateTimeSchema } from '../common/time.js';
import { deviceStateSchema } from './device-state.js';

export const deviceDecommissionedV1Data = deviceStateSchema.extend({
  status: z.literal('decommissioned'),
  decommissionedAt: isoDateTimeSchema,
  reason: z.string().min(1).nullable(),
});
export type DeviceDecommissionedV1Data = z.infer<typeof deviceDecommissionedV1Data>;

export const deviceDecommissionedV1 = defineEvent({
  type: 'device.decommissioned',
  version: 1,
  description: 'A device left service: stop expecting heartbeats and planning for it. Carries its last full state.',
  data: deviceDecommissionedV1Data,
});
