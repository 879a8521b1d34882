export * from './expect-eventually.js';
export * from './unique-id.js';
export * from './test-database.js';
export * from './ensure-streams.js';
export * from './migrations-match-entities.js';
export * from './service-process.js';
export * from './private-nats.js';
export * from './tcp-proxy.js';
