import { z } from 'zod';
import { callerSigningKeySchema } from '../caller/caller-keys.js';

/** Longest life a service accepts for a caller assertion (`exp - iat`), whatever the gateway was told. */
export const MAX_ASSERTION_LIFETIME_S = 60;
export const DEFAULT_ASSERTION_TTL_S = 10;

/**
 * The variables of the one process that mints caller assertions (the gateway), merged into its config schema. The
 * services' `CALLER_VERIFY_KEYS` is in `baseConfigSchema`. (In config/, so the deploy checks read it with the schemas.)
 */
export const callerSigningConfigShape = {
  /** Ed25519 private key (PKCS#8 PEM or JWK); its public key must be in every service's CALLER_VERIFY_KEYS. */
  CALLER_SIGNING_KEY: callerSigningKeySchema,
  /** Lifetime of an assertion in seconds: long enough to reach the service, short enough to be useless later. */
  CALLER_ASSERTION_TTL_S: z.coerce.number().int().min(1).max(MAX_ASSERTION_LIFETIME_S).default(DEFAULT_ASSERTION_TTL_S),
};
