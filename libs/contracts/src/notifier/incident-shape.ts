import { z } from 'zod';
import { deviceIdSchema, orgIdSchema, siteIdSchema } from '../ids.js';
import { deviceTypeSchema } from '../common/device-kind.js';

export const incidentKindSchema = z.enum([
  'device-offline',
  'device-degraded',
  'site-unreachable',
  'firmware-noncompliant',
  'firmware-vulnerable',
  'replacement-due',
  'warranty-expiring',
]);
export type IncidentKind = z.infer<typeof incidentKindSchema>;

/** Ordered from least to most severe. */
export const incidentSeveritySchema = z.enum(['info', 'minor', 'major', 'critical']);
export type IncidentSeverity = z.infer<typeof incidentSeveritySchema>;

/** What every incident event repeats about the incident, so that each can be handled alone. */
export const incidentShape = {
  orgId: orgIdSchema,
  incidentId: z.uuid(),
  kind: incidentKindSchema,
  severity: incidentSeveritySchema,
  title: z.string().min(1),
  siteId: siteIdSchema.nullable(),
  siteName: z.string().min(1).nullable(),
  sitePath: z
    .array(siteIdSchema)
    .describe('Site ids from the root down to and including `siteId`; empty when the incident has no site.'),
  deviceId: deviceIdSchema.nullable(),
  deviceName: z.string().min(1).nullable(),
  deviceType: deviceTypeSchema.nullable(),
};
