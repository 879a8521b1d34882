// jest globalTeardown: forgets the run's pool of NATS accounts (nats-pool-setup.mjs).
import { removePool } from '../local-nats.mjs';

export default async function teardown() {
  if (process.env.FLEETWARD_TEST_POOL) await removePool(process.env.FLEETWARD_TEST_POOL);
}
