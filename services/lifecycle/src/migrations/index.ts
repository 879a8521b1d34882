import { LifecycleSchema1764230000000 } from './1764230000000-lifecycle-schema.js';
import { DeviceRefAndItemPolicy1764230100000 } from './1764230100000-device-ref-and-item-policy.js';

export const migrations = [LifecycleSchema1764230000000, DeviceRefAndItemPolicy1764230100000];
