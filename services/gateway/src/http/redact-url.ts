/**
 * A request URL fit for logs: a device's heartbeat URL carries its token (the credential) in the path
 * (`/hb/<token>`), and query strings may carry anything. The route template stays readable.
 */
export function redactUrl(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.replace(/^\/hb\/[^/]+/, '/hb/[redacted]');
}
