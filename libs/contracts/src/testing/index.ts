export * from '../fixtures/index.js';
