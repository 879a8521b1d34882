import { HealthSchema1764226000000 } from './1764226000000-health-schema.js';
import { SiteDirectory1764226100000 } from './1764226100000-site-directory.js';
import { RebuildSource1764226200000 } from './1764226200000-rebuild-source.js';

/** Applied in order by the root migrate command (from dist) and by DatabaseModule. */
export const migrations = [HealthSchema1764226000000, SiteDirectory1764226100000, RebuildSource1764226200000];
