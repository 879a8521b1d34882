import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { envelopeBaseSchema, type EventEnvelope } from './envelope.js';
import { Subjects } from './subjects.js';
import { orgIdSchema } from './ids.js';

export type EventScope = 'org' | 'catalog';

const ORG_DESCRIPTION = 'The organisation the event belongs to; also a token of its subject.';
const CATALOG_DESCRIPTION = 'Always null: catalog events belong to no organisation.';

export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  /** `<domain>.<event>`, e.g. `device.offline`. Never changes meaning; a breaking change is a new version. */
  readonly type: string;
  readonly version: number;
  readonly scope: EventScope;
  readonly description: string;
  readonly data: S;
  /** The full envelope schema with `type`, `version` and `data` pinned. */
  readonly envelope: z.ZodType<EventEnvelope<z.infer<S>>>;
  subject(orgId: string | null): string;
}

export function defineEvent<S extends z.ZodType>(def: {
  type: string;
  version: number;
  scope?: EventScope;
  description: string;
  data: S;
}): EventDefinition<S> {
  const scope = def.scope ?? 'org';
  const envelope = envelopeBaseSchema
    .extend({
      type: z.literal(def.type),
      version: z.literal(def.version),
      orgId: scope === 'org' ? orgIdSchema.describe(ORG_DESCRIPTION) : z.null().describe(CATALOG_DESCRIPTION),
      data: def.data,
    })
    .superRefine(sameOrgInData) as unknown as z.ZodType<EventEnvelope<z.infer<S>>>;
  return {
    ...def,
    scope,
    envelope,
    subject(orgId) {
      if (scope === 'catalog') return Subjects.catalogEvent(def.type, def.version);
      if (!orgId) throw new Error(`event ${def.type} belongs to an organisation: orgId is required`);
      return Subjects.event(orgId, def.type, def.version);
    },
  };
}

/** An event's data that names an organisation must name the envelope's: an event cannot speak for another org. */
function sameOrgInData(env: { orgId: string | null; data?: unknown }, ctx: z.RefinementCtx): void {
  const data = env.data;
  if (typeof data !== 'object' || data === null || !('orgId' in data)) return;
  if (data.orgId !== env.orgId) {
    ctx.addIssue({
      code: 'custom',
      path: ['data', 'orgId'],
      message: `must equal the envelope's orgId (${env.orgId})`,
    });
  }
}

export interface NewEvent<T> {
  orgId: string | null;
  data: T;
  correlationId?: string;
  source: string;
  occurredAt?: Date;
  id?: string;
}

/** Builds a validated envelope for `def`. Throws a ZodError when `data` does not match the schema. */
export function createEvent<S extends z.ZodType>(
  def: EventDefinition<S>,
  e: NewEvent<z.input<S>>,
): EventEnvelope<z.infer<S>> {
  const id = e.id ?? randomUUID();
  return def.envelope.parse({
    id,
    type: def.type,
    version: def.version,
    occurredAt: (e.occurredAt ?? new Date()).toISOString(),
    orgId: def.scope === 'catalog' ? null : e.orgId,
    correlationId: e.correlationId ?? id,
    source: e.source,
    data: e.data,
  });
}
