import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  MIN_NATS_VERSION,
  natsArgsProblems,
  natsImageProblems,
  natsValuesProblems,
  redisArgsProblems,
  redisConfProblems,
  redisContainerProblems,
  versionAtLeast,
} from '../src/check-engines.js';
import { podTemplates } from '../src/objects.js';
import { k8sDir } from '../src/paths.js';
import { renderKustomization, renderOverlay } from '../src/render.js';
import { quantityBytes } from '../src/check-streams.js';
import { schemaProblems } from '../src/check-schemas.js';
import { unknownFieldProblems } from '../src/unknown-fields.js';
import { containerProblems } from '../src/check-workloads.js';

const prodDir = path.join(k8sDir, 'overlays/prod');
const natsValues = parse(readFileSync(path.join(prodDir, 'nats-values.yaml'), 'utf8'));
const optionalRedis = renderKustomization(path.join(k8sDir, 'optional/redis'));

describe('production engine settings', () => {
  it('NATS: Helm values for a 3-node JetStream cluster, server >= 2.12.8, file storage, sync_interval always', () => {
    expect(natsValuesProblems(natsValues)).toEqual([]);
  });

  it('Redis (deploy/k8s/optional/redis): maintained image, AOF, maxmemory with noeviction, valid and hardened', () => {
    const redis = podTemplates(optionalRedis).find((t) => t.labels['app.kubernetes.io/name'] === 'redis')!;
    expect(redisContainerProblems(redis.spec.containers[0]!, 'optional redis', quantityBytes)).toEqual([]);
    expect(schemaProblems(optionalRedis)).toEqual([]);
    expect(unknownFieldProblems(optionalRedis)).toEqual([]);
    expect(containerProblems(optionalRedis)).toEqual([]);
  });

  it('Redis checks fail without maxmemory, with too much of it, or on a frozen Bitnami image', () => {
    const c = structuredClone(podTemplates(optionalRedis)[0]!.spec.containers[0]!);
    c.args = [c.args![0]!.replace('--maxmemory 1536mb', '--maxmemory 2gb')];
    expect(redisContainerProblems(c, 'x', quantityBytes).join('\n')).toContain('under 20 %');
    c.args = [c.args[0]!.replace('--maxmemory 2gb', '')];
    c.image = 'docker.io/bitnami/redis:8.2.1';
    const problems = redisContainerProblems(c, 'x', quantityBytes).join('\n');
    expect(problems).toContain('maxmemory must be set');
    expect(problems).toContain('Bitnami');
  });

  it('are reported when weakened', () => {
    const weak = structuredClone(natsValues);
    weak.container.image.tag = '2.11.4-alpine';
    weak.config.cluster.replicas = 1;
    delete weak.config.jetstream.merge.sync_interval;
    weak.config.jetstream.fileStore.enabled = false;
    expect(natsValuesProblems(weak)).toHaveLength(4);
    expect(redisConfProblems('appendonly no\nmaxmemory-policy allkeys-lru', 'x')).toHaveLength(3);
    expect(redisConfProblems('appendonly yes\nmaxmemory 1gb\nmaxmemory-policy noeviction', 'x')).toEqual([]);
  });

  it.each([
    ['2.10.23', true],
    ['2.10.23-alpine', true],
    ['2.11.0', true],
    ['3.0.0', true],
    ['2.10.22', false],
    ['2.9.25', false],
    ['latest', false],
  ])('version %s >= 2.10.23: %s', (tag, ok) => {
    expect(versionAtLeast(tag, [2, 10, 23])).toBe(ok);
  });
});

describe('dev overlay engines', () => {
  const templates = podTemplates(renderOverlay('dev'));
  const engine = (name: string) =>
    templates.find((t) => t.labels['app.kubernetes.io/name'] === name)!.spec.containers[0]!;

  it('run NATS with JetStream and Redis with the settings BullMQ needs', () => {
    expect(natsArgsProblems([...(engine('nats').command ?? []), ...(engine('nats').args ?? [])], 'dev nats')).toEqual(
      [],
    );
    expect(redisArgsProblems(engine('redis').args ?? [], 'dev redis')).toEqual([]);
  });

  it(`run NATS >= ${MIN_NATS_VERSION.join('.')}, as compose does`, () => {
    expect(natsImageProblems(engine('nats').image ?? '', 'dev')).toEqual([]);
    const compose = parse(readFileSync(path.join(k8sDir, '../compose.yaml'), 'utf8'));
    expect(natsImageProblems(compose.services.nats.image, 'compose')).toEqual([]);
    expect(natsImageProblems('nats:2.11.4-alpine', 'old')).toHaveLength(1);
  });
});
