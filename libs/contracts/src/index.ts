export * from './envelope.js';
export * from './ids.js';
export * from './subjects.js';
export * from './streams.js';
export * from './define-event.js';
export * from './rpc.js';
export * from './inventory/index.js';
export * from './gateway/index.js';
