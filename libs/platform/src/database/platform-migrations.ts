import type { MigrationInterface } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

/**
 * Tables every service schema carries besides its own (the outbox and the inbox). They run before the service's
 * migrations, in the same schema. The outbox/ and inbox/ folders each export their migration classes; they are
 * listed here as they land.
 */
export const platformMigrations: MigrationClass[] = [];
