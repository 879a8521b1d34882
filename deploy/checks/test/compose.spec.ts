import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { composeEngineProblems, composeServiceProblems, type ComposeFile } from '../src/check-compose.js';
import { loadServiceConfig } from '../src/config-schemas.js';
import { podTemplates } from '../src/objects.js';
import { deployDir, serviceNames } from '../src/paths.js';
import { renderOverlay } from '../src/render.js';

const compose = parse(readFileSync(path.join(deployDir, 'compose.yaml'), 'utf8'), { merge: true }) as ComposeFile;

describe('deploy/compose.yaml', () => {
  it('runs NATS with JetStream, PostgreSQL, Redis (AOF, noeviction) and both setup steps', () => {
    expect(composeEngineProblems(compose)).toEqual([]);
  });

  it.each(serviceNames())('runs %s hardened, after setup, with a config its schema accepts', async (service) => {
    const config = await loadServiceConfig(service);
    expect(composeServiceProblems(compose, config)).toEqual([]);
  });

  it('builds the images under the names the dev overlay runs (docker build, then kind load)', () => {
    const dev = podTemplates(renderOverlay('dev'));
    for (const service of [...serviceNames(), 'tools']) {
      const image = `fleetward/${service}:dev`;
      const composeImages = Object.values(compose.services).map((s) => s.image);
      expect(composeImages).toContain(image);
      expect(dev.some((t) => t.spec.containers.some((c) => c.image === image))).toBe(true);
    }
  });

  it('reports a service that starts before migrations or lacks a required variable', async () => {
    const config = await loadServiceConfig('health');
    const broken = structuredClone(compose);
    delete (broken.services.health!.depends_on as Record<string, unknown>).migrate;
    delete (broken.services.health!.environment as Record<string, string>).DATABASE_URL;
    const problems = composeServiceProblems(broken, config).join('\n');
    expect(problems).toContain('must wait for migrate');
    expect(problems).toContain('DATABASE_URL is required');
  });
});
