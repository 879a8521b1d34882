export * from './logging/correlation.js';
export * from './database/index.js';
export * from './nats/index.js';
export * from './messaging/index.js';
export * from './outbox/index.js';
export * from './inbox/index.js';
