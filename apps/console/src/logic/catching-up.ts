/** What `GET /api/v1/status/processing` says of one service (the console keeps zod out of its bundle). */
export interface ServiceBacklog {
  service: string;
  behind: number;
  oldestAgeSeconds: number;
  eventsPerSecond: number | null;
  etaSeconds: number | null;
}

/** A backlog younger than this is normal traffic, not worth a banner. */
export const CATCHING_UP_AFTER_SECONDS = 3;

const count = (n: number) => n.toLocaleString('en-US');

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * "health is 12,000 events behind, ~8 s": one line per service that has not applied events older than a few
 * seconds, so a view that is still catching up after a bulk change says so instead of looking complete.
 */
export function catchingUpLines(services: readonly ServiceBacklog[]): string[] {
  return services
    .filter((s) => s.behind > 0 && s.oldestAgeSeconds >= CATCHING_UP_AFTER_SECONDS)
    .sort((a, b) => b.behind - a.behind)
    .map((s) => {
      const eta =
        s.etaSeconds === null
          ? `oldest waiting ${duration(s.oldestAgeSeconds)}`
          : `~${duration(s.etaSeconds)} to catch up`;
      return `${s.service} is ${count(s.behind)} event${s.behind === 1 ? '' : 's'} behind, ${eta}`;
    });
}
