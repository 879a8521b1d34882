export * from './notifier-api.schema.js';
export * from './rpc.js';
