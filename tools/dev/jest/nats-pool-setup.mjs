// jest globalSetup: the run's NATS accounts, created with one reload before any test file starts (see addPool in
// tools/dev/local-nats.mjs). Test files claim one each (nats-environment.mjs); no reload happens while they run.
import { randomBytes } from 'node:crypto';
import { addPool } from '../local-nats.mjs';

/** More than the project has test files; a run with more files adds accounts one by one beyond it. */
const POOL_SIZE = 250;

export default async function setup() {
  if (process.env.FLEETWARD_TEST_NATS_URL) return;
  const pool = `r${process.pid}${randomBytes(3).toString('hex')}`;
  await addPool(pool, POOL_SIZE);
  process.env.FLEETWARD_TEST_POOL = pool;
}
