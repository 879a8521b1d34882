export * from './load-config.js';
export * from './base-config.js';
export * from './tokens.js';
export * from './caller-config.js';
export * from './shutdown-budget.js';
