import { replacementPolicyInputSchema as contractSchema } from '@fleetward/contracts';
import { z } from 'zod';

export const policyKinds = ['warranty-expiry', 'run-to-failure', 'firmware-support-end', 'age'] as const;
export const policyKindSchema = z.enum(policyKinds);
export type PolicyKind = z.infer<typeof policyKindSchema>;

/**
 * A replacement policy for the organisation (no site, no type), a site subtree, a device type, or both: the API
 * contract's shape, plus the rules between fields. The annual cap belongs to the organisation-wide policy only: it
 * spreads the whole fleet's replacements.
 */
export const replacementPolicyInputSchema = contractSchema.superRefine((p, ctx) => {
  if (p.kind === 'run-to-failure' && p.offlineDays === null) {
    ctx.addIssue({ code: 'custom', path: ['offlineDays'], message: 'run-to-failure needs offlineDays' });
  }
  if (p.kind === 'age' && p.ageYears === null) {
    ctx.addIssue({ code: 'custom', path: ['ageYears'], message: 'age needs ageYears' });
  }
  if (p.annualCapPct !== null && (p.siteId !== null || p.deviceType !== null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['annualCapPct'],
      message: 'the annual cap is set on the organisation-wide policy',
    });
  }
});
export type ReplacementPolicyInput = z.infer<typeof replacementPolicyInputSchema>;

export interface ReplacementPolicy extends ReplacementPolicyInput {
  id: string;
}
