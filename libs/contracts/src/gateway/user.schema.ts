import { z } from 'zod';
import { roleSchema } from '../rpc.js';

/** A person who signs in through the organisation's OIDC identity provider; `subject` is the token's `sub`. */
export const userCreateSchema = z.strictObject({
  subject: z.string().trim().min(1).max(255),
  email: z.email().optional(),
  name: z.string().trim().min(1).max(200).optional(),
  role: roleSchema,
});
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z
  .strictObject({
    email: z.email().nullable().optional(),
    name: z.string().trim().min(1).max(200).nullable().optional(),
    role: roleSchema.optional(),
  })
  .refine((u) => Object.keys(u).length > 0, 'give at least one field to change');
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const userSchema = z.object({
  id: z.string(),
  subject: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  role: roleSchema,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type User = z.infer<typeof userSchema>;
