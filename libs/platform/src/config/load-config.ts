import { z } from 'zod';

/** Raised when the environment does not satisfy a service's config schema. One line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment with the service's schema. The only place (with `runService`, which passes `process.env`)
 * where the environment is read; everything else gets the typed object through `@Inject(APP_CONFIG)`.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  // Empty strings count as unset, so `DATABASE_URL= node main.js` is reported as missing, not as an invalid URL.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, cleaned)));
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, unknown>): string {
  const name = issue.path.join('.') || '(environment)';
  // A missing variable fails its type check; a cross-field rule (a refine) may also name an unset one (its default).
  if (issue.code === 'invalid_type' && issue.path.length === 1 && env[String(issue.path[0])] === undefined)
    return `${name} is required`;
  return `${name} is invalid: ${issue.message}`;
}
