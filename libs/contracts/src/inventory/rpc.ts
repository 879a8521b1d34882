import { z } from 'zod';
import { defineRpc, pageOf, pageRequestSchema } from '../rpc.js';
import { Subjects } from '../subjects.js';
import {
  deviceByTokenSchema,
  deviceCountsSchema,
  deviceCreateSchema,
  deviceFilterSchema,
  deviceSchema,
  deviceSortSchema,
  deviceUpdateSchema,
  deviceWithTokenSchema,
} from './device.schema.js';
import { deviceModelCreateSchema, deviceModelSchema, deviceModelUpdateSchema } from './device-model.schema.js';
import { importJobSchema, importRowErrorSchema } from './import.schema.js';
import { orgSettingsPatchSchema, orgSettingsSchema } from './org-settings.schema.js';
import { siteCreateSchema, siteSchema, siteUpdateSchema } from './site.schema.js';

const p = (action: string) => Subjects.rpc('inventory', action);
const id = z.string().min(1).max(100);
const ok = z.object({ ok: z.literal(true) });

/**
 * Gateway -> inventory calls. Large payloads (CSV import, exports) are not here: they stream over the inventory
 * service's own HTTP port (`POST /internal/imports`, `GET /internal/exports/devices`), proxied by the gateway.
 */
export const InventoryRpc = {
  orgSettingsGet: defineRpc({ pattern: p('org-settings.get'), params: {}, response: orgSettingsSchema }),
  orgSettingsUpdate: defineRpc({
    pattern: p('org-settings.update'),
    params: { patch: orgSettingsPatchSchema },
    response: orgSettingsSchema,
  }),

  sitesCreate: defineRpc({ pattern: p('sites.create'), params: { site: siteCreateSchema }, response: siteSchema }),
  sitesGet: defineRpc({ pattern: p('sites.get'), params: { id }, response: siteSchema }),
  sitesList: defineRpc({
    pattern: p('sites.list'),
    params: { parentId: z.string().min(1).optional(), ...pageRequestSchema.shape },
    response: pageOf(siteSchema),
  }),
  sitesUpdate: defineRpc({ pattern: p('sites.update'), params: { id, patch: siteUpdateSchema }, response: siteSchema }),
  /** Moves a site and its whole subtree under `parentId` (null: to the root). */
  sitesMove: defineRpc({
    pattern: p('sites.move'),
    params: { id, parentId: z.string().min(1).nullable() },
    response: siteSchema,
  }),
  /** Refused with SITE_HAS_DEVICES / SITE_HAS_CHILDREN while the site still holds either. */
  sitesDelete: defineRpc({ pattern: p('sites.delete'), params: { id }, response: ok }),

  modelsCreate: defineRpc({
    pattern: p('models.create'),
    params: { model: deviceModelCreateSchema },
    response: deviceModelSchema,
  }),
  modelsGet: defineRpc({ pattern: p('models.get'), params: { id }, response: deviceModelSchema }),
  modelsList: defineRpc({
    pattern: p('models.list'),
    params: { vendor: z.string().min(1).optional(), ...pageRequestSchema.shape },
    response: pageOf(deviceModelSchema),
  }),
  modelsUpdate: defineRpc({
    pattern: p('models.update'),
    params: { id, patch: deviceModelUpdateSchema },
    response: deviceModelSchema,
  }),

  devicesCreate: defineRpc({
    pattern: p('devices.create'),
    params: { device: deviceCreateSchema },
    response: deviceWithTokenSchema,
  }),
  devicesGet: defineRpc({ pattern: p('devices.get'), params: { id }, response: deviceSchema }),
  devicesUpdate: defineRpc({
    pattern: p('devices.update'),
    params: { id, patch: deviceUpdateSchema },
    response: deviceSchema,
  }),
  devicesDecommission: defineRpc({
    pattern: p('devices.decommission'),
    params: { id, reason: z.string().max(500).optional() },
    response: deviceSchema,
  }),
  devicesList: defineRpc({
    pattern: p('devices.list'),
    params: { filter: deviceFilterSchema.default({}), sort: deviceSortSchema.default('name'), ...pageRequestSchema.shape },
    response: pageOf(deviceSchema),
  }),
  devicesCounts: defineRpc({
    pattern: p('devices.counts'),
    params: { filter: deviceFilterSchema.default({}) },
    response: deviceCountsSchema,
  }),
  devicesRotateToken: defineRpc({
    pattern: p('devices.rotate-token'),
    params: { id },
    response: deviceWithTokenSchema,
  }),
  /** Resolves a device's HTTP heartbeat token (the token is the credential; caller.orgId is not consulted). */
  devicesByToken: defineRpc({
    pattern: p('devices.by-token'),
    params: { token: z.string().min(10).max(200) },
    response: deviceByTokenSchema,
  }),

  importsGet: defineRpc({ pattern: p('imports.get'), params: { id }, response: importJobSchema }),
  importsList: defineRpc({ pattern: p('imports.list'), params: { ...pageRequestSchema.shape }, response: pageOf(importJobSchema) }),
  importsErrors: defineRpc({
    pattern: p('imports.errors'),
    params: { id, ...pageRequestSchema.shape },
    response: pageOf(importRowErrorSchema),
  }),
} as const;
