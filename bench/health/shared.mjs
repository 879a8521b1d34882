// Shared helpers of the health benchmarks. They import the built service (run `npx tsc -b services/health` first).
import { randomUUID } from 'node:crypto';

export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const health = (path) => import(new URL(`../../services/health/dist/${path}`, import.meta.url).href);

/** Inventory ids are uuids: the benchmarks use ids of the same length. */
export const deviceIds = (n) => Array.from({ length: n }, () => randomUUID());

export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Registers devices straight into the health store (what the device.registered consumer does), pipelined. */
export async function registerAll(store, orgId, ids, siteOf, thresholdMs, intervalMs) {
  const now = Date.now();
  const calls = [];
  for (let i = 0; i < ids.length; i += 1000) {
    calls.push(
      store.registerMany(
        orgId,
        ids.slice(i, i + 1000).map((deviceId, j) => ({ deviceId, siteId: siteOf(i + j), thresholdMs, intervalMs })),
        now,
      ),
    );
    if (calls.length >= 8) await Promise.all(calls.splice(0));
  }
  await Promise.all(calls);
}

/** Deletes every key under a prefix (never the whole Redis: it is shared). */
export async function dropPrefix(redis, prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    for (let i = 0; i < keys.length; i += 500) await redis.unlink(...keys.slice(i, i + 500));
  } while (cursor !== '0');
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const benchOrg = () => `bench-${randomUUID()}`;
