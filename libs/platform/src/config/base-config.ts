import { z } from 'zod';
import { callerVerifyKeysSchema } from '../caller/caller-keys.js';

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL`,
  );

const natsServers = z
  .string()
  .refine(
    (value) => value.split(',').every((s) => url(['nats:', 'tls:', 'ws:', 'wss:']).safeParse(s.trim()).success),
    'must be one or more nats:// URLs separated by commas',
  );

export const logLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * Variables every service reads. Each service extends it in `src/config.ts` with its own variables and its default
 * PORT and DB_SCHEMA: `baseConfigSchema.extend({ PORT: portSchema(8081), DB_SCHEMA: schemaNameSchema('inventory') })`.
 */
export const baseConfigSchema = z.object({
  NATS_URL: natsServers.default('nats://127.0.0.1:4222'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  /** Owner connection used by migrations; the service itself never connects with it. */
  DATABASE_MIGRATION_URL: url(['postgres:', 'postgresql:']).optional(),
  DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase Postgres identifier'),
  /**
   * Postgres connections this process may hold (its pool's maximum; the outbox's LISTEN holds one of them). Pods times
   * pool size, summed over the services at their autoscaler maxima, must stay under the server's max_connections or
   * PgBouncer's pool (docs/operations.md).
   */
  DB_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  PORT: z.coerce.number().int().min(0).max(65535),
  /**
   * Interface the HTTP port listens on: every interface when unset (Kubernetes, compose); `127.0.0.1` under
   * `npm start`, so a service's internal port is not reachable from the network.
   */
  BIND_ADDRESS: z.string().min(1).optional(),
  /**
   * Public keys (Ed25519: SPKI PEM blocks, a JWK, a JWK array or a JWK Set) whose caller assertions this service
   * accepts: the gateway's current signing key, plus the next one during a rotation. See docs/platform.md.
   */
  CALLER_VERIFY_KEYS: callerVerifyKeysSchema,
  LOG_LEVEL: logLevelSchema.default('info'),
  /**
   * Namespace of this installation's durable consumer names on a NATS shared with others (an end-to-end run beside a
   * developer's stack), and of the notifier's BullMQ queues on a shared Redis. Empty by default. See durableName.
   */
  CONSUMER_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _')
    .optional(),
  /**
   * Where a durable consumer starts when it is created (an existing one keeps its position): `all` (default) builds a
   * new installation's projections from the stream's history; `new` is for a stack or a test that shares the stream
   * with others and must not replay their history first (an end-to-end run after a developer imported 30k devices).
   */
  CONSUMER_DELIVER_FROM: z.enum(['all', 'new']).default('all'),
  /**
   * A dependency (NATS, Postgres, Redis, a service's own check) makes /readyz answer 503 only once it has failed for
   * this long in a row: a sub-second blip of a shared engine does not take every replica out of rotation at once.
   */
  READINESS_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
  /**
   * On SIGTERM /readyz answers 503 at once, then the service keeps serving for this long before it stops taking
   * work, so a load balancer polling /readyz stops sending requests first. 0 by default: on Kubernetes the pod's
   * preStop sleep does this (deploy/k8s); set it where a load balancer only learns from /readyz.
   */
  PRESTOP_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  /**
   * After the pre-stop delay: how long in-flight HTTP requests, RPCs, consumer batches and jobs may take to finish
   * and the connections to drain, before the process exits 1 anyway.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

export const portSchema = (defaultPort: number) => z.coerce.number().int().min(0).max(65535).default(defaultPort);

export const schemaNameSchema = (defaultName: string) =>
  z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase Postgres identifier')
    .default(defaultName);

/** The base schema with a service's defaults for PORT and DB_SCHEMA (its name). */
export function serviceConfigSchema(service: string, defaultPort: number) {
  return baseConfigSchema.extend({ PORT: portSchema(defaultPort), DB_SCHEMA: schemaNameSchema(service) });
}
