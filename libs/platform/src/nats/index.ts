export * from './connection-options.js';
export * from './connection-state.js';
export * from './nats-client.js';
export * from './nats.module.js';
export * from './require-streams.js';
export * from './nats-servers.js';
