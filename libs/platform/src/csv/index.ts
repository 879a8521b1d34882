export * from './csv-safe.js';
