import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import type { EndpointKey } from '../api/endpoints.js';
import { fillPath } from '../logic/openapi-routes.js';
import { useSession } from './live.js';

export type ApiResult<T> =
  | { status: 'missing'; label: string }
  | { status: 'forbidden'; label: string }
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ok'; data: T };

/**
 * Fetches one documented operation. `missing`: the gateway does not offer it; `forbidden`: the caller's role lacks
 * its permission (so it is not called at all). Refetches when `deps` change (e.g. the live version).
 */
export function useApi<T>(key: EndpointKey, args: string[] = [], query = '', deps: unknown[] = []): ApiResult<T> & { reload(): void } {
  const session = useSession();
  const ep = session.endpoints[key];
  const [result, setResult] = useState<ApiResult<T>>({ status: 'loading' });
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const url = ep ? fillPath(ep.path, ...args) + query : null;
  useEffect(() => {
    if (!ep || !url) return;
    if (!session.can(key)) return;
    let cancelled = false;
    session.api
      .get<T>(url)
      .then((data) => !cancelled && setResult({ status: 'ok', data }))
      .catch((error: unknown) => {
        if (cancelled) return;
        const e = error instanceof ApiError ? error : new ApiError(0, 'CLIENT', String(error));
        setResult({ status: 'error', error: e });
      });
    return () => {
      cancelled = true;
    };
  }, [url, nonce, ...deps]);
  const label = `${endpointLabel(key)}`;
  if (!ep) return { status: 'missing', label, reload };
  if (!session.can(key)) return { status: 'forbidden', label, reload };
  return { ...result, reload };
}

export function endpointLabel(key: EndpointKey): string {
  return key.replace(/([A-Z])/g, ' $1').toLowerCase();
}
