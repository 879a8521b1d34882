/**
 * Thrown by a handler when retrying cannot help (the event refers to something that can never exist, a rule rejects
 * it for good). The consumer terminates the message and dead-letters it instead of redelivering it.
 */
export class PermanentError extends Error {
  readonly permanent = true;

  constructor(
    message: string,
    readonly code = 'PERMANENT',
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** A `PermanentError`, or any error that marks itself `permanent: true` (e.g. from another library layer). */
export function isPermanentError(err: unknown): boolean {
  return (
    err instanceof PermanentError ||
    (typeof err === 'object' && err !== null && (err as { permanent?: unknown }).permanent === true)
  );
}
