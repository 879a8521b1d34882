import { InventorySchema1764220000000 } from './1764220000000-inventory-schema.js';

/** Applied in order by the root migrate command (from dist) and by DatabaseModule. */
export const migrations = [InventorySchema1764220000000];
