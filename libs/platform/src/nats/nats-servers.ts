/** Server list and credentials for a nats.js connection, from NATS_URL. */
export interface NatsServerOptions {
  servers: string[];
  user?: string;
  pass?: string;
}

/**
 * NATS_URL is one or more comma-separated URLs and may carry the installation's account credentials
 * (`nats://user:password@host:port`, as `npm start` and the test runner hand them out: one NATS account per
 * installation). nats.js ignores credentials inside server URLs, so they travel as `user`/`pass` and the URLs it is
 * given carry none. Every NATS connection of the platform is opened with these options.
 */
export function natsServerOptions(urls: string | readonly string[]): NatsServerOptions {
  const list = (typeof urls === 'string' ? urls.split(',') : [...urls]).map((s) => s.trim()).filter(Boolean);
  let user: string | undefined;
  let pass: string | undefined;
  const servers = list.map((raw) => {
    const url = new URL(raw);
    if (url.username && user === undefined) {
      user = decodeURIComponent(url.username);
      pass = decodeURIComponent(url.password);
    }
    if (!url.username) return raw;
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  });
  return user === undefined ? { servers } : { servers, user, pass: pass ?? '' };
}

/** The URL without its credentials, for logs and error messages. */
export function redactNatsUrl(urls: string): string {
  return natsServerOptions(urls).servers.join(',');
}
