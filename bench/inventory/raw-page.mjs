// The raw ceiling of a device page: the inventory's own statements for it (the same SQL builders, from dist/), sent
// straight to Postgres as the app role by `connections` clients with node-postgres, no gateway, NATS, Nest or zod.
// Per page, as the service does: START TRANSACTION + set_config in one message, the site subtree when filtered by
// site, the page, COMMIT.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  deviceListQuerySchema,
  splitDeviceQuery,
} from '../../services/gateway/dist/inventory/inventory-http.schemas.js';
import {
  deviceCursor,
  deviceOrder,
  devicePageSource,
  subtreeSql,
} from '../../services/inventory/dist/devices/device-query.js';
import { DEVICE_COLUMNS } from '../../services/inventory/dist/devices/device.row.js';
import { Params } from '../../services/inventory/dist/common/sql.js';

/** `query` is the HTTP query string of the page (as the gateway receives it). Returns latency percentiles and rate. */
export async function rawPage({ url, schema, orgId, query, connections, seconds }) {
  const { filter, sort, limit, cursor } = splitDeviceQuery(
    deviceListQuerySchema.parse(Object.fromEntries(new URLSearchParams(query))),
  );
  const after = deviceCursor.decode(cursor, sort);
  const pool = new pg.Pool({ connectionString: url, max: connections, options: `-c search_path=${schema}` });
  const begin = `START TRANSACTION; SELECT set_config('fleetward.org_id', ${pg.escapeLiteral(orgId)}, true)`;
  const latencies = [];
  const page = async (client) => {
    await client.query(begin);
    const subtree = filter.siteId ? (await client.query(subtreeSql, [orgId, filter.siteId])).rows[0].ids : undefined;
    const p = new Params();
    const { from, where } = devicePageSource(orgId, filter, p, subtree);
    const o = deviceOrder(sort, after, p);
    if (o.where) where.push(o.where);
    const { rows } = await client.query(
      `SELECT ${DEVICE_COLUMNS}, ${o.key} AS sort_key FROM ${from} WHERE ${where.join(' AND ')}
       ORDER BY ${o.order} LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    await client.query('COMMIT');
    return rows.length;
  };
  try {
    const warm = await pool.connect();
    try {
      if ((await page(warm)) < limit) throw new Error(`raw page for ${query}: fewer than ${limit} rows`);
    } finally {
      warm.release();
    }
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const client = await pool.connect();
        try {
          while (performance.now() < end) {
            const t = performance.now();
            await page(client);
            latencies.push(performance.now() - t);
          }
        } finally {
          client.release();
        }
      }),
    );
  } finally {
    await pool.end();
  }
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]);
  return { p50: at(0.5), p99: at(0.99), rate: Math.round(latencies.length / seconds) };
}
