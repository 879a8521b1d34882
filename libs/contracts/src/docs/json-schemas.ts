import { z } from 'zod';
import type { EventDefinition } from '../define-event.js';
import { allEvents } from '../events.js';
import { heartbeatBatchSchema } from '../heartbeat/heartbeat.js';

export type JsonSchema = Record<string, unknown>;

/** Draft-07: what AsyncAPI 3.0 schemas extend, and what most integrators' validators read by default. */
function toJsonSchema(schema: z.ZodType, title: string, description: string): JsonSchema {
  const { $schema, ...rest } = z.toJSONSchema(schema, { target: 'draft-07', unrepresentable: 'throw' });
  return { $schema, title, description, ...rest };
}

/** `device.offline.v1`: the name of an event version in file names, channel ids and message ids. */
export const eventKey = (def: Pick<EventDefinition, 'type' | 'version'>) => `${def.type}.v${def.version}`;

export const HEARTBEAT_KEY = 'heartbeat.batch';

export interface NamedSchema {
  key: string;
  title: string;
  description: string;
  schema: JsonSchema;
}

/** The JSON Schema of every event's full envelope, plus the heartbeat batch. */
export function eventJsonSchemas(): NamedSchema[] {
  const events = allEvents.map((def) => ({
    key: eventKey(def),
    title: `${def.type} v${def.version}`,
    description: def.description,
    schema: toJsonSchema(def.envelope, `${def.type} v${def.version}`, def.description),
  }));
  const heartbeatDescription =
    'Heartbeat samples from one device or a site collector (core NATS, not an event). A sample carries `faults` exactly when its status is `degraded`.';
  const heartbeat = {
    key: HEARTBEAT_KEY,
    title: 'Heartbeat batch',
    description: heartbeatDescription,
    schema: toJsonSchema(heartbeatBatchSchema, 'Heartbeat batch', heartbeatDescription),
  };
  return [...events, heartbeat];
}
