import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { allEvents } from '../events.js';
import { buildAsyncApi } from './asyncapi.js';
import { documentExamples } from './examples.js';
import { eventJsonSchemas, eventKey, HEARTBEAT_KEY } from './json-schemas.js';

type Obj = Record<string, unknown>;
const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const doc = buildAsyncApi(documentExamples()) as Obj;

/** Resolves a local `#/a/b` reference in the document, or fails. */
function resolve(ref: unknown): Obj {
  expect(typeof ref).toBe('string');
  expect(ref as string).toMatch(/^#\//);
  const target = (ref as string)
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Obj | undefined)?.[key], doc);
  if (target === undefined) throw new Error(`unresolved reference ${String(ref)}`);
  return target as Obj;
}

const channels = doc['channels'] as Record<string, Obj>;
const components = doc['components'] as { messages: Record<string, Obj>; schemas: Record<string, Obj> };

describe('AsyncAPI document', () => {
  it('is valid against the official AsyncAPI 3.0.0 JSON Schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(require('@asyncapi/specs/schemas/3.0.0-without-$id.json') as Obj);
    const valid = validate(doc);
    expect(valid ? [] : validate.errors?.slice(0, 5)).toEqual([]);
    expect(doc['asyncapi']).toBe('3.0.0');
  });

  it('has one channel per event version on its subject template, plus the heartbeat channel', () => {
    for (const def of allEvents) {
      const address =
        def.scope === 'org'
          ? `fleet.evt.{orgId}.${def.type}.v${def.version}`
          : `fleet.catalog.${def.type}.v${def.version}`;
      expect(channels[eventKey(def)]?.['address']).toBe(address);
    }
    expect(channels[HEARTBEAT_KEY]?.['address']).toBe('fleet.hb.{orgId}.{siteId}');
    expect(Object.keys(channels)).toHaveLength(allEvents.length + 1);
  });

  it('declares exactly the parameters each address uses', () => {
    for (const channel of Object.values(channels)) {
      const used = [...String(channel['address']).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys((channel['parameters'] as Obj | undefined) ?? {}).sort()).toEqual(used);
    }
  });

  it("resolves every channel's messages to a payload schema, and every operation to its channel", () => {
    for (const channel of Object.values(channels)) {
      const messages = Object.values(channel['messages'] as Record<string, Obj>);
      expect(messages.length).toBeGreaterThan(0);
      for (const ref of messages) {
        const payload = resolve((resolve(ref['$ref'])['payload'] as Obj)['$ref']);
        expect(payload['type']).toBe('object');
      }
    }
    for (const op of Object.values(doc['operations'] as Record<string, Obj>)) {
      const channel = resolve((op['channel'] as Obj)['$ref']);
      for (const m of op['messages'] as Obj[])
        expect(Object.values(channel['messages'] as Obj)).toContainEqual(resolve(m['$ref']));
    }
  });

  it("has examples that satisfy their message's JSON Schema", () => {
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    for (const [key, message] of Object.entries(components.messages)) {
      const validate = ajv.compile(resolve((message['payload'] as Obj)['$ref']));
      const example = (message['examples'] as { payload: unknown }[])[0]!.payload;
      expect({ key, valid: validate(example), errors: validate.errors ?? null }).toEqual({
        key,
        valid: true,
        errors: null,
      });
    }
  });
});

describe('JSON Schemas', () => {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const examples = documentExamples();

  it.each(eventJsonSchemas().map((s) => [s.key, s] as const))(
    '%s accepts its example and refuses broken ones',
    (key, named) => {
      const validate = ajv.compile(named.schema);
      const example = examples[key] as Obj;
      expect(validate(example)).toBe(true);
      const body = (e: Obj) => (key === HEARTBEAT_KEY ? e : (e['data'] as Obj));
      const withoutField = structuredClone(example);
      const required = key === HEARTBEAT_KEY ? 'samples' : Object.keys(body(example))[0]!;
      delete body(withoutField)[required];
      expect(validate(withoutField)).toBe(false);
      const withUnknownField = structuredClone(example);
      body(withUnknownField)['surprise'] = 1;
      expect(validate(withUnknownField)).toBe(false);
      if (key !== HEARTBEAT_KEY) expect(validate({ ...example, version: 2 })).toBe(false);
    },
  );
});
