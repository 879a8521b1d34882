import type { FirmwareReleaseInput } from '@fleetward/contracts';
import type { DemoModel } from './demo-data.js';

/** The compliance state the demo means a device to show; the lifecycle service decides the real one. */
export type IntendedState = 'current' | 'behind' | 'vulnerable' | 'unsupported' | 'unknown';

export interface VersionChoice {
  version: string;
  track: string;
  state: IntendedState;
}

/**
 * Sorts the catalog versions of one model into the state a device running each would be in, under the rules the
 * lifecycle service applies (services/lifecycle compliance.sql): a version on a line past its end of support (or any
 * version of a model past its end of support) is unsupported; in its own track, the newest release is current,
 * releases older than the track's last security fix are vulnerable, the others behind. This relies on the demo feed
 * backporting every fix to the LTS line, which it does; the generator uses it only to pick a realistic spread.
 */
export function classifyVersions(model: DemoModel, releases: readonly FirmwareReleaseInput[], today: string): VersionChoice[] {
  if (model.uncataloguedFirmware) return model.uncataloguedFirmware.map((version) => ({ version, track: 'active', state: 'unknown' }));
  const own = releases
    .filter((r) => r.vendor === model.vendor && r.models.includes(model.model))
    .sort((a, b) => a.releaseDate.localeCompare(b.releaseDate));
  const modelEnded = model.endOfSupport?.status === 'known' && model.endOfSupport.date <= today;
  const out: VersionChoice[] = [];
  const byTrack = new Map<string, FirmwareReleaseInput[]>();
  for (const r of own) {
    if (modelEnded || (r.lineEndOfSupport && r.lineEndOfSupport <= today)) out.push({ version: r.version, track: r.track, state: 'unsupported' });
    else byTrack.set(r.track, [...(byTrack.get(r.track) ?? []), r]);
  }
  for (const [track, list] of byTrack) {
    const lastFix = list.findLastIndex((r) => r.cves.length > 0);
    list.forEach((r, i) => {
      const state: IntendedState = i === list.length - 1 ? 'current' : i < lastFix ? 'vulnerable' : 'behind';
      out.push({ version: r.version, track, state });
    });
  }
  return out;
}
