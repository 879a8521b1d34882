import { z } from 'zod';

export const policyKinds = ['warranty-expiry', 'run-to-failure', 'firmware-support-end', 'age'] as const;
export const policyKindSchema = z.enum(policyKinds);
export type PolicyKind = z.infer<typeof policyKindSchema>;

/**
 * A replacement policy for the organisation (no site, no type), a site subtree, a device type, or both.
 * The annual cap belongs to the organisation-wide policy only: it spreads the whole fleet's replacements.
 */
export const replacementPolicyInputSchema = z
  .strictObject({
    siteId: z.string().min(1).max(64).nullable().default(null),
    deviceType: z.string().min(1).max(64).nullable().default(null),
    kind: policyKindSchema,
    offlineDays: z.number().int().min(1).max(3650).nullable().default(null),
    ageYears: z.number().int().min(1).max(50).nullable().default(null),
    leadDays: z.number().int().min(0).max(3650).default(90),
    annualCapPct: z.number().gt(0).max(100).nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'run-to-failure' && p.offlineDays === null) {
      ctx.addIssue({ code: 'custom', path: ['offlineDays'], message: 'run-to-failure needs offlineDays' });
    }
    if (p.kind === 'age' && p.ageYears === null) {
      ctx.addIssue({ code: 'custom', path: ['ageYears'], message: 'age needs ageYears' });
    }
    if (p.annualCapPct !== null && (p.siteId !== null || p.deviceType !== null)) {
      ctx.addIssue({ code: 'custom', path: ['annualCapPct'], message: 'the annual cap is set on the organisation-wide policy' });
    }
  });
export type ReplacementPolicyInput = z.infer<typeof replacementPolicyInputSchema>;

export interface ReplacementPolicy extends ReplacementPolicyInput {
  id: string;
}
