import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface PrivateNats {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * A nats-server of a test's own (loopback, free port, JetStream in a temp dir), for tests that need permissions of
 * their own or must not share RPC subjects with other processes. `config(port, storeDir)` gives the whole server
 * config; the default is a plain server with JetStream. Resolves once the server logs that it is ready.
 */
export async function startPrivateNats(
  config: (port: number, storeDir: string) => string = (port, storeDir) =>
    `listen: "127.0.0.1:${port}"\njetstream { store_dir: ${JSON.stringify(storeDir)} }\n`,
): Promise<PrivateNats> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fw-nats-'));
  const port = await freePort();
  const file = path.join(dir, 'nats.conf');
  await writeFile(file, config(port, path.join(dir, 'js')));
  const child = spawn(process.env['NATS_SERVER_BIN'] ?? '/usr/sbin/nats-server', ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nats-server not ready in 15 s:\n${output}`)), 15_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Server is ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`nats-server exited:\n${output}`));
      });
    });
  } catch (err) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
