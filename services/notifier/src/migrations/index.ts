import { NotifierSchema1764300000000 } from './1764300000000-notifier-schema.js';

/** Every notifier migration, oldest first. The root `npm run migrate` imports this list from dist. */
export const migrations = [NotifierSchema1764300000000];
