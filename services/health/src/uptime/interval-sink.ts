import type { Transition } from '../transitions/transition.js';
import type { TransitionSink } from '../transitions/transition-relay.js';
import { transitionEventId } from '../transitions/event-id.js';
import type { StateIntervalRepository } from './state-interval.repository.js';

/** Turns transitions into offline intervals (idempotent, so a re-delivered batch changes nothing). */
export class IntervalSink implements TransitionSink {
  constructor(private readonly intervals: StateIntervalRepository) {}

  async apply(transitions: Transition[]): Promise<void> {
    for (const t of transitions) {
      const at = new Date(t.at);
      const site = t.siteId === '-' ? null : t.siteId;
      switch (t.type) {
        case 'device.offline':
          await this.intervals.open(t.orgId, transitionEventId(t), site, [t.deviceId], 'device', at);
          break;
        case 'device.online':
          await this.intervals.closeDevice(t.orgId, t.deviceId, new Date(Number(t.extra.split('|')[1]) || t.at));
          break;
        case 'site.unreachable': {
          const [, since, ids = ''] = t.extra.split('|');
          const devices = ids.split(' ').filter(Boolean);
          await this.intervals.open(
            t.orgId,
            transitionEventId(t),
            site,
            devices,
            'site',
            new Date(Number(since) || t.at),
          );
          break;
        }
        case 'site.recovered':
          if (site) await this.intervals.closeSite(t.orgId, site, at);
          break;
        default:
          break;
      }
    }
  }
}
