export * from './inbox.js';
export * from './inbox.migration.js';
export * from './inbox-pruner.js';
