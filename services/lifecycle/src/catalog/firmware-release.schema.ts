import { z } from 'zod';

const isoDate = z.iso.date();

export const severitySchema = z.enum(['low', 'medium', 'high', 'critical']);

/** One release in a vendor feed (JSON) or the API. A CSV row is mapped to this shape first (see feed-parser.ts). */
export const firmwareReleaseInputSchema = z.strictObject({
  vendor: z.string().trim().min(1).max(100),
  models: z.array(z.string().trim().min(1).max(200)).min(1),
  version: z.string().trim().min(1).max(100),
  releaseDate: isoDate,
  track: z.string().trim().min(1).max(40).default('active'),
  line: z.string().trim().min(1).max(40).optional(),
  lineEndOfSupport: isoDate.nullable().optional(),
  cves: z.array(z.strictObject({ id: z.string().regex(/^CVE-\d{4}-\d{4,}$/), severity: severitySchema })).default([]),
  releaseNotesUrl: z.url().nullable().optional(),
});
export type FirmwareReleaseInput = z.infer<typeof firmwareReleaseInputSchema>;

export const modelSupportInputSchema = z.strictObject({
  vendor: z.string().trim().min(1),
  model: z.string().trim().min(1),
  endOfSupport: isoDate,
});
export type ModelSupportInput = z.infer<typeof modelSupportInputSchema>;
