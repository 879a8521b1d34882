export * from './url-safety.js';
export * from './host-lookup-cache.js';
