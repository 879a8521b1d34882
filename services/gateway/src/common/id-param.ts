import { z } from 'zod';

/** Path ids: bounded, and a shape any id of ours has; anything else cannot exist, so it answers 404 like a miss. */
export const idParamSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);
