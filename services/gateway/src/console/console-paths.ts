/** Paths the gateway answers itself: the console never shadows them. */
const RESERVED_PREFIXES = ['/api/', '/hb/'];
const RESERVED_EXACT = new Set(['/api', '/hb', '/healthz', '/readyz', '/metrics']);

export function isConsolePath(urlPath: string): boolean {
  if (RESERVED_EXACT.has(urlPath)) return false;
  return !RESERVED_PREFIXES.some((prefix) => urlPath.startsWith(prefix));
}
