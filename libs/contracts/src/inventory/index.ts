export * from './device-fields.js';
export * from './org-settings.schema.js';
export * from './site.schema.js';
export * from './device-model.schema.js';
export * from './device.schema.js';
export * from './import.schema.js';
export * from './rpc.js';
