import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  alertProblems,
  alertRules,
  REQUIRED_ALERTS,
  serviceMonitorProblems,
  streamNearFullThreshold,
} from '../src/check-alerts.js';
import { documentedMetrics } from '../src/check-dashboard.js';
import { provisionedStreams, type StreamLimits } from '../src/check-streams.js';
import { deployDir, repoRoot, serviceNames } from '../src/paths.js';
import { renderOverlay } from '../src/render.js';

const prod = renderOverlay('prod');
const documented = documentedMetrics(readFileSync(path.join(deployDir, 'README.md'), 'utf8'));

describe('alerts and scraping (prod overlay)', () => {
  it(`alert on ${REQUIRED_ALERTS.join(', ')}, with well-formed rules over documented metrics`, () => {
    expect(alertProblems(prod, documented)).toEqual([]);
  });

  it('warn when FLEET_EVENTS passes 80 % of its max_bytes (the threshold follows deploy/nats)', () => {
    const events = (provisionedStreams() as StreamLimits[]).find((s) => s.name === 'FLEET_EVENTS')!;
    expect(streamNearFullThreshold(prod)).toBe(Math.floor(0.8 * events.max_bytes!));
  });

  it('scrape every service through a ServiceMonitor', () => {
    expect(serviceMonitorProblems(prod, serviceNames())).toEqual([]);
  });

  it('link runbooks that exist in docs/operations.md, which covers sizing, recovery, upgrades and rotation', () => {
    const doc = readFileSync(path.join(repoRoot, 'docs/operations.md'), 'utf8');
    const slug = (h: string) =>
      h
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, '')
        .replace(/ /g, '-');
    const anchors = new Set([...doc.matchAll(/^#{2,4} (.+)$/gm)].map((m) => slug(m[1]!)));
    for (const r of alertRules(prod)) {
      const [file, anchor] = (r.annotations?.runbook ?? '').split('#');
      expect(file).toBe('docs/operations.md');
      expect([r.alert, anchors.has(anchor!)]).toEqual([r.alert, true]);
    }
    for (const section of [
      'sizing-1000000-devices-over-1000-sites',
      'postgresql',
      'backup-and-restore-of-the-other-engines',
      'disaster-recovery',
      'upgrade-order',
      'secret-rotation',
    ])
      expect(anchors).toContain(section);
  });

  it('fail on a missing alert, an undocumented metric, rate() over a gauge or no severity', () => {
    const broken = structuredClone(prod);
    const rule = broken.find((o) => o.kind === 'PrometheusRule')!;
    rule.spec.groups[0].rules = rule.spec.groups[0].rules.slice(1);
    rule.spec.groups[0].rules[0].expr = 'rate(fleetward_outbox_backlog[5m]) > 0 or fleetward_nope_total';
    delete rule.spec.groups[0].rules[0].labels;
    const problems = alertProblems(broken, documented).join('\n');
    for (const p of [
      'FleetwardConsumerLag is missing',
      'not a counter',
      'fleetward_nope_total is not a documented',
      'severity',
    ])
      expect(problems).toContain(p);
    expect(
      serviceMonitorProblems(
        broken.filter((o) => o.kind !== 'ServiceMonitor'),
        serviceNames(),
      ),
    ).toEqual(['no ServiceMonitor']);
  });
});
