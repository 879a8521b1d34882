export * from './caller-assertion.js';
export * from './caller-keys.js';
export * from './caller-signer.js';
export * from './caller-verifier.js';
export * from './replay-cache.js';
export * from './rpc-callers.js';
export * from './http-caller.js';
export * from './caller.providers.js';
