/**
 * Where a service reads "now". Inject `Clock` (a class, so it is also the Nest token) wherever a rule depends on the
 * date or time, so tests can move time forward instead of waiting for it. Production binds `SystemClock`.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The machine's clock. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export const systemClock: Clock = new SystemClock();
