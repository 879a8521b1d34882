import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';

/** A write the user started: busy while it runs, the gateway's message when it fails; `run` resolves true on success. */
export function useAction(): { busy: boolean; error: string | null; run(fn: () => Promise<unknown>): Promise<boolean>; fail(msg: string): void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    busy,
    error,
    fail: setError,
    async run(fn) {
      setBusy(true);
      setError(null);
      try {
        await fn();
        return true;
      } catch (err) {
        setError(err instanceof ApiError ? `${err.message} (${err.code})` : String(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
