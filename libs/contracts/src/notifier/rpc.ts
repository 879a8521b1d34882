import { z } from 'zod';
import { defineRpc, pageOf, pageRequestSchema } from '../rpc.js';
import { Subjects } from '../subjects.js';
import {
  allowedHostSchema,
  channelInputSchema,
  channelSchema,
  channelUpdateSchema,
  channelWithSecretSchema,
  deliverySchema,
  deliveryStatusSchema,
  incidentFilterSchema,
  incidentLogEntrySchema,
  incidentSchema,
  maintenanceWindowCreateSchema,
  maintenanceWindowSchema,
  routingRuleInputSchema,
  routingRuleSchema,
  testSendResultSchema,
} from './notifier-api.schema.js';

const p = (action: string) => Subjects.rpc('notifier', action);
const uuid = z.uuid();
const ok = z.object({ ok: z.literal(true) });
const note = z.string().trim().min(1).max(2000).optional();

/** Gateway -> notifier calls. */
export const NotifierRpc = {
  incidentsList: defineRpc({
    pattern: p('incidents.list'),
    params: { filter: incidentFilterSchema.default({}), ...pageRequestSchema.shape },
    response: pageOf(incidentSchema),
  }),
  incidentsGet: defineRpc({
    pattern: p('incidents.get'),
    params: { id: uuid },
    response: incidentSchema.extend({ log: z.array(incidentLogEntrySchema), deliveries: z.array(deliverySchema) }),
  }),
  /** Refused with INCIDENT_NOT_OPEN when already acknowledged or resolved. */
  incidentsAcknowledge: defineRpc({ pattern: p('incidents.acknowledge'), params: { id: uuid, note }, response: incidentSchema }),
  incidentsResolve: defineRpc({ pattern: p('incidents.resolve'), params: { id: uuid, note }, response: incidentSchema }),

  maintenanceCreate: defineRpc({ pattern: p('maintenance.create'), params: { window: maintenanceWindowCreateSchema }, response: maintenanceWindowSchema }),
  maintenanceList: defineRpc({
    pattern: p('maintenance.list'),
    params: { targetId: z.string().min(1).optional(), ...pageRequestSchema.shape },
    response: pageOf(maintenanceWindowSchema),
  }),
  maintenanceCancel: defineRpc({ pattern: p('maintenance.cancel'), params: { id: uuid }, response: ok }),

  rulesList: defineRpc({ pattern: p('rules.list'), params: { ...pageRequestSchema.shape }, response: pageOf(routingRuleSchema) }),
  rulesCreate: defineRpc({ pattern: p('rules.create'), params: { rule: routingRuleInputSchema }, response: routingRuleSchema }),
  rulesUpdate: defineRpc({ pattern: p('rules.update'), params: { id: uuid, rule: routingRuleInputSchema }, response: routingRuleSchema }),
  rulesDelete: defineRpc({ pattern: p('rules.delete'), params: { id: uuid }, response: ok }),

  channelsList: defineRpc({ pattern: p('channels.list'), params: { ...pageRequestSchema.shape }, response: pageOf(channelSchema) }),
  /** A webhook channel's signing secret is in the response once, never again. */
  channelsCreate: defineRpc({ pattern: p('channels.create'), params: { channel: channelInputSchema }, response: channelWithSecretSchema }),
  channelsUpdate: defineRpc({ pattern: p('channels.update'), params: { id: uuid, patch: channelUpdateSchema }, response: channelSchema }),
  channelsDelete: defineRpc({ pattern: p('channels.delete'), params: { id: uuid }, response: ok }),
  /** Adds a new signing secret in front; the previous one stays valid (two signatures) until `expireOld`. */
  channelsRotateSecret: defineRpc({
    pattern: p('channels.rotate-secret'),
    params: { id: uuid, expireOld: z.boolean().default(false) },
    response: channelWithSecretSchema,
  }),
  channelsTest: defineRpc({ pattern: p('channels.test'), params: { id: uuid }, response: testSendResultSchema }),

  deliveriesList: defineRpc({
    pattern: p('deliveries.list'),
    params: {
      incidentId: uuid.optional(),
      channelId: uuid.optional(),
      /** `dead` lists the dead letters: deliveries that exhausted their retries or failed permanently. */
      status: deliveryStatusSchema.optional(),
      ...pageRequestSchema.shape,
    },
    response: pageOf(deliverySchema),
  }),

  allowedHostsList: defineRpc({ pattern: p('allowed-hosts.list'), params: {}, response: z.object({ items: z.array(allowedHostSchema) }) }),
  allowedHostsAdd: defineRpc({ pattern: p('allowed-hosts.add'), params: { host: z.string().trim().toLowerCase().min(1).max(253) }, response: allowedHostSchema }),
  allowedHostsRemove: defineRpc({ pattern: p('allowed-hosts.remove'), params: { host: z.string().trim().toLowerCase().min(1) }, response: ok }),
} as const;
