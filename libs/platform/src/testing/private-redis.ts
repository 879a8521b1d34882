import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { expectEventually } from './expect-eventually.js';
import { freePort } from './private-nats.js';

export interface PrivateRedis {
  url: string;
  port: number;
  /** Stops the server this helper started (its own process handle, nothing else). */
  stop(): Promise<void>;
}

/**
 * A redis-server of a test's own (loopback, free port, no persistence): the only Redis a test may empty or break.
 * Never FLUSHALL the shared one. Resolves once the server answers PING.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  try {
    await expectEventually(
      async () => {
        if ((await probe.ping()) !== 'PONG') throw new Error(`redis-server on ${port} not ready`);
      },
      { timeoutMs: 10_000 },
    );
  } catch (err) {
    proc.kill('SIGKILL');
    throw err;
  } finally {
    probe.disconnect();
  }
  return {
    url,
    port,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
