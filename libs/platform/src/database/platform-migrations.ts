import type { MigrationInterface } from 'typeorm';
import { PlatformInbox1795600000001 } from '../inbox/inbox.migration.js';
import { PlatformOutbox1795600000000 } from '../outbox/outbox.migration.js';

export type MigrationClass = new () => MigrationInterface;

/**
 * Tables every service schema carries besides its own: the outbox and the inbox (no org policy; the app role has DML
 * on them). They run in the same schema, in one list with the service's migrations, which TypeORM orders by the
 * timestamp in each name: a service migration must not depend on these tables.
 */
export const platformMigrations: MigrationClass[] = [PlatformOutbox1795600000000, PlatformInbox1795600000001];
