import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  baselineSchema,
  deviceModelCreateSchema,
  firmwareReleaseInputSchema,
  replacementPolicyInputSchema,
  siteFieldsSchema,
  subjectTokenSchema,
} from '@fleetward/contracts';

/**
 * The demo organisation's reference data, kept as JSON files in `tools/simulator/demo-data/` (readable, and the
 * firmware feed is importable as is through the API or the console). Each file is checked against the API's own
 * schemas when loaded, so a bad edit fails here and not as a rejected request halfway through a registration.
 */
const dataDir = new URL('../../demo-data/', import.meta.url);
const load = <T extends z.ZodType>(file: string, schema: T): z.output<T> =>
  schema.parse(JSON.parse(readFileSync(new URL(file, dataDir), 'utf8')));

export const demoRegionSchema = z.strictObject({
  id: subjectTokenSchema,
  name: z.string().min(1),
  code: z.string().min(1),
  timezone: z.string().min(1),
  tags: z.array(z.string()),
});
export const demoSiteSchema = siteFieldsSchema.extend({
  id: subjectTokenSchema,
  region: subjectTokenSchema,
  country: z.string().regex(/^[A-Z]{2}$/),
  lat: z.number(),
  lon: z.number(),
  timezone: z.string().min(1),
  address: z.string().min(1),
  kind: z.string().min(1),
  tags: z.array(z.string()),
});
export type DemoRegion = z.infer<typeof demoRegionSchema>;
export type DemoSite = z.infer<typeof demoSiteSchema>;

export const demoModelSchema = deviceModelCreateSchema.extend({
  /** Catalogue price, the base of each device's purchase cost. */
  listPrice: z.number().positive(),
  /** Relative share of the fleet. */
  weight: z.number().positive(),
  /** Share of the devices of this model that follow the vendor's long-term-support track, when it has one. */
  ltsShare: z.number().min(0).max(1).default(0.3),
  /** Versions run by a model the firmware catalog does not cover (their compliance is `unknown`). */
  uncataloguedFirmware: z.array(z.string()).min(1).optional(),
});
export type DemoModel = z.infer<typeof demoModelSchema>;

export const demoSetupSchema = z.strictObject({
  note: z.string(),
  policies: z.array(replacementPolicyInputSchema).min(1),
  baselines: z.array(baselineSchema),
  /** How many sensors the demo reports failed (run-to-failure items in the plan). */
  failedSensors: z.number().int().min(0),
});
export type DemoSetup = z.infer<typeof demoSetupSchema>;

export interface DemoData {
  regions: DemoRegion[];
  sites: DemoSite[];
  models: DemoModel[];
  /** The firmware feed file's text, as imported through `POST /api/v1/firmware/imports`. */
  feedJson: string;
  releases: z.infer<typeof firmwareReleaseInputSchema>[];
  setup: DemoSetup;
}

export function loadDemoData(): DemoData {
  const tree = load('sites.json', z.strictObject({ note: z.string(), regions: z.array(demoRegionSchema).min(1), sites: z.array(demoSiteSchema).min(1) }));
  const models = load('models.json', z.strictObject({ note: z.string(), models: z.array(demoModelSchema).min(1) })).models;
  const feedJson = readFileSync(new URL('firmware-feed.json', dataDir), 'utf8');
  const feed = z.strictObject({ note: z.string(), releases: z.array(firmwareReleaseInputSchema).min(1) }).parse(JSON.parse(feedJson));
  const setup = load('setup.json', demoSetupSchema);
  return { regions: tree.regions, sites: tree.sites, models, feedJson, releases: feed.releases, setup };
}
