// The jest environment of every project: Node's, plus a caller-assertion key pair and a NATS account of the test file's own on the project's local
// nats-server, with NATS_URL pointing at it. The stacks a test file starts then share no subject, stream or consumer
// with another test file running beside it, nor with a developer's `npm start`. The account is deleted after the
// file's last hook (environment teardown), when everything it started has stopped.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { TestEnvironment } from 'jest-environment-node';
import { addAccount, claimFromPool, removeAccount } from '../local-nats.mjs';

export default class NatsAccountEnvironment extends TestEnvironment {
  account;

  async setup() {
    await super.setup();
    // The file's own caller-assertion key pair (see libs/platform/src/testing/test-caller.ts): the gateway it starts
    // signs with the private key, the services it starts trust the public one.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    this.global.process.env.CALLER_SIGNING_KEY = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    this.global.process.env.CALLER_VERIFY_KEYS = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const shared = process.env.FLEETWARD_TEST_NATS_URL;
    if (shared) {
      // Tests pointed at another NATS (e.g. compose's) share its subjects with whatever else runs there.
      this.global.process.env.NATS_URL = shared;
      return;
    }
    // The run's pool (created before any file started: no reload disturbs the files running), else an account of its own.
    const claimed = process.env.FLEETWARD_TEST_POOL ? claimFromPool(process.env.FLEETWARD_TEST_POOL) : null;
    if (claimed) {
      this.global.process.env.NATS_URL = claimed.url;
      return;
    }
    this.account = `t-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.global.process.env.NATS_URL = await withDeadline(
      addAccount(this.account),
      60_000,
      `NATS account ${this.account}`,
    );
  }

  async teardown() {
    if (this.account) await withDeadline(removeAccount(this.account), 30_000, `removing NATS account ${this.account}`);
    await super.teardown();
  }
}

/** jest gives an environment's setup and teardown no timeout of their own: a hang there would stall the whole run. */
function withDeadline(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from the local nats-server within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
