import type { MigrationInterface } from 'typeorm';
import { PlatformInbox1795600000001 } from '../inbox/inbox.migration.js';
import { PlatformOutbox1795600000000 } from '../outbox/outbox.migration.js';

export type MigrationClass = new () => MigrationInterface;

/**
 * Tables every service schema carries besides its own: the outbox and the inbox (no org policy; the app role has DML
 * on them). They run before the service's migrations, in the same schema.
 */
export const platformMigrations: MigrationClass[] = [PlatformOutbox1795600000000, PlatformInbox1795600000001];
