import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dockerfileProblems, dockerignoreProblems, type ImageSpec } from '../src/check-images.js';
import { deployDir, repoRoot, serviceNames } from '../src/paths.js';
import { runtimeWorkspaces } from '../src/workspaces.js';

const PORTS: Record<string, number> = { gateway: 8080, inventory: 8081, health: 8082, lifecycle: 8083, notifier: 8084 };
const read = (p: string) => readFileSync(path.join(repoRoot, p), 'utf8');

/** The final stage copies the build output and package.json of the service and of every workspace it depends on. */
function serviceSpec(service: string): ImageSpec {
  const mustCopy = [
    'node_modules',
    ...runtimeWorkspaces(`services/${service}`).flatMap((w) => [`${w}/dist`, `${w}/package.json`]),
  ];
  if (service === 'gateway') mustCopy.push('apps/console/dist');
  return { entry: `services/${service}/dist/main.js`, mustCopy, port: PORTS[service] };
}

describe('images', () => {
  it.each(serviceNames())(
    'services/%s/Dockerfile: multi-stage, non-root, tini, no HEALTHCHECK, runs its build',
    (service) => {
      expect(PORTS[service]).toBeDefined();
      expect(dockerfileProblems(read(`services/${service}/Dockerfile`), serviceSpec(service), service)).toEqual([]);
    },
  );

  it("the tools image carries the setup scripts, deploy/nats and every service's migrations", () => {
    const workspaces = new Set(serviceNames().flatMap((s) => runtimeWorkspaces(`services/${s}`)));
    const spec: ImageSpec = {
      entry: 'tools/dev/migrate.mjs',
      mustCopy: ['tools/dev', 'deploy/nats', 'node_modules', ...[...workspaces].map((w) => `${w}/dist`)],
    };
    expect(
      dockerfileProblems(readFileSync(path.join(deployDir, 'images/tools.Dockerfile'), 'utf8'), spec, 'tools'),
    ).toEqual([]);
  });

  it('.dockerignore keeps host node_modules, build output and .git out of the context', () => {
    expect(dockerignoreProblems(read('.dockerignore'))).toEqual([]);
  });

  it('a Dockerfile that runs as root, has a HEALTHCHECK or no init fails', () => {
    const bad = [
      'FROM node:20-slim',
      'COPY . .',
      'HEALTHCHECK CMD curl -f http://localhost:8080/healthz',
      'CMD ["node", "services/gateway/dist/main.js"]',
    ].join('\n');
    const problems = dockerfileProblems(bad, serviceSpec('gateway'), 'bad');
    expect(problems.join('\n')).toEqual(expect.stringContaining('multi-stage'));
    expect(problems.join('\n')).toEqual(expect.stringContaining('HEALTHCHECK'));
    expect(problems.join('\n')).toEqual(expect.stringContaining('non-root USER'));
    expect(problems.join('\n')).toEqual(expect.stringContaining('tini'));
    expect(problems.join('\n')).toEqual(expect.stringContaining('apps/console/dist'));
  });
});
