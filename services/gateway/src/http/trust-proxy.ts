import { isIP } from 'node:net';
import { z } from 'zod';

/** Names express (proxy-addr) knows for address ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: the proxies in front of the gateway whose `X-Forwarded-For` is believed, so `req.ip` (and with it the
 * audit log's source address and the rate limiter) is the client, not the ingress pod. Either a hop count (`1`: the
 * one proxy in front) or comma-separated addresses, CIDRs and `loopback` / `linklocal` / `uniquelocal`. Empty: no
 * proxy is trusted and the socket's peer is the client. `true` (trust everyone) is refused: any client could then
 * write whatever address it likes into the audit log.
 */
export const trustProxySchema = z
  .string()
  .default('')
  .transform((v, ctx): false | number | string[] => {
    const value = v.trim();
    if (value === '') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const invalid = entries.filter((e) => !validEntry(e));
    if (invalid.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `not a hop count, an address, a CIDR or loopback/linklocal/uniquelocal: ${invalid.join(', ')}`,
      });
      return z.NEVER;
    }
    return entries;
  });

export type TrustProxy = z.output<typeof trustProxySchema>;
