import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { deviceIdSchema, orgIdSchema, siteIdSchema } from '@fleetward/contracts';

/**
 * The devices the simulator speaks for, grouped by the site whose collector reports them. `profile` names what was
 * registered (absent for a bare simulated fleet, and in files written before the demo fleet existed).
 */
export const fleetSchema = z.strictObject({
  orgId: orgIdSchema,
  profile: z.string().min(1).optional(),
  sites: z.array(z.strictObject({ siteId: siteIdSchema, devices: z.array(deviceIdSchema).min(1) })).min(1),
});
export type Fleet = z.infer<typeof fleetSchema>;

/** The profile of fleets registered by `registerDemoFleet`; bump it when the demo data changes what is registered. */
export const DEMO_FLEET_PROFILE = 'demo-v1';

/** Whether a saved fleet file is the current demo of this organisation (else the demo is registered again). */
export async function isCurrentDemoFleet(path: string, orgId: string): Promise<boolean> {
  const fleet = await readFleet(path).catch(() => null);
  return fleet?.orgId === orgId && fleet.profile === DEMO_FLEET_PROFILE;
}

/** A synthetic fleet with stable ids (`sim-s3`, `sim-s3-d17`): same arguments, same fleet. */
export function generateFleet(orgId: string, devices: number, sites: number): Fleet {
  const out: Fleet = { orgId, sites: [] };
  for (let s = 0; s < sites; s++) out.sites.push({ siteId: `sim-s${s}`, devices: [] });
  for (let d = 0; d < devices; d++) {
    const site = out.sites[d % sites]!;
    site.devices.push(`${site.siteId}-d${Math.floor(d / sites)}`);
  }
  return { orgId, sites: out.sites.filter((s) => s.devices.length > 0) };
}

export async function readFleet(path: string): Promise<Fleet> {
  return fleetSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}

export async function writeFleet(path: string, fleet: Fleet): Promise<void> {
  await writeFile(path, `${JSON.stringify(fleet, null, 2)}\n`);
}
