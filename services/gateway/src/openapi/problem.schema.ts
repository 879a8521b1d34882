import { z } from 'zod';
import { openApiSchema } from './zod-to-openapi.js';

/** RFC 9457 problem details as Fleetward answers them (documented on every error response). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable machine-readable code, e.g. DEVICE_NOT_FOUND, RATE_LIMITED'),
    instance: z.string().optional(),
    correlationId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose();

/** An error response of the OpenAPI document: problem+json with `description`. */
export function problemResponse(status: number, description: string) {
  return {
    status,
    description,
    content: { 'application/problem+json': { schema: openApiSchema(problemSchema, 'output') } },
  };
}
