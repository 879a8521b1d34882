import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { orgIdSchema } from '../ids.js';
import { isoDateSchema } from '../common/time.js';
import { deviceRefSchema } from '../common/device-ref.js';

export const replacementReasonSchema = z.enum(['warranty-expiry', 'run-to-failure', 'firmware-support-end', 'age']);
export type ReplacementReason = z.infer<typeof replacementReasonSchema>;

export const replacementDueV1Data = z.strictObject({
  orgId: orgIdSchema,
  device: deviceRefSchema,
  reason: replacementReasonSchema,
  triggerDate: isoDateSchema.describe(
    "The date the policy's rule fired on (warranty end, support end, failure date, age limit).",
  ),
  dueDate: isoDateSchema.describe('When the replacement is planned.'),
  estimatedCost: z
    .number()
    .nonnegative()
    .nullable()
    .describe("In the organisation's currency; `null` when no cost is known for the model."),
  policyId: z.string().min(1),
  policyName: z.string().min(1),
});
export type ReplacementDueV1Data = z.infer<typeof replacementDueV1Data>;

export const replacementDueV1 = defineEvent({
  type: 'replacement.due',
  version: 1,
  description: "The organisation's replacement policy schedules a device for replacement.",
  data: replacementDueV1Data,
});
