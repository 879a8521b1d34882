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

/** Which team answers for the device: security operations (ot) or IT. */
export const ownerTeamSchema = z.enum(['ot', 'it']);
export type OwnerTeam = z.infer<typeof ownerTeamSchema>;

/** Administrative status kept in the inventory (not liveness: that is the health service's). */
export const deviceStatusSchema = z.enum(['active', 'maintenance', 'decommissioned']);
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

/** A free-form label on a device or site. */
export const tagSchema = z.string().min(1).max(64);

/** Canonical MAC address: lower-case hex pairs separated by colons. */
export const macSchema = z
  .string()
  .regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, 'must be a lower-case, colon-separated MAC');

export const ipSchema = z.union([z.ipv4(), z.ipv6()]);
