import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './paths.js';

/** The part of a zod 4 schema these checks use. */
export interface ZodLike {
  safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
  shape?: Record<string, ZodLike>;
  _zod?: { def?: { type?: string; in?: ZodLike } };
}

export interface ServiceConfig {
  service: string;
  schema: ZodLike;
  shape: Record<string, ZodLike>;
  /** Variables without a default that are not optional: a deployment must set them. */
  required: string[];
}

export function configSchemaPath(service: string, root = repoRoot): string {
  return path.join(root, 'services', service, 'src/config.ts');
}

/** Loads `configSchema` from services/<name>/src/config.ts (TypeScript source, compiled by jest's transform). */
export async function loadServiceConfig(service: string, root = repoRoot): Promise<ServiceConfig> {
  const file = configSchemaPath(service, root);
  if (!existsSync(file)) throw new Error(`services/${service}/src/config.ts is missing: it must export configSchema`);
  const mod = (await import(pathToFileURL(file).href)) as { configSchema?: ZodLike };
  if (!mod.configSchema) throw new Error(`services/${service}/src/config.ts does not export configSchema`);
  return serviceConfigOf(service, mod.configSchema);
}

export function serviceConfigOf(service: string, schema: ZodLike): ServiceConfig {
  const shape = objectShape(schema, service);
  return { service, schema, shape, required: requiredVariables(shape) };
}

/** The object behind a schema, looking through `.transform()`/`.pipe()` wrappers. */
export function objectShape(schema: ZodLike, service: string): Record<string, ZodLike> {
  if (schema.shape) return schema.shape;
  const inner = schema._zod?.def?.type === 'pipe' ? schema._zod.def.in : undefined;
  if (inner) return objectShape(inner, service);
  throw new Error(`configSchema of ${service} is not a zod object schema`);
}

/** A variable is required when its schema rejects `undefined` (no default, not optional). */
export function requiredVariables(shape: Record<string, ZodLike>): string[] {
  return Object.entries(shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([name]) => name)
    .sort();
}

/** Problems with known values: each one parsed by its own field schema. */
export function invalidValues(config: ServiceConfig, values: Record<string, string>): string[] {
  return Object.entries(values)
    .filter(([name]) => config.shape[name])
    .flatMap(([name, value]) => {
      if (value === '') return [`${name} is empty, which the service treats as unset`];
      const r = config.shape[name]!.safeParse(value);
      return r.success ? [] : [`${name}=${JSON.stringify(value)} is invalid: ${r.error?.issues[0]?.message}`];
    });
}

/** Problems from parsing the whole environment, as the service does at boot (only when every value is known). */
export function parseWhole(config: ServiceConfig, values: Record<string, string>): string[] {
  const r = config.schema.safeParse(values);
  if (r.success) return [];
  return (r.error?.issues ?? []).map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`);
}
