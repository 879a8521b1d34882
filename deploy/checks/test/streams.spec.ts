import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Streams } from '../../../libs/contracts/src/streams.js';
import {
  provisionedConsumers,
  provisionedStreams,
  streamNamesUsedInCode,
  streamProblems,
  subjectCovered,
} from '../src/check-streams.js';
import { repoRoot } from '../src/paths.js';

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
