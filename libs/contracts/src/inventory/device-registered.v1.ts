import type { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { deviceStateSchema } from './device-state.js';

export const deviceRegisteredV1Data = deviceStateSchema;
export type DeviceRegisteredV1Data = z.infer<typeof deviceRegisteredV1Data>;

export const deviceRegisteredV1 = defineEvent({
  type: 'device.registered',
  version: 1,
  description: 'A device was added to the inventory (by hand, API or import). Carries its full state.',
  data: deviceRegisteredV1Data,
});
