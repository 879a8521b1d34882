export * from './platform-options.js';
export * from './platform.module.js';
export * from './run-service.js';
export * from './stream-check.js';
export * from './rpc-server.js';
