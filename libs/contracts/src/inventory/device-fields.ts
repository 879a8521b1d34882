import { z } from 'zod';
import { ownerTeamSchema, tagSchema } from '../common/device-kind.js';

/** A lifecycle date of a model: known (with its date), unknown, or not announced by the vendor; with its source. */
export const lifecycleDateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('known'), date: z.iso.date(), source: z.string().max(500).nullable().default(null) }),
  z.object({ status: z.literal('unknown'), source: z.string().max(500).nullable().default(null) }),
  z.object({ status: z.literal('not-announced'), source: z.string().max(500).nullable().default(null) }),
]);
export type LifecycleDate = z.infer<typeof lifecycleDateSchema>;

const MAC = /^(?:[0-9a-f]{2}[:-]?){5}[0-9a-f]{2}$|^(?:[0-9a-f]{4}\.){2}[0-9a-f]{4}$/i;

/** Input MAC: accepts `AA-BB-CC-DD-EE-FF`, `aabb.ccdd.eeff`, `aabbccddeeff`...; yields `aa:bb:cc:dd:ee:ff`. */
export const macInputSchema = z
  .string()
  .trim()
  .regex(MAC, 'not a MAC address')
  .transform((s) => s.toLowerCase().replace(/[^0-9a-f]/g, '').replace(/(..)(?!$)/g, '$1:'));

/** Input owner team: `OT`/`IT` in any case. */
export const ownerTeamInputSchema = z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), ownerTeamSchema);

export const tagsInputSchema = z.array(z.string().trim().pipe(tagSchema)).max(50);
