import { z } from 'zod';

export const deviceTypeSchema = z.enum([
  'camera',
  'recorder',
  'access-controller',
  'reader',
  'intercom',
  'sensor',
  'gunshot-detector',
  'network',
  'other',
]);
export type DeviceType = z.infer<typeof deviceTypeSchema>;

export const deviceStatusSchema = z.enum(['active', 'maintenance', 'decommissioned']);
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export const ownerTeamSchema = z.enum(['OT', 'IT']);

/** A calendar date, `YYYY-MM-DD` (no time, no zone). */
export const isoDateSchema = z.iso.date();

/** A lifecycle date of a model: known (with its date), unknown, or not announced by the vendor; with its source. */
export const lifecycleDateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('known'), date: isoDateSchema, source: z.string().max(500).nullable().default(null) }),
  z.object({ status: z.literal('unknown'), source: z.string().max(500).nullable().default(null) }),
  z.object({ status: z.literal('not-announced'), source: z.string().max(500).nullable().default(null) }),
]);
export type LifecycleDate = z.infer<typeof lifecycleDateSchema>;

const MAC = /^(?:[0-9a-f]{2}[:-]?){5}[0-9a-f]{2}$|^(?:[0-9a-f]{4}\.){2}[0-9a-f]{4}$/i;

/** Accepts `AA-BB-CC-DD-EE-FF`, `aabb.ccdd.eeff`, `aabbccddeeff`...; yields `aa:bb:cc:dd:ee:ff`. */
export const macSchema = z
  .string()
  .trim()
  .regex(MAC, 'not a MAC address')
  .transform((s) => s.toLowerCase().replace(/[^0-9a-f]/g, '').replace(/(..)(?!$)/g, '$1:'));

export const ipSchema = z.union([z.ipv4(), z.ipv6()]);

export const tagsSchema = z.array(z.string().trim().min(1).max(64)).max(50);
