// The jest environment of every project: Node's, plus a NATS account of the test file's own on the project's local
// nats-server, with NATS_URL pointing at it. The stacks a test file starts then share no subject, stream or consumer
// with another test file running beside it, nor with a developer's `npm start`. The account is deleted after the
// file's last hook (environment teardown), when everything it started has stopped.
import { randomBytes } from 'node:crypto';
import { TestEnvironment } from 'jest-environment-node';
import { addAccount, removeAccount } from '../local-nats.mjs';

export default class NatsAccountEnvironment extends TestEnvironment {
  account;

  async setup() {
    await super.setup();
    const shared = process.env.FLEETWARD_TEST_NATS_URL;
    if (shared) {
      // Tests pointed at another NATS (e.g. compose's) share its subjects with whatever else runs there.
      this.global.process.env.NATS_URL = shared;
      return;
    }
    this.account = `t-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.global.process.env.NATS_URL = await addAccount(this.account);
  }

  async teardown() {
    if (this.account) await removeAccount(this.account);
    await super.teardown();
  }
}
