import { z } from 'zod';

export const cveSeveritySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type CveSeverity = z.infer<typeof cveSeveritySchema>;

export const cveSchema = z.strictObject({
  cve: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'must look like CVE-2026-12345'),
  severity: cveSeveritySchema,
});
export type Cve = z.infer<typeof cveSchema>;
