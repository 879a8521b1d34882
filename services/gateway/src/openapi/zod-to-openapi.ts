import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/** zod -> OpenAPI 3.0 schema object (bodies as the client sends them, responses as the server returns them). */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}
