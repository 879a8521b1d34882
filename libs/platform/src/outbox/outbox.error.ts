export type OutboxErrorCode = 'OUTBOX_NEEDS_TRANSACTION' | 'OUTBOX_INVALID_EVENT';

export class OutboxError extends Error {
  constructor(
    readonly code: OutboxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}
