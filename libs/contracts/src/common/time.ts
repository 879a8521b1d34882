import { z } from 'zod';

/** An instant: ISO 8601 with an explicit offset (`2026-11-27T06:00:00.000Z`). */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** A calendar date without time (`2026-11-27`), for warranty ends, release dates and the like. */
export const isoDateSchema = z.iso.date();

/** A whole number of seconds, 0 or more. */
export const durationSecSchema = z.number().int().nonnegative();
