import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Streams } from '../../../libs/contracts/src/streams.js';
import { parse } from 'yaml';
import { streamConfig, streamUpdate } from '../../../tools/dev/nats-definitions.mjs';
import {
  provisionedConsumers,
  provisionedStreams,
  quantityBytes,
  streamLimitProblems,
  streamNamesUsedInCode,
  streamProblems,
  subjectCovered,
  type StreamLimits,
} from '../src/check-streams.js';
import { podTemplates } from '../src/objects.js';
import { k8sDir, repoRoot } from '../src/paths.js';
import { renderOverlay } from '../src/render.js';

const declared = Object.values(Streams).map((s) => ({ name: s.name, subjects: [...s.subjects] }));

describe('NATS streams', () => {
  it('declared in libs/contracts are provisioned by deploy/nats with the same subjects, on file storage', () => {
    const streams = provisionedStreams();
    expect(streams.length).toBeGreaterThan(0);
    expect(streamProblems(declared, streams, provisionedConsumers())).toEqual([]);
  });

  it("named in the services' and the platform's code are all provisioned", () => {
    const provisioned = new Set(provisionedStreams().map((s) => s.name));
    const missing = [...streamNamesUsedInCode()]
      .filter(([name]) => !provisioned.has(name))
      .map(([n, f]) => `${n} (${f})`);
    expect(missing).toEqual([]);
  });

  it('are provisioned from the tools image, which carries deploy/nats', () => {
    const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^COPY --from=build \/src\/deploy\/nats deploy\/nats$/m);
  });
});

describe('stream limits', () => {
  const streams = provisionedStreams() as StreamLimits[];
  const natsValues = parse(readFileSync(path.join(k8sDir, 'overlays/prod/nats-values.yaml'), 'utf8'));
  const prodStore = quantityBytes(natsValues.config.jetstream.fileStore.maxSize);

  it('every stream is bounded, FLEET_EVENTS refuses when full, and all fit the production JetStream store', () => {
    expect(prodStore).toBeGreaterThan(0);
    expect(streamLimitProblems(streams, prodStore, 'prod nats-values.yaml')).toEqual([]);
  });

  it('provisioning applies max_bytes and discard, and caps them to fit the dev volume', () => {
    const dev = renderOverlay('dev');
    const cap = Number(
      dev.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('fleetward-setup'))?.data
        ?.NATS_MAX_BYTES_CAP,
    );
    const nats = podTemplates(dev).find((t) => t.labels['app.kubernetes.io/name'] === 'nats')!;
    const claim = (
      nats.owner as { spec?: { volumeClaimTemplates?: { spec: { resources: { requests: { storage: string } } } }[] } }
    ).spec?.volumeClaimTemplates?.[0]?.spec.resources.requests.storage;
    const devConfigs = streams.map((s) => streamConfig({ ...s }, 1, cap));
    const reserved = devConfigs.reduce((sum, c) => sum + c.max_bytes!, 0);
    expect(reserved).toBeLessThanOrEqual(0.75 * quantityBytes(claim));
    const prodEvents = streamConfig({ ...streams.find((s) => s.name === 'FLEET_EVENTS')! }, 3);
    expect(prodEvents.max_bytes).toBe(streams.find((s) => s.name === 'FLEET_EVENTS')!.max_bytes);
    expect(prodEvents.discard).toBe('new');
  });

  it('an existing stream is reconciled to the replicas and limits of the deployment, not kept as it was', () => {
    const def = { ...streams.find((s) => s.name === 'FLEET_EVENTS')! };
    const existing = { ...streamConfig(def, 1), num_replicas: 1, max_bytes: -1, sources: [] };
    const updated = streamUpdate(existing, streamConfig(def, 3));
    expect(updated.num_replicas).toBe(3);
    expect(updated.max_bytes).toBe(def.max_bytes);
    expect(updated.sources).toEqual([]);
  });

  it('fail on an unbounded stream, a dropping event stream or a store too small', () => {
    const unbounded = streams.map((s) => ({ ...s, max_bytes: undefined, discard: 'old' }));
    const problems = streamLimitProblems(unbounded, 1, 'x').join('\n');
    expect(problems).toContain('max_bytes must be set');
    expect(problems).toContain('FLEET_EVENTS: discard must be "new"');
    expect(streamLimitProblems(streams, 1024, 'tiny').join('\n')).toContain('more than the JetStream store');
  });
});

describe('the stream check fails when', () => {
  const streams = provisionedStreams();
  it('a contracts stream has no definition', () => {
    const problems = streamProblems([...declared, { name: 'FLEET_NEW', subjects: ['fleet.new.>'] }], streams, []);
    expect(problems).toEqual([
      'stream FLEET_NEW (libs/contracts/src/streams.ts) is not provisioned in deploy/nats/streams',
    ]);
  });

  it('subjects drift apart', () => {
    const drifted = declared.map((d) => ({ ...d, subjects: d.subjects.slice(0, 1) }));
    expect(streamProblems(drifted, streams, []).join('\n')).toContain('contracts subjects');
  });

  it('a consumer reads a missing stream or a subject outside its stream', () => {
    const consumers = [
      { file: 'a.json', stream: 'FLEET_NOPE', durable_name: 'a' },
      { file: 'b.json', stream: 'FLEET_EVENTS', durable_name: 'b', filter_subject: 'fleet.hb.>' },
    ];
    expect(streamProblems(declared, streams, consumers)).toHaveLength(2);
  });
});

describe('subjectCovered', () => {
  it.each([
    ['fleet.evt.*.inventory.device.registered.v1', 'fleet.evt.>', true],
    ['fleet.evt.>', 'fleet.evt.>', true],
    ['fleet.evt', 'fleet.evt.>', false],
    ['fleet.catalog.lifecycle.firmware.released.v1', 'fleet.evt.>', false],
    ['fleet.dlq.x', 'fleet.dlq.*', true],
    ['fleet.dlq.>', 'fleet.dlq.*', false],
    ['fleet.dlq.x.y', 'fleet.dlq.*', false],
  ])('%s within %s: %s', (filter, pattern, covered) => {
    expect(subjectCovered(filter, pattern)).toBe(covered);
  });
});
