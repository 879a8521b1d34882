import { z } from 'zod';
import { isoDateTimeSchema } from '../common/time.js';
import { incidentKindSchema, incidentSeveritySchema } from './incident-shape.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const name = z.string().trim().min(1).max(200);

export const incidentStatusSchema = z.enum(['open', 'acknowledged', 'resolved']);

export const incidentSchema = z.object({
  id: z.uuid(),
  kind: incidentKindSchema,
  severity: incidentSeveritySchema,
  status: incidentStatusSchema,
  title: z.string(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  sitePath: z.array(z.string()),
  deviceId: z.string().nullable(),
  deviceName: z.string().nullable(),
  deviceType: z.string().nullable(),
  tags: z.array(z.string()),
  details: z.record(z.string(), z.unknown()),
  /** Opened or changed inside a maintenance window: notifications wait for the window's digest. */
  held: z.boolean(),
  openedAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  acknowledgedAt: isoDateTimeSchema.nullable(),
  acknowledgedBy: z.string().nullable(),
  ackNote: z.string().nullable(),
  resolvedAt: isoDateTimeSchema.nullable(),
  resolvedHow: z.enum(['auto', 'manual']).nullable(),
  resolvedBy: z.string().nullable(),
  resolveNote: z.string().nullable(),
  /** Devices a grouped lifecycle incident (warranty, firmware, replacement) holds now; null for one device or site. */
  memberCount: z.number().int().nonnegative().nullable(),
  /**
   * Gateway path listing what a grouped incident counts, e.g. `/api/v1/devices?warrantyAfter=...&warrantyBefore=...`
   * or `/api/v1/compliance?status=vulnerable`; null when not grouped.
   */
  membersLink: z.string().nullable(),
});
export type Incident = z.infer<typeof incidentSchema>;

export const incidentLogEntrySchema = z.object({
  at: isoDateTimeSchema,
  what: z.string(),
  by: z.string().nullable(),
  note: z.string().nullable(),
});

export const deliveryStatusSchema = z.enum(['pending', 'sent', 'failed', 'dead']);
export const deliverySchema = z.object({
  id: z.string(),
  channelId: z.uuid(),
  channelName: z.string(),
  channelType: z.string(),
  reason: z.string(),
  incidentIds: z.array(z.uuid()),
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  latencyMs: z.number().int().nullable(),
  createdAt: isoDateTimeSchema,
  sentAt: isoDateTimeSchema.nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const incidentFilterSchema = z.strictObject({
  /** `active` = open or acknowledged. */
  status: z.enum(['open', 'acknowledged', 'resolved', 'active']).optional(),
  kind: incidentKindSchema.optional(),
  severity: incidentSeveritySchema.optional(),
  /** The site or anything below it. */
  siteId: z.string().min(1).optional(),
  deviceId: z.string().min(1).optional(),
});

export const recurrenceSchema = z.strictObject({
  freq: z.enum(['daily', 'weekly']),
  /** ISO weekdays, 1 = Monday ... 7 = Sunday; required for weekly. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).optional(),
  /** Local start time in the window's timezone. */
  startTime: hhmm,
  durationMinutes: z.number().int().min(1).max(7 * 24 * 60),
});

export const maintenanceWindowCreateSchema = z
  .strictObject({
    scope: z.enum(['site', 'device']),
    targetId: z.string().min(1),
    startsAt: isoDateTimeSchema,
    /** End of a one-off window, or of a recurring series (omit: open-ended series). */
    endsAt: isoDateTimeSchema.optional(),
    /** IANA zone for recurrence; default: the site's timezone, else UTC. */
    timezone: z.string().min(1).optional(),
    recurrence: recurrenceSchema.optional(),
    reason: z.string().max(500).optional(),
  })
  .refine((w) => w.recurrence || w.endsAt, { message: 'a one-off window needs endsAt' })
  .refine((w) => !w.endsAt || w.endsAt > w.startsAt, { message: 'endsAt must be after startsAt' })
  .refine((w) => w.recurrence?.freq !== 'weekly' || w.recurrence.weekdays, { message: 'a weekly recurrence needs weekdays' });

export const maintenanceWindowSchema = z.object({
  id: z.uuid(),
  scope: z.enum(['site', 'device']),
  targetId: z.string(),
  startsAt: isoDateTimeSchema,
  endsAt: isoDateTimeSchema.nullable(),
  timezone: z.string(),
  recurrence: recurrenceSchema.nullable(),
  reason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoDateTimeSchema,
  /** The occurrence in force now, if any. */
  activeUntil: isoDateTimeSchema.nullable(),
});

export const ruleMatchSchema = z.strictObject({
  kinds: z.array(incidentKindSchema).default([]),
  minSeverity: incidentSeveritySchema.default('info'),
  siteIds: z.array(z.string().min(1)).default([]),
  deviceTypes: z.array(z.string().min(1)).default([]),
  tags: z.array(z.string().min(1)).default([]),
});

export const ruleTimingSchema = z.strictObject({
  groupWaitSec: z.number().int().min(0).max(3600).default(30),
  groupIntervalSec: z.number().int().min(1).max(86400).default(300),
  repeatIntervalSec: z.number().int().min(60).max(7 * 86400).default(4 * 3600),
});

export const quietHoursSchema = z.strictObject({ start: hhmm, end: hhmm, timezone: z.string().min(1) });

export const routingRuleInputSchema = z.strictObject({
  name,
  enabled: z.boolean().default(true),
  match: ruleMatchSchema.default(() => ruleMatchSchema.parse({})),
  channelIds: z.array(z.uuid()).min(1),
  timing: ruleTimingSchema.default(() => ruleTimingSchema.parse({})),
  quietHours: quietHoursSchema.nullable().default(null),
  escalateAfterSec: z.number().int().min(1).max(7 * 24 * 3600).nullable().default(null),
  escalationChannelIds: z.array(z.uuid()).default([]),
});
export const routingRuleSchema = routingRuleInputSchema.extend({
  id: z.uuid(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const channelTypeSchema = z.enum(['email', 'webhook', 'slack', 'teams']);
export const channelInputSchema = z.strictObject({
  name,
  type: channelTypeSchema,
  /** email: comma-separated addresses; webhook/slack/teams: the URL. */
  target: z.string().trim().min(1).max(2000),
  enabled: z.boolean().default(true),
});
export const channelUpdateSchema = z.strictObject({
  name: name.optional(),
  target: z.string().trim().min(1).max(2000).optional(),
  enabled: z.boolean().optional(),
});
export const channelSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: channelTypeSchema,
  target: z.string(),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  /** Webhook secrets currently valid (the first signs first); their values are never shown again. */
  secretCount: z.number().int(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export const channelWithSecretSchema = channelSchema.extend({ secret: z.string().nullable() });

export const testSendResultSchema = z.object({
  deliveryId: z.string(),
  outcome: z.enum(['delivered', 'retry', 'permanent']),
  status: z.number().int().nullable(),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
});

export const allowedHostSchema = z.object({ host: z.string(), createdBy: z.string(), createdAt: isoDateTimeSchema });
