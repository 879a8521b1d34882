export * from './schema-of.js';
export * from './with-org.js';
export * from './app-role.js';
export * from './platform-migrations.js';
export * from './run-migrations.js';
export * from './database.module.js';
export * from './rows-of.js';
