/** Replacement policy forms: the organisation default, or an override for a site subtree and/or a device type. */
export const POLICY_KINDS = ['warranty-expiry', 'run-to-failure', 'firmware-support-end', 'age'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

export interface Policy {
  id: string;
  siteId: string | null;
  deviceType: string | null;
  kind: PolicyKind;
  offlineDays: number | null;
  ageYears: number | null;
  leadDays: number;
  annualCapPct: number | null;
}

/** What the form holds: text fields as typed. */
export interface PolicyDraft {
  siteId: string;
  deviceType: string;
  kind: PolicyKind;
  offlineDays: string;
  ageYears: string;
  leadDays: string;
  annualCapPct: string;
}

export const emptyDraft = (): PolicyDraft => ({
  siteId: '',
  deviceType: '',
  kind: 'warranty-expiry',
  offlineDays: '',
  ageYears: '',
  leadDays: '90',
  annualCapPct: '',
});

export function draftOf(p: Policy): PolicyDraft {
  const s = (n: number | null) => (n === null ? '' : String(n));
  return {
    siteId: p.siteId ?? '',
    deviceType: p.deviceType ?? '',
    kind: p.kind,
    offlineDays: s(p.offlineDays),
    ageYears: s(p.ageYears),
    leadDays: String(p.leadDays),
    annualCapPct: s(p.annualCapPct),
  };
}

export function scopeOf(p: { siteId: string | null; deviceType: string | null }): string {
  if (!p.siteId && !p.deviceType) return 'Organisation default';
  return [p.siteId && `site ${p.siteId} and below`, p.deviceType && `type ${p.deviceType}`].filter(Boolean).join(', ');
}

/** The organisation default first, then overrides by site, then by type. */
export function sortPolicies<T extends { siteId: string | null; deviceType: string | null }>(ps: T[]): T[] {
  const rank = (p: T) => (p.siteId ? 1 : 0) + (p.deviceType ? 2 : 0);
  return [...ps].sort((a, b) => rank(a) - rank(b) || scopeOf(a).localeCompare(scopeOf(b)));
}

const intOrNull = (s: string, field: string, min: number, max: number): number | null | string => {
  if (!s.trim()) return null;
  const n = Number(s);
  return Number.isInteger(n) && n >= min && n <= max ? n : `${field} must be a whole number from ${min} to ${max}.`;
};

/**
 * The `PUT /replacement-policies` body from a draft, or what is wrong with it: the same rules the lifecycle service
 * applies, checked before sending so the form can say so next to the fields.
 */
export function policyBody(d: PolicyDraft): { body: Omit<Policy, 'id'> } | { error: string } {
  const offlineDays = intOrNull(d.offlineDays, 'Offline days', 1, 3650);
  const ageYears = intOrNull(d.ageYears, 'Age in years', 1, 50);
  const leadDays = intOrNull(d.leadDays, 'Lead time', 0, 3650);
  for (const v of [offlineDays, ageYears, leadDays]) if (typeof v === 'string') return { error: v };
  const cap = d.annualCapPct.trim() ? Number(d.annualCapPct) : null;
  if (cap !== null && !(cap > 0 && cap <= 100)) return { error: 'The annual cap is a percentage above 0, at most 100.' };
  const siteId = d.siteId.trim() || null;
  const deviceType = d.deviceType.trim() || null;
  if (d.kind === 'run-to-failure' && offlineDays === null) return { error: 'Run to failure needs the offline days.' };
  if (d.kind === 'age' && ageYears === null) return { error: 'Replacing by age needs the age in years.' };
  if (cap !== null && (siteId || deviceType)) return { error: 'The annual cap belongs to the organisation default.' };
  return {
    body: {
      siteId,
      deviceType,
      kind: d.kind,
      offlineDays: offlineDays as number | null,
      ageYears: ageYears as number | null,
      leadDays: (leadDays as number | null) ?? 90,
      annualCapPct: cap,
    },
  };
}
