import { invalidValues, parseWhole, type ServiceConfig } from './config-schemas.js';
import { resolveEnv, type ProvidedVar } from './env.js';
import { describe as label, type K8sObject, type PodTemplate } from './objects.js';

export interface EnvReport {
  problems: string[];
  /** Secrets (name/key) the overlay expects the operator to create. */
  external: { secret: string; key: string }[];
  vars: Map<string, ProvidedVar>;
}

/**
 * The service's container provides every variable its config schema requires, each known value passes its field
 * schema, and when every value is known (dev) the whole environment parses as the service will parse it at boot.
 */
export function configProblems(t: PodTemplate, config: ServiceConfig, objects: K8sObject[]): EnvReport {
  const container = t.spec.containers[0]!;
  const { vars, problems: envProblems } = resolveEnv(container, objects);
  const where = `${label(t.owner)} (${config.service})`;
  const problems = envProblems.map((p) => `${where}: ${p}`);
  for (const name of config.required) {
    if (!vars.has(name))
      problems.push(`${where}: ${name} is required by services/${config.service}/src/config.ts but not set`);
  }
  const known = Object.fromEntries([...vars].filter(([, v]) => v.value !== undefined).map(([k, v]) => [k, v.value!]));
  problems.push(...invalidValues(config, known).map((p) => `${where}: ${p}`));
  const allKnown = [...vars.values()].every((v) => v.value !== undefined);
  if (allKnown) problems.push(...parseWhole(config, known).map((p) => `${where}: ${p}`));
  const external = [...vars.values()].flatMap((v) => (v.external ? [v.external] : []));
  return { problems, external, vars };
}

/** Every Secret key an overlay leaves to the operator is named in deploy/README.md, so nobody has to guess. */
export function undocumentedSecrets(external: { secret: string; key: string }[], readme: string): string[] {
  const unique = [...new Map(external.map((e) => [`${e.secret}/${e.key}`, e])).values()];
  return unique
    .filter((e) => !readme.includes(e.secret) || !readme.includes(e.key))
    .map((e) => `Secret ${e.secret} key ${e.key} is expected from the operator but deploy/README.md does not name it`);
}
