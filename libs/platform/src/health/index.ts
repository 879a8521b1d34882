export * from './health.module.js';
export * from './metrics.service.js';
export * from './readiness.service.js';
export * from './liveness.service.js';
export * from './http-metrics.interceptor.js';
