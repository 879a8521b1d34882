export * from './logging/correlation.js';
export * from './database/index.js';
