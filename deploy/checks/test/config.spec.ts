import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configProblems, undocumentedSecrets } from '../src/check-config.js';
import { z } from 'zod';
import { loadServiceConfig, requiredVariables, serviceConfigOf, type ServiceConfig } from '../src/config-schemas.js';
import { setupJobProblems } from '../src/check-setup.js';
import { serviceDeployment, type K8sObject } from '../src/objects.js';
import { deployDir, overlayNames, serviceNames } from '../src/paths.js';
import { renderOverlay } from '../src/render.js';

const readme = readFileSync(path.join(deployDir, 'README.md'), 'utf8');
const services = serviceNames();
const configs = new Map<string, ServiceConfig>();
for (const s of services) configs.set(s, await loadServiceConfig(s));

describe('config schemas', () => {
  it('are found for every service, and DATABASE_URL (no default) is among the required variables', () => {
    for (const s of services) expect(configs.get(s)!.required).toContain('DATABASE_URL');
  });

  it('derive required variables from defaults and optionality, not from a list', () => {
    const shape = configs.get(services[0]!)!.shape;
    const required = requiredVariables(shape);
    expect(required).not.toContain('LOG_LEVEL');
    expect(required).not.toContain('DATABASE_MIGRATION_URL');
  });
});

describe.each(overlayNames())('overlay %s', (overlay) => {
  const objects: K8sObject[] = renderOverlay(overlay);

  it.each(services)('gives %s every variable its config schema requires, with valid values', (service) => {
    const t = serviceDeployment(objects, service);
    expect(t).toBeDefined();
    const report = configProblems(t!, configs.get(service)!, objects);
    expect(report.problems).toEqual([]);
  });

  it('runs stream provisioning and migrations as Jobs with the variables they read', () => {
    const report = setupJobProblems(objects);
    expect(report.problems).toEqual([]);
    expect(report.replicas).toBe(overlay === 'prod' ? '3' : '1');
  });

  it('names in deploy/README.md every Secret key it leaves to the operator', () => {
    const external = services.flatMap(
      (s) => configProblems(serviceDeployment(objects, s)!, configs.get(s)!, objects).external,
    );
    expect(undocumentedSecrets(external, readme)).toEqual([]);
    if (overlay === 'prod') expect(external.length).toBeGreaterThan(0);
  });
});

describe('the config cross-check fails when', () => {
  const objects = renderOverlay('prod');
  const gateway = () => structuredClone(serviceDeployment(objects, 'gateway')!);
  const config = configs.get('gateway')!;

  it('a service starts requiring a variable no overlay sets', () => {
    const extended = (config.schema as unknown as z.ZodObject).extend({ FLEETWARD_NEW_SETTING: z.string() });
    const problems = configProblems(gateway(), serviceConfigOf('gateway', extended), objects).problems;
    expect(problems.join('\n')).toContain('FLEETWARD_NEW_SETTING is required');
  });

  it('a required variable disappears from the Deployment', () => {
    const t = gateway();
    t.spec.containers[0]!.env = t.spec.containers[0]!.env!.filter((e) => e.name !== 'DATABASE_URL');
    expect(configProblems(t, config, objects).problems.join('\n')).toContain('DATABASE_URL is required');
  });

  it('a value does not pass its schema', () => {
    const t = gateway();
    t.spec.containers[0]!.env!.push({ name: 'LOG_LEVEL', value: 'loud' });
    expect(configProblems(t, config, objects).problems.join('\n')).toContain('LOG_LEVEL="loud" is invalid');
  });
});
