import net from 'node:net';

export interface TcpProxy {
  /** The port the proxy listens on (127.0.0.1). */
  port: number;
  /** `protocol://127.0.0.1:<port>` plus `rest` (a path, credentials are not supported): the URL to give a client. */
  url(protocol: string, rest?: string): string;
  /** Cuts every open connection and refuses new ones (accepted, then reset at once) until `restore()`. */
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  /** Connections currently relayed. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy a test puts between a client and a real server (NATS, Postgres, Redis) to cut the line and restore it,
 * as a network partition or an engine restart would look to the client, without touching the shared server.
 */
export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const host = target.host ?? '127.0.0.1';
  const pairs = new Set<[net.Socket, net.Socket]>();
  let isCut = false;

  const server = net.createServer((client) => {
    if (isCut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect({ host, port: target.port });
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  const cutAll = () => {
    for (const [client, upstream] of [...pairs]) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    pairs.clear();
  };

  return {
    port,
    url: (protocol, rest = '') => `${protocol}://127.0.0.1:${port}${rest}`,
    cut() {
      isCut = true;
      cutAll();
    },
    restore() {
      isCut = false;
    },
    get isCut() {
      return isCut;
    },
    get connections() {
      return pairs.size;
    },
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
