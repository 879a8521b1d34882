export * from './api-key.schema.js';
export * from './user.schema.js';
export * from './organisation.schema.js';
export * from './audit.schema.js';
export * from './processing-status.schema.js';
