import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { problemResponse } from './problem.schema.js';
import { openApiSchema, type JsonSchema } from './zod-to-openapi.js';

export { openApiSchema } from './zod-to-openapi.js';

/** Documents the JSON request body of a route from the same zod schema that validates it. */
export function ApiZodBody(schema: z.ZodType, description?: string): MethodDecorator {
  return applyDecorators(
    ApiBody({ schema: openApiSchema(schema, 'input'), description, required: true }),
    ApiResponse(
      problemResponse(400, 'The body does not match the schema (VALIDATION_FAILED, with `errors`) or is not JSON'),
    ),
  );
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
