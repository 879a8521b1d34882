export * from './logging/correlation.js';
