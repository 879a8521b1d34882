export * from './outbox-relay.js';
export * from './outbox-writer.js';
export * from './outbox-query-writer.js';
export * from './outbox.error.js';
export * from './outbox.migration.js';
export * from './outbox-metrics.js';
