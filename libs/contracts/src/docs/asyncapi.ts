import type { EventDefinition } from '../define-event.js';
import { allEvents } from '../events.js';
import { SUBJECT_ROOT, Subjects } from '../subjects.js';
import { eventJsonSchemas, eventKey, HEARTBEAT_KEY, type JsonSchema, type NamedSchema } from './json-schemas.js';

const ORG_PARAM = '{orgId}';
const SITE_PARAM = '{siteId}';

const parameters = {
  orgId: {
    description: 'The organisation id (one subject token). NATS permissions grant an integrator exactly its own.',
  },
  siteId: { description: 'The site the heartbeats come from (one subject token).' },
};

export interface AsyncApiExamples {
  /** Example payload per schema key (`device.offline.v1`, `heartbeat.batch`). */
  [key: string]: unknown;
}

function eventChannel(def: EventDefinition) {
  const key = eventKey(def);
  const org = def.scope === 'org';
  return {
    address: org ? Subjects.event(ORG_PARAM, def.type, def.version) : Subjects.catalogEvent(def.type, def.version),
    title: `${def.type} v${def.version}`,
    description: def.description,
    ...(org ? { parameters: { orgId: parameters.orgId } } : {}),
    messages: { [key]: { $ref: `#/components/messages/${key}` } },
  };
}

function message(named: NamedSchema, example: unknown, headers: JsonSchema | null) {
  return {
    name: named.key,
    title: named.title,
    summary: named.description,
    contentType: 'application/json',
    ...(headers ? { headers } : {}),
    payload: { $ref: `#/components/schemas/${named.key}` },
    ...(example === undefined ? {} : { examples: [{ name: 'example', payload: example }] }),
  };
}

const eventHeaders: JsonSchema = {
  type: 'object',
  properties: {
    'Nats-Msg-Id': {
      type: 'string',
      description: 'The envelope id: JetStream drops a repeat within its window; consumers deduplicate on it.',
    },
  },
};

/** Drops the `$schema` keyword: inside AsyncAPI a payload schema takes the document's default schema format. */
function component(schema: JsonSchema): JsonSchema {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

/** The AsyncAPI 3.0 description of every event channel and the heartbeat channel, for IT integrators. */
export function buildAsyncApi(examples: AsyncApiExamples = {}): Record<string, unknown> {
  const schemas = eventJsonSchemas();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const def of allEvents) {
    const key = eventKey(def);
    channels[key] = eventChannel(def);
    operations[`send.${key}`] = {
      action: 'send',
      title: `Publish ${def.type} v${def.version}`,
      channel: { $ref: `#/channels/${key}` },
      messages: [{ $ref: `#/channels/${key}/messages/${key}` }],
    };
  }
  channels[HEARTBEAT_KEY] = {
    address: Subjects.heartbeat(ORG_PARAM, SITE_PARAM),
    title: 'Heartbeats',
    description:
      'High-volume liveness samples on core NATS (not durable). What they change is published as device.* and site.* events.',
    parameters,
    messages: { [HEARTBEAT_KEY]: { $ref: `#/components/messages/${HEARTBEAT_KEY}` } },
  };
  operations[`receive.${HEARTBEAT_KEY}`] = {
    action: 'receive',
    title: 'Receive heartbeats',
    channel: { $ref: `#/channels/${HEARTBEAT_KEY}` },
    messages: [{ $ref: `#/channels/${HEARTBEAT_KEY}/messages/${HEARTBEAT_KEY}` }],
  };
  for (const named of schemas) {
    messages[named.key] = message(named, examples[named.key], named.key === HEARTBEAT_KEY ? null : eventHeaders);
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Fleetward events',
      version: '1.0.0',
      description:
        `Domain events of Fleetward on NATS JetStream (stream FLEET_EVENTS: ${Subjects.allEvents}, ${Subjects.allCatalogEvents}) ` +
        'and device heartbeats on core NATS. Every event is an envelope (id, type, version, occurredAt, orgId, correlationId, ' +
        'source, data). Published names and fields never change meaning: a breaking change is a new version on its own subject. ' +
        'Operations are seen from Fleetward: it sends the events and receives heartbeats; a client does the opposite.',
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: 'localhost:4222',
        protocol: 'nats',
        description: `Development NATS server; subjects start with "${SUBJECT_ROOT}."`,
      },
    },
    channels,
    operations,
    components: {
      schemas: Object.fromEntries(schemas.map((s) => [s.key, component(s.schema)])),
      messages,
    },
  };
}
