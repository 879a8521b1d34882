import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { allPages } from '../logic/all-pages.js';
import { rollUp, type RolledUpSite, type SiteNode, type SiteSummary } from '../logic/fleet.js';
import { useLive, useSession } from './live.js';
import { useApi, endpointLabel, type ApiResult } from './use-api.js';

export interface FleetSummary {
  total: number;
  byState: Partial<Record<string, number>>;
  sites: SiteSummary[];
}

/** Every site of the organisation, page after page (the tree and the map need all of them, not the first 500). */
function useAllSites(deps: unknown[]): ApiResult<SiteNode[]> {
  const session = useSession();
  const ep = session.endpoints.sites;
  const [result, setResult] = useState<ApiResult<SiteNode[]>>({ status: 'loading' });
  useEffect(() => {
    if (!ep || !session.can('sites')) return;
    let cancelled = false;
    allPages<SiteNode>((url) => session.api.get(url), ep.path)
      .then((data) => !cancelled && setResult({ status: 'ok', data }))
      .catch((err: unknown) => !cancelled && setResult({ status: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err)) }));
    return () => {
      cancelled = true;
    };
  }, deps);
  if (!ep) return { status: 'missing', label: endpointLabel('sites') };
  if (!session.can('sites')) return { status: 'forbidden', label: endpointLabel('sites') };
  return result;
}

/** The health summary and the whole site tree, rolled up, refreshed with live events. */
export function useFleet(): { summary: ApiResult<FleetSummary>; sites: ApiResult<SiteNode[]>; tree: RolledUpSite[] } {
  const live = useLive();
  const summary = useApi<FleetSummary>('healthSummary', [], '', [live.version]);
  // The tree changes only with site events (health colours come from the summary): refetch it on those alone.
  const lastSiteChange = live.changes.find((c) => c.type.startsWith('site.') && !c.type.startsWith('site.unreachable') && !c.type.startsWith('site.recovered'))?.id;
  const sites = useAllSites([lastSiteChange, live.status === 'live']);
  const tree = rollUp(sites.status === 'ok' ? sites.data : [], summary.status === 'ok' ? summary.data.sites : []);
  return { summary, sites, tree };
}
