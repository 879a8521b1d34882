import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { isoDateSchema } from '../common/time.js';
import { cveSchema } from './cve.js';

export const firmwareReleasedV1Data = z.strictObject({
  releaseId: z.uuid(),
  vendor: z.string().min(1),
  models: z.array(z.string().min(1)).min(1).describe('The models this release applies to, as the vendor names them.'),
  version: z.string().min(1),
  releaseDate: isoDateSchema,
  track: z.string().min(1).max(40).describe("The vendor's release track or channel, e.g. `active`, `lts`."),
  securityFixes: z
    .array(cveSchema)
    .describe('Vulnerabilities this release fixes: devices on older versions are exposed to them.'),
  endOfSupport: isoDateSchema.nullable().describe('End of support of this release line, when the vendor announced it.'),
  releaseNotesUrl: z.url({ protocol: /^https?$/ }).nullable(),
});
export type FirmwareReleasedV1Data = z.infer<typeof firmwareReleasedV1Data>;

export const firmwareReleasedV1 = defineEvent({
  type: 'firmware.released',
  version: 1,
  scope: 'catalog',
  description:
    'A vendor firmware release entered the shared catalog. Belongs to no organisation (envelope orgId is null).',
  data: firmwareReleasedV1Data,
});
