import { LifecycleSchema1764230000000 } from './1764230000000-lifecycle-schema.js';

export const migrations = [LifecycleSchema1764230000000];
