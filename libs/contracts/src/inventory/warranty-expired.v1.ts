import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { orgIdSchema } from '../ids.js';
import { isoDateSchema } from '../common/time.js';
import { deviceRefSchema } from '../common/device-ref.js';

export const warrantyExpiredV1Data = z.strictObject({
  orgId: orgIdSchema,
  device: deviceRefSchema,
  warrantyEnd: isoDateSchema,
});
export type WarrantyExpiredV1Data = z.infer<typeof warrantyExpiredV1Data>;

export const warrantyExpiredV1 = defineEvent({
  type: 'warranty.expired',
  version: 1,
  description: "A device's warranty has ended. Once per device and end date.",
  data: warrantyExpiredV1Data,
});
