import { callerSigningConfigShape } from '@fleetward/platform';
import { z } from 'zod';
import { trustProxySchema } from './http/trust-proxy.js';

/**
 * The gateway's own variables, merged into the service's config schema in config.ts
 * (`serviceConfigSchema('gateway', 8080).extend(gatewaySettingsShape)`).
 */
export const gatewaySettingsShape = {
  /** The key the gateway signs caller assertions with, and their lifetime (see docs/platform.md, "Caller assertions"). */
  ...callerSigningConfigShape,
  /** How long a route waits for a service's reply before answering 503. */
  RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Requests per credential per window (shared by all replicas through Redis). */
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Failed sign-ins per source address and named organisation per window; beyond it 429 and no audit row each. */
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).default(20),
  /** Largest JSON body accepted; larger ones answer 413. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  /** How long a verified API key is trusted before it is read again (bounds how late another replica sees a revocation). */
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /** How long a device heartbeat token -> device lookup is cached. */
  HB_TOKEN_CACHE_TTL_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  /** Most device tokens cached (an LRU; ~200 MB per million): the hot set of a 1M-device fleet fits by default. */
  HB_TOKEN_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1000).max(10_000_000).default(1_000_000),
  /** The built web console served at `/` (default: apps/console/dist of this checkout; absent: not served). */
  CONSOLE_DIR: z.string().min(1).optional(),
  /**
   * Extra `connect-src` sources (space- or comma-separated) of the console's Content-Security-Policy, beyond its own
   * origin and any https origin: e.g. `http://127.0.0.1:*` for an identity provider served over http in development.
   */
  CONSOLE_CONNECT_SRC: z
    .string()
    .default('')
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[^;'"]+$/, 'a CSP source without quotes or semicolons'))),
  /**
   * Where the gateway streams large payloads (CSV import, exports) to the inventory's internal HTTP port: never one
   * giant NATS message. Default: the inventory's port on this host.
   */
  INVENTORY_HTTP_URL: z.url().default('http://127.0.0.1:8081'),
  /**
   * Organisations (ids, comma-separated) whose `admin` and `it` callers may change the global firmware catalog. Empty
   * by default: in a shared installation no tenant edits what every other tenant's compliance is judged against.
   */
  CATALOG_ORGS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /**
   * Hosts (comma-separated names or addresses) an organisation's OIDC `jwksUrl` may name although they are not public
   * (an identity provider on the installation's own network). Empty by default: the SSRF guard refuses loopback,
   * private, link-local and metadata addresses, so no tenant can make the gateway fetch from inside.
   */
  OIDC_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** Where the gateway streams the lifecycle's CSV reports from (its internal HTTP port). */
  LIFECYCLE_HTTP_URL: z.url().default('http://127.0.0.1:8083'),
  /** Proxies whose X-Forwarded-For is believed, so the audit log records the client address (http/trust-proxy.ts). */
  TRUST_PROXY: trustProxySchema,
  /** Interval of the keep-alive comment on the live event stream. */
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
};

export const gatewaySettingsSchema = z.object(gatewaySettingsShape);
export type GatewaySettings = z.infer<typeof gatewaySettingsSchema>;
