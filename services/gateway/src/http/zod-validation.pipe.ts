import { Injectable, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { GatewayError } from './gateway-error.js';

/** One line per problem: where in the input and what is wrong. */
export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

/** Top-level objects become strict, so a body or query can never carry `orgId`, `role`, `id` or any unknown field. */
function strictTop<S extends z.ZodType>(schema: S): S {
  if (schema instanceof z.ZodObject && schema.def.catchall === undefined) return schema.strict() as unknown as S;
  return schema;
}

/**
 * Validates `@Body()`, `@Query()` or `@Param()` with a zod schema and hands the parsed (typed, defaulted) value to the
 * handler. Unknown top-level fields are rejected; nested objects should be declared with `z.strictObject`.
 * A failure answers 400 problem+json with code `VALIDATION_FAILED` and an `errors` list.
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  private readonly schema: S;

  constructor(schema: S) {
    this.schema = strictTop(schema);
  }

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    throw new GatewayError(400, 'VALIDATION_FAILED', 'The request does not match the schema', {
      errors: zodIssues(result.error),
    });
  }
}
