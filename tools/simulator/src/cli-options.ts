import { parseArgs } from 'node:util';
import { z } from 'zod';

const num = (min: number) => z.coerce.number().min(min);
const share = z.coerce.number().min(0).max(1);

export const cliSchema = z.strictObject({
  devices: num(1).default(1000),
  sites: num(1).default(20),
  interval: num(0.05).default(10),
  org: z.string().min(1).optional(),
  duration: num(0).default(0),
  'failure-rate': share.default(0),
  'recovery-rate': share.default(0.2),
  flapping: share.default(0),
  degraded: share.default(0),
  'site-dark': num(0).default(0),
  'site-dark-at': num(0).default(30),
  'site-dark-for': num(0).default(60),
  'clock-skew': num(0).default(0),
  seed: num(0).default(1),
  nats: z.string().min(1).default('nats://127.0.0.1:4222'),
  fleet: z.string().min(1).optional(),
  'write-fleet': z.string().min(1).optional(),
  register: z.string().url().optional(),
  'api-key': z.string().min(1).optional(),
  threshold: num(10).default(60),
  demo: z.boolean().default(false),
  retire: z.string().min(1).optional(),
  'progress-every': num(1).default(1),
  help: z.boolean().default(false),
});
export type CliOptions = z.infer<typeof cliSchema>;

export const usage = `fleetward-simulator: a fleet of site collectors publishing heartbeats

  --devices N --sites M --interval SEC   fleet size and heartbeat interval (1000, 20, 10)
  --org ID                               organisation (required unless --fleet gives it)
  --duration SEC                         stop after SEC (0: run until Ctrl-C)
  --failure-rate P --recovery-rate P     per device per interval: go silent / come back
  --flapping SHARE                       share of devices going up and down every few intervals
  --degraded P                           chance a heartbeat reports a fault
  --site-dark K --site-dark-at SEC --site-dark-for SEC   K whole sites go dark (collector included)
  --clock-skew SEC                       device clocks off by up to SEC either way
  --seed N                               same seed, same failures
  --nats URL                             NATS server (nats://127.0.0.1:4222)
  --fleet FILE                           use the devices in FILE ({orgId, sites:[{siteId, devices:[id]}]})
  --register GATEWAY_URL --api-key KEY   create the sites and devices through the gateway first
  --threshold SEC                        offline threshold given to registered devices (60)
  --demo                                 with --register: the realistic demo organisation (site tree, vendor models,
                                         firmware catalog, policies; devices by CSV import), see README
  --retire FILE                          with --register: decommission the devices of an earlier fleet FILE that
                                         the new fleet does not contain (read before --write-fleet overwrites it)
  --write-fleet FILE                     save the fleet used (e.g. after --register) for later runs
  --progress-every SEC                   how often the progress line is written when not on a terminal (1)`;

const BOOLEAN_FLAGS = new Set(['help', 'demo']);

export function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: Object.fromEntries(
      Object.keys(cliSchema.shape).map((k) => [k, { type: BOOLEAN_FLAGS.has(k) ? ('boolean' as const) : ('string' as const) }]),
    ),
  });
  return cliSchema.parse(values);
}
