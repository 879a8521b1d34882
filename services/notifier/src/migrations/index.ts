import { NotifierSchema1764300000000 } from './1764300000000-notifier-schema.js';
import { GroupedLifecycleIncidents1765100000000 } from './1765100000000-grouped-lifecycle-incidents.js';
import { LivenessOrder1765200000000 } from './1765200000000-liveness-order.js';

/** Every notifier migration, oldest first. The root `npm run migrate` imports this list from dist. */
export const migrations = [NotifierSchema1764300000000, GroupedLifecycleIncidents1765100000000, LivenessOrder1765200000000];
