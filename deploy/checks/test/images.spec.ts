import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  baseImageProblems,
  dockerfileProblems,
  dockerignoreProblems,
  productionDepsProblems,
  type ImageSpec,
} from '../src/check-images.js';
import { repoRoot, serviceNames } from '../src/paths.js';
import { runtimeWorkspaces } from '../src/workspaces.js';

const read = (p: string) => readFileSync(path.join(repoRoot, p), 'utf8');
const dockerfile = read('Dockerfile');
/** The Node LTS every image runs and `engines` names. */
const NODE_MAJOR = 24;

/** The service stage copies the build output and package.json of the service and of every workspace it depends on. */
function serviceSpec(service: string): ImageSpec {
  const mustCopy = [
    'node_modules',
    'main.mjs',
    ...runtimeWorkspaces(`services/${service}`).flatMap((w) => [`${w}/dist`, `${w}/package.json`]),
  ];
  if (service === 'gateway') mustCopy.push('apps/console/dist');
  return { entry: 'main.mjs', mustCopy, stage: 'service', args: { SERVICE: service } };
}

describe('the one Dockerfile', () => {
  it('is the only one: no per-service Dockerfiles to drift apart', () => {
    for (const service of serviceNames()) expect(() => read(`services/${service}/Dockerfile`)).toThrow();
  });

  it.each(serviceNames())('SERVICE=%s: multi-stage, non-root, tini, no HEALTHCHECK, runs its build', (service) => {
    expect(dockerfileProblems(dockerfile, serviceSpec(service), service)).toEqual([]);
  });

  it('the service stage is the default target and writes the entry module for the SERVICE it is built with', () => {
    expect(
      dockerfile
        .trimEnd()
        .split('\n')
        .findLast((l) => l.startsWith('FROM')),
    ).toMatch(/ AS service$/);
    expect(dockerfile).toContain(`echo "import './services/$SERVICE/dist/main.js';" > /out/main.mjs`);
  });

  it("--target tools carries the setup scripts, deploy/nats and every service's migrations", () => {
    const workspaces = new Set(serviceNames().flatMap((s) => runtimeWorkspaces(`services/${s}`)));
    const spec: ImageSpec = {
      entry: 'tools/dev/migrate.mjs',
      stage: 'tools',
      mustCopy: ['tools/dev', 'deploy/nats', 'node_modules', ...[...workspaces].map((w) => `${w}/dist`)],
    };
    expect(dockerfileProblems(dockerfile, spec, 'tools')).toEqual([]);
  });

  it(`pins every base image by digest, all Node ${NODE_MAJOR}`, () => {
    expect(baseImageProblems(dockerfile, NODE_MAJOR)).toEqual([]);
  });

  it('installs production dependencies only, without the TypeScript compiler or a second swagger-ui', () => {
    expect(productionDepsProblems(dockerfile)).toEqual([]);
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.devDependencies.typescript).toBeDefined();
    expect(pkg.dependencies['swagger-ui-dist']).toBeUndefined();
  });

  it(`engines admits Node ${NODE_MAJOR} (the images) and 20.19 (development machines)`, () => {
    const engines: string = JSON.parse(read('package.json')).engines.node;
    expect(engines).toMatch(new RegExp(`\\^${NODE_MAJOR}\\.`));
    expect(engines).toMatch(/\^20\.19/);
  });

  it('.dockerignore keeps host node_modules, build output and .git out of the context', () => {
    expect(dockerignoreProblems(read('.dockerignore'))).toEqual([]);
  });
});

describe('the image checks fail when', () => {
  it('a Dockerfile runs as root, has a HEALTHCHECK or no init', () => {
    const bad = [
      'FROM node:20-slim',
      'COPY . .',
      'HEALTHCHECK CMD curl -f http://localhost:8080/healthz',
      'CMD ["node", "services/gateway/dist/main.js"]',
    ].join('\n');
    const problems = dockerfileProblems(bad, serviceSpec('gateway'), 'bad').join('\n');
    for (const p of ['multi-stage', 'HEALTHCHECK', 'non-root USER', 'tini', 'apps/console/dist'])
      expect(problems).toContain(p);
  });

  it('a base image is a bare tag or another Node major', () => {
    const unpinned = dockerfile.replace(/^ARG NODE_IMAGE=.*$/m, 'ARG NODE_IMAGE=node:24-bookworm-slim');
    expect(baseImageProblems(unpinned, NODE_MAJOR).join('\n')).toContain('not pinned by digest');
    const old = dockerfile.replace(/nodejs24-debian12/, 'nodejs20-debian12');
    expect(baseImageProblems(old, NODE_MAJOR).join('\n')).toContain('is not Node 24');
  });

  it('dev dependencies or the compiler reach the image', () => {
    const withDev = dockerfile.replace(' --omit=dev', '').replace(/rm -rf node_modules\/typescript/, 'true');
    expect(productionDepsProblems(withDev)).toHaveLength(2);
  });
});
