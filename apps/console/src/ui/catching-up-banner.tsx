import { useEffect, useState } from 'preact/hooks';
import { useApi } from '../app/use-api.js';
import { catchingUpLines, type ServiceBacklog } from '../logic/catching-up.js';

const POLL_MS = 5000;

/** After a bulk change, says which services are still applying events, and for how long, instead of a silently stale view. */
export function CatchingUpBanner() {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const status = useApi<{ services: ServiceBacklog[] }>('processingStatus', [], '', [tick]);
  if (status.status !== 'ok') return null;
  const lines = catchingUpLines(status.data.services);
  if (lines.length === 0) return null;
  return (
    <div class="live-banner catching-up" role="status" data-testid="catching-up">
      Catching up: {lines.join('; ')}. Counts and states may not include the latest changes yet.
    </div>
  );
}
