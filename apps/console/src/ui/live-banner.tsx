import { useLive } from '../app/live.js';

/** Never let the board look healthy while it is stale: a loud banner whenever the live stream is not connected. */
export function LiveBanner() {
  const live = useLive();
  if (live.status === 'live') return null;
  const text =
    live.status === 'connecting'
      ? 'Connecting to live updates…'
      : live.status === 'unavailable'
        ? `Live updates unavailable (${live.detail ?? 'refused'}): what you see is not updating.`
        : 'Connection lost: what you see may be stale. Reconnecting…';
  return (
    <div class={`live-banner ${live.status}`} role="alert" data-testid="live-banner">
      {text}
    </div>
  );
}
