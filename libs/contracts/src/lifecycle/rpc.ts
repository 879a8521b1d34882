import { z } from 'zod';
import { defineRpc, pageOf, pageRequestSchema } from '../rpc.js';
import { Subjects } from '../subjects.js';
import { isoDateSchema } from '../common/time.js';
import { cveSeveritySchema } from './cve.js';
import { replacementReasonSchema } from './replacement-due.v1.js';

const p = (action: string) => Subjects.rpc('lifecycle', action);
const name = z.string().trim().min(1).max(200);
const ok = z.object({ ok: z.literal(true) });

export const firmwareReleaseInputSchema = z.strictObject({
  vendor: z.string().trim().min(1).max(100),
  models: z.array(name).min(1),
  version: z.string().trim().min(1).max(100),
  releaseDate: isoDateSchema,
  track: z.string().trim().min(1).max(40).default('active'),
  line: z.string().trim().min(1).max(40).optional(),
  lineEndOfSupport: isoDateSchema.nullable().optional(),
  cves: z
    .array(z.strictObject({ id: z.string().regex(/^CVE-\d{4}-\d{4,}$/), severity: cveSeveritySchema }))
    .default([]),
  releaseNotesUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
});
export type FirmwareReleaseInput = z.infer<typeof firmwareReleaseInputSchema>;

export const firmwareReleaseSchema = firmwareReleaseInputSchema.extend({
  id: z.uuid(),
  line: z.string(),
  lineEndOfSupport: isoDateSchema.nullable(),
  releaseNotesUrl: z.string().nullable(),
});

export const catalogImportResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.array(z.object({ version: z.string(), reason: z.string() })),
  problems: z.array(z.object({ row: z.number().int(), message: z.string() })),
});

export const modelSupportSchema = z.strictObject({ vendor: name, model: name, endOfSupport: isoDateSchema });
export const modelCostSchema = z.strictObject({
  vendor: name,
  model: name,
  defaultCost: z.number().nonnegative().max(1e9),
});
export const baselineSchema = z.strictObject({ vendor: name, model: name, version: z.string().trim().min(1).max(100) });

export const complianceStatusSchema = z.enum(['current', 'behind', 'vulnerable', 'unsupported', 'unknown']);
export const deviceComplianceSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  siteId: z.string().nullable(),
  vendor: z.string(),
  model: z.string().nullable(),
  firmwareVersion: z.string().nullable(),
  status: complianceStatusSchema,
  compliant: z.boolean(),
  releasesBehind: z.number().int(),
  daysBehind: z.number().int().nullable(),
  latestVersion: z.string().nullable(),
  cves: z.array(z.string()),
  maxSeverity: z.string().nullable(),
  unsupportedSince: isoDateSchema.nullable(),
});

export const policyKindSchema = replacementReasonSchema;
export const replacementPolicyInputSchema = z.strictObject({
  siteId: z.string().min(1).max(64).nullable().default(null),
  deviceType: z.string().min(1).max(64).nullable().default(null),
  kind: policyKindSchema,
  offlineDays: z.number().int().min(1).max(3650).nullable().default(null),
  ageYears: z.number().int().min(1).max(50).nullable().default(null),
  leadDays: z.number().int().min(0).max(3650).default(90),
  annualCapPct: z.number().gt(0).max(100).nullable().default(null),
});
export const replacementPolicySchema = replacementPolicyInputSchema.extend({ id: z.uuid() });

export const planItemStateSchema = z.enum(['proposed', 'approved', 'ordered', 'replaced', 'deferred', 'dismissed']);
export const planItemSchema = z.object({
  id: z.uuid(),
  deviceId: z.string(),
  deviceName: z.string(),
  siteId: z.string().nullable(),
  deviceType: z.string(),
  reason: replacementReasonSchema,
  triggerDate: isoDateSchema,
  dueDate: isoDateSchema,
  priority: z.number().int(),
  estimatedCost: z.number().nullable(),
  state: planItemStateSchema,
  stateReason: z.string().nullable(),
  replacedByDeviceId: z.string().nullable(),
  updatedAt: z.string(),
});
export const planItemAuditSchema = z.object({
  fromState: z.string().nullable(),
  toState: z.string(),
  reason: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
});
export const planMoveSchema = z.strictObject({
  to: planItemStateSchema,
  reason: z.string().trim().min(1).max(500).nullable().optional(),
  replacedByDeviceId: z.string().min(1).max(100).nullable().optional(),
});

export const forecastDimensionSchema = z.enum(['site', 'type', 'reason']);
export const forecastRowSchema = z.object({
  policy: z.enum(['organisation', ...replacementReasonSchema.options]),
  quarterStart: isoDateSchema,
  siteId: z.string().nullable(),
  deviceType: z.string().nullable(),
  reason: z.string().nullable(),
  devices: z.number(),
  cost: z.number(),
  expectedOfflineDays: z.number(),
});

export const evaluationResultSchema = z.object({
  complianceChanged: z.number().int(),
  becameNoncompliant: z.number().int(),
  planChanged: z.number().int(),
  replacementsDue: z.number().int(),
});

/** One row of the compliance breakdown: a site (`siteId`, '' for devices without a site) or a model. */
export const complianceBreakdownRowSchema = z.object({
  siteId: z.string().optional(),
  vendor: z.string().optional(),
  model: z.string().optional(),
  devices: z.number().int().nonnegative(),
  byStatus: z.object({
    current: z.number().int().nonnegative(),
    behind: z.number().int().nonnegative(),
    vulnerable: z.number().int().nonnegative(),
    unsupported: z.number().int().nonnegative(),
    unknown: z.number().int().nonnegative(),
  }),
  noncompliant: z.number().int().nonnegative(),
  compliantPct: z.number().min(0).max(100),
  /** CVEs fixed by a newer release, open on at least one device of the row. */
  openCves: z.array(z.string()),
});

/**
 * Gateway -> lifecycle calls. CSV reports are not here: they stream over the lifecycle service's own HTTP port
 * (`GET /internal/reports/{plan,compliance,forecast}.csv` with the gateway's caller assertion in `x-fleetward-caller-assertion`), proxied by the gateway.
 */
export const LifecycleRpc = {
  firmwareImport: defineRpc({
    pattern: p('firmware.import'),
    params: {
      format: z.enum(['json', 'csv']),
      content: z
        .string()
        .min(1)
        .max(512 * 1024),
    },
    response: catalogImportResultSchema,
  }),
  firmwareAdd: defineRpc({
    pattern: p('firmware.add'),
    params: { release: firmwareReleaseInputSchema },
    response: catalogImportResultSchema,
  }),
  firmwareList: defineRpc({
    pattern: p('firmware.list'),
    params: {
      vendor: name.optional(),
      model: name.optional(),
      limit: z.number().int().min(1).max(500).default(50),
      offset: z.number().int().min(0).default(0),
    },
    response: z.object({ items: z.array(firmwareReleaseSchema) }),
  }),
  modelSupportSet: defineRpc({
    pattern: p('firmware.model-support.set'),
    params: { items: z.array(modelSupportSchema).min(1).max(1000) },
    response: ok,
  }),

  modelCostsList: defineRpc({
    pattern: p('model-costs.list'),
    params: {},
    response: z.object({ items: z.array(modelCostSchema) }),
  }),
  modelCostsSet: defineRpc({
    pattern: p('model-costs.set'),
    params: { items: z.array(modelCostSchema).min(1).max(1000) },
    response: ok,
  }),
  baselinesList: defineRpc({
    pattern: p('baselines.list'),
    params: {},
    response: z.object({ items: z.array(baselineSchema) }),
  }),
  baselinesPut: defineRpc({
    pattern: p('baselines.put'),
    params: { baseline: baselineSchema },
    response: baselineSchema,
  }),
  baselinesDelete: defineRpc({ pattern: p('baselines.delete'), params: { vendor: name, model: name }, response: ok }),

  complianceList: defineRpc({
    pattern: p('compliance.list'),
    params: {
      status: complianceStatusSchema.optional(),
      compliant: z.boolean().optional(),
      ...pageRequestSchema.shape,
    },
    response: pageOf(deviceComplianceSchema),
  }),
  /** One device's compliance (NOT_FOUND / DEVICE_NOT_FOUND until the device has been evaluated). */
  complianceGet: defineRpc({
    pattern: p('compliance.get'),
    params: { deviceId: z.string().min(1).max(100) },
    response: deviceComplianceSchema,
  }),
  /** Compliance per site or per model: where the work is, for the firmware view and the CISO. */
  complianceBreakdown: defineRpc({
    pattern: p('compliance.breakdown'),
    params: { by: z.enum(['site', 'model']).default('site') },
    response: z.object({ rows: z.array(complianceBreakdownRowSchema) }),
  }),
  complianceSummary: defineRpc({
    pattern: p('compliance.summary'),
    params: {},
    response: z.object({
      devices: z.number().int(),
      byStatus: z.record(z.string(), z.number().int()),
      noncompliant: z.number().int(),
    }),
  }),

  policiesList: defineRpc({
    pattern: p('policies.list'),
    params: {},
    response: z.object({ items: z.array(replacementPolicySchema) }),
  }),
  policiesPut: defineRpc({
    pattern: p('policies.put'),
    params: { policy: replacementPolicyInputSchema },
    response: replacementPolicySchema,
  }),
  policiesDelete: defineRpc({ pattern: p('policies.delete'), params: { id: z.uuid() }, response: ok }),

  planList: defineRpc({
    pattern: p('plan.list'),
    params: {
      state: planItemStateSchema.optional(),
      /** One device's items (a device has at most one per reason). */
      deviceId: z.string().min(1).max(100).optional(),
      ...pageRequestSchema.shape,
    },
    response: pageOf(planItemSchema),
  }),
  planGet: defineRpc({
    pattern: p('plan.get'),
    params: { id: z.uuid() },
    response: z.object({ item: planItemSchema, audit: z.array(planItemAuditSchema) }),
  }),
  planMove: defineRpc({
    pattern: p('plan.move'),
    params: { id: z.uuid(), move: planMoveSchema },
    response: planItemSchema,
  }),

  forecast: defineRpc({
    pattern: p('forecast.get'),
    params: {
      years: z.number().int().min(1).max(10).default(5),
      groupBy: z.array(forecastDimensionSchema).max(3).default(['reason']),
    },
    response: z.object({ rows: z.array(forecastRowSchema) }),
  }),

  devicesMarkFailed: defineRpc({
    pattern: p('devices.mark-failed'),
    params: { deviceId: z.string().min(1).max(100), failed: z.boolean() },
    response: ok,
  }),
  evaluate: defineRpc({ pattern: p('evaluate'), params: {}, response: evaluationResultSchema }),
} as const;
