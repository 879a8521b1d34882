import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { orgIdSchema } from '../ids.js';
import { isoDateSchema } from '../common/time.js';
import { deviceRefSchema } from '../common/device-ref.js';

export const warrantyExpiringV1Data = z.strictObject({
  orgId: orgIdSchema,
  device: deviceRefSchema,
  warrantyEnd: isoDateSchema,
  leadDays: z
    .number()
    .int()
    .positive()
    .describe("The organisation's notice lead (e.g. 90, 30 or 7 days before the end) that this notice answers."),
  daysLeft: z
    .number()
    .int()
    .nonnegative()
    .describe('Days from the notice date to `warrantyEnd` (can be below `leadDays` when a notice was caught up late).'),
});
export type WarrantyExpiringV1Data = z.infer<typeof warrantyExpiringV1Data>;

export const warrantyExpiringV1 = defineEvent({
  type: 'warranty.expiring',
  version: 1,
  description:
    "A device's warranty ends within one of the organisation's notice leads. Once per device, lead and end date.",
  data: warrantyExpiringV1Data,
});
