/**
 * The durable consumer name of `service`'s consumer `name`. A consumer's position belongs to the projection it
 * feeds, so it follows the service's schema: `health-device-registered` in the `health` schema, and
 * `health-t_1a2b-device-registered` in a test's fresh schema, which never takes messages meant for a running stack.
 * An installation sharing NATS with another one (an end-to-end run) sets CONSUMER_PREFIX: `e2e-1a2b-health-…`.
 */
export function durableName(
  config: { DB_SCHEMA: string; CONSUMER_PREFIX?: string | undefined },
  service: string,
  name: string,
): string {
  const owner = config.DB_SCHEMA === service ? service : `${service}-${config.DB_SCHEMA}`;
  return config.CONSUMER_PREFIX ? `${config.CONSUMER_PREFIX}-${owner}-${name}` : `${owner}-${name}`;
}
