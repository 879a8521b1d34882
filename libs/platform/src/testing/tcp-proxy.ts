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
  /** Connections refused while cut (each one a client's attempt to reconnect). */
  readonly refused: number;
  close(): Promise<void>;
}

/** `url` with its host and port replaced by the proxy's (e.g. a Postgres URL with credentials and database). */
export function throughProxy(url: string, proxy: Pick<TcpProxy, 'port'>): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}

/**
 * A TCP proxy a test puts between a client and a real server (NATS, Postgres, Redis) to cut the line and restore it,
 * as a network partition or an engine restart would look to the client, without touching the shared server.
 */
export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const host = target.host ?? '127.0.0.1';
  const pairs = new Set<[net.Socket, net.Socket]>();
  let isCut = false;
  let refused = 0;

  const server = net.createServer((client) => {
    if (isCut) {
      refused += 1;
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
    get refused() {
      return refused;
    },
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
