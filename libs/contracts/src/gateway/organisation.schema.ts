import { z } from 'zod';

/** Where the organisation's people sign in: bearer JWTs must come from this issuer, for this audience. */
export const oidcSettingsSchema = z.strictObject({
  issuer: z.url().max(500),
  audience: z.string().min(1).max(500),
  jwksUrl: z.url({ protocol: /^https?$/ }).max(500),
});
export type OidcSettings = z.infer<typeof oidcSettingsSchema>;

export const organisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  oidc: oidcSettingsSchema.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Organisation = z.infer<typeof organisationSchema>;

/** `PUT /api/v1/organisation/oidc`: the settings, or `null` to switch OIDC sign-in off. */
export const oidcSettingsUpdateSchema = z.strictObject({ oidc: oidcSettingsSchema.nullable() });
