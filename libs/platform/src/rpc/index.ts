export * from './domain-error.js';
export * from './handle-rpc.js';
export * from './rpc-client.js';
