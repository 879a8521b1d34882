export * from './inbox.js';
export * from './inbox.migration.js';
