export * from './fleet.js';
export * from './failure-modes.js';
export * from './simulator.js';
export * from './register.js';
export * from './progress.js';
