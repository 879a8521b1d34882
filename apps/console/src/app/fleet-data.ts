import { itemsOf } from '../api/client.js';
import { rollUp, type RolledUpSite, type SiteNode, type SiteSummary } from '../logic/fleet.js';
import { useLive } from './live.js';
import { useApi, type ApiResult } from './use-api.js';

export interface FleetSummary {
  total: number;
  byState: Partial<Record<string, number>>;
  sites: SiteSummary[];
}

/** The health summary and the site tree, rolled up, refreshed with live events. */
export function useFleet(): { summary: ApiResult<FleetSummary>; sites: ApiResult<unknown>; tree: RolledUpSite[] } {
  const live = useLive();
  const summary = useApi<FleetSummary>('healthSummary', [], '', [live.version]);
  const sites = useApi<unknown>('sites', [], '?limit=500', [live.version]);
  const nodes = sites.status === 'ok' ? itemsOf<SiteNode>(sites.data).items : [];
  const tree = rollUp(nodes, summary.status === 'ok' ? summary.data.sites : []);
  return { summary, sites, tree };
}
