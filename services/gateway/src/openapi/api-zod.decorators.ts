import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** zod -> OpenAPI 3.0 schema object (bodies as the client sends them, responses as the server returns them). */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** Documents the JSON request body of a route from the same zod schema that validates it. */
export function ApiZodBody(schema: z.ZodType, description?: string): MethodDecorator {
  return ApiBody({ schema: openApiSchema(schema, 'input'), description, required: true });
}

/** Documents a successful response of a route from its zod schema (status 200 unless given). */
export function ApiZodResponse(
  schema: z.ZodType,
  options: { status?: number; description?: string } = {},
): MethodDecorator {
  const status = options.status ?? 200;
  return ApiResponse({
    status,
    description: options.description ?? 'Success',
    schema: openApiSchema(schema, 'output'),
  });
}

/** Documents each field of a zod object schema as a query parameter. */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const json = openApiSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  const decorators = Object.entries(json.properties ?? {}).map(([name, prop]) =>
    ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: prop }),
  );
  return applyDecorators(...decorators);
}
