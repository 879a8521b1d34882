export type OutboxErrorCode = 'OUTBOX_NEEDS_TRANSACTION';

export class OutboxError extends Error {
  constructor(
    readonly code: OutboxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}
