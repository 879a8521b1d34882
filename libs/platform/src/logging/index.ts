export * from './correlation.js';
export * from './create-logger.js';
export * from './nest-logger.js';
export * from './correlation.middleware.js';
