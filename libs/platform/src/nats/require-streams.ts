import { JetStreamApiCodes, JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';

export class MissingStreamError extends Error {
  readonly code = 'NATS_STREAM_MISSING';

  constructor(readonly streams: string[]) {
    super(
      `JetStream stream${streams.length > 1 ? 's' : ''} missing: ${streams.join(', ')} ` +
        '(run `npm run nats:provision` against this NATS server)',
    );
    this.name = 'MissingStreamError';
  }
}

export function isStreamNotFound(err: unknown): boolean {
  return err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound;
}

/** Throws a `MissingStreamError` naming every stream in `names` that the server does not have. */
export async function requireStreams(jsm: JetStreamManager, names: readonly string[]): Promise<void> {
  const missing: string[] = [];
  for (const name of names) {
    try {
      await jsm.streams.info(name);
    } catch (err) {
      if (!isStreamNotFound(err)) throw err;
      missing.push(name);
    }
  }
  if (missing.length > 0) throw new MissingStreamError(missing);
}
