import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dashboardMetrics, dashboardProblems, documentedMetrics, type Dashboard } from '../src/check-dashboard.js';
import { deployDir } from '../src/paths.js';

const dashboard = JSON.parse(
  readFileSync(path.join(deployDir, 'grafana/fleetward-dashboard.json'), 'utf8'),
) as Dashboard & {
  panels: { title: string }[];
};
const readme = readFileSync(path.join(deployDir, 'README.md'), 'utf8');

describe('Grafana dashboard', () => {
  it('has well-formed queries over Fleetward metrics only', () => {
    expect(dashboardProblems(dashboard)).toEqual([]);
  });

  it('graphs what operators watch: ingest, detection lateness, consumer lag, outbox, dead letters, delivery failures', () => {
    const titles = dashboard.panels.map((p) => p.title);
    for (const t of [
      'Heartbeat ingest rate',
      'Offline detection lateness',
      'Consumer lag',
      'Outbox backlog',
      'Dead letters',
      'Delivery failures',
      'HTTP requests by status',
      'HTTP latency p99 by route',
      'Notifier queue',
    ]) {
      expect(titles).toContain(t);
    }
  });

  it('uses exactly the metrics documented in deploy/README.md', () => {
    const used = dashboardMetrics(dashboard);
    const metricBase = (m: string) => m.replace(/_(bucket|sum|count)$/, '');
    expect([...new Set([...used].map(metricBase))].sort()).toEqual([...documentedMetrics(readme)].sort());
  });

  it('reports a query over a gauge with rate() or a histogram without buckets', () => {
    const bad: Dashboard = {
      uid: 'x',
      title: 'x',
      panels: [
        {
          type: 'timeseries',
          title: 'p',
          targets: [
            { expr: 'rate(fleetward_outbox_backlog[5m])' },
            { expr: 'histogram_quantile(0.9, fleetward_x_seconds' },
          ],
        },
      ],
    };
    expect(dashboardProblems(bad)).toHaveLength(3);
  });
});
