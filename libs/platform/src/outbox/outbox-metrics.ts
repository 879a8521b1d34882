import { Counter, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { sharedMetric } from '../messaging/metrics.js';
import { quoteIdent } from './outbox-sql.js';

/** Schemas with a running relay; the backlog gauge counts their rows when scraped. */
const watched = new Map<string, DataSource>();

export function watchOutbox(schema: string, dataSource: DataSource): () => void {
  watched.set(schema, dataSource);
  backlogGauge();
  return () => {
    if (watched.get(schema) === dataSource) watched.delete(schema);
  };
}

export function backlogGauge(): Gauge {
  return sharedMetric(
    'fleetward_outbox_backlog',
    () =>
      new Gauge({
        name: 'fleetward_outbox_backlog',
        help: 'Outbox rows not yet published, by schema',
        labelNames: ['schema'],
        async collect() {
          for (const [schema, dataSource] of watched) {
            if (!dataSource.isInitialized) continue;
            const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${quoteIdent(schema)}.outbox`);
            this.set({ schema }, (row as { n: number }).n);
          }
        },
      }),
  );
}

export function relayedCounter(): Counter {
  return sharedMetric(
    'fleetward_outbox_relayed_total',
    () =>
      new Counter({
        name: 'fleetward_outbox_relayed_total',
        help: 'Outbox rows published and deleted, by schema',
        labelNames: ['schema'],
      }),
  );
}
