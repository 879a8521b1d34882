import type { Response } from 'express';

/**
 * The headers every console response carries. The console is a built bundle of same-origin scripts and styles with no
 * inline script: scripts, styles, fonts and images come from the gateway itself. It calls the organisation's identity
 * provider (discovery and token endpoints) from the browser, wherever that is, hence `connect-src https:` plus the
 * installation's extra sources (an http provider during development). It is never framed (clickjacking), never
 * sniffed into another content type, and sends no referrer (a page URL may hold an OIDC code or a device id).
 */
export function consoleSecurityHeaders(extraConnectSources: readonly string[]): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", 'https:', ...extraConnectSources].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

export function applyHeaders(res: Response, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
