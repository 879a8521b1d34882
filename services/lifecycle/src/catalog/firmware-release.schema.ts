import { firmwareReleaseInputSchema, modelSupportSchema, type FirmwareReleaseInput } from '@fleetward/contracts';
import type { z } from 'zod';

/** The release shape is the API contract's: a feed row, an API call and an import all validate the same way. */
export { firmwareReleaseInputSchema, type FirmwareReleaseInput };
export const modelSupportInputSchema = modelSupportSchema;
export type ModelSupportInput = z.infer<typeof modelSupportSchema>;
