import { GatewaySchema1764230000000 } from './1764230000000-gateway-schema.js';

/** Applied in order by the root migrate command (from dist) and by DatabaseModule. */
export const migrations = [GatewaySchema1764230000000];
