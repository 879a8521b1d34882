import { z } from 'zod';

/**
 * Organisation, site and device ids appear inside NATS subjects, so they must be a single subject token:
 * no dots, wildcards or whitespace.
 */
export const subjectTokenSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "-" or "_" (it is used as a NATS subject token)');

export const orgIdSchema = subjectTokenSchema;
export const siteIdSchema = subjectTokenSchema;
export const deviceIdSchema = subjectTokenSchema;
