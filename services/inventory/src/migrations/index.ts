import { InventorySchema1764220000000 } from './1764220000000-inventory-schema.js';
import { DeviceSearch1764220000001 } from './1764220000001-device-search.js';
import { DeviceIndexDiet1764220000002 } from './1764220000002-device-index-diet.js';
import { DeviceSearchRows1764220000003 } from './1764220000003-device-search-rows.js';
import { SiteKeyPerOrg1764220000004 } from './1764220000004-site-key-per-org.js';

/** Applied in order by the root migrate command (from dist) and by DatabaseModule. */
export const migrations = [
  InventorySchema1764220000000,
  DeviceSearch1764220000001,
  DeviceIndexDiet1764220000002,
  DeviceSearchRows1764220000003,
  SiteKeyPerOrg1764220000004,
];
