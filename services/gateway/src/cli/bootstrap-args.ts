import { parseArgs } from 'node:util';
import { z } from 'zod';
import { subjectTokenSchema } from '@fleetward/contracts';

export const bootstrapArgsSchema = z.object({
  org: z.string().trim().min(1, '--org <name> is required').max(200),
  orgId: subjectTokenSchema.optional(),
  out: z.string().min(1).optional(),
});
export type BootstrapArgs = z.infer<typeof bootstrapArgsSchema>;

export const USAGE = 'usage: bootstrap --org <name> [--org-id <id>] [--out <file>]';

export function parseBootstrapArgs(argv: string[]): BootstrapArgs {
  const { values } = parseArgs({
    args: argv,
    options: { org: { type: 'string' }, 'org-id': { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const parsed = bootstrapArgsSchema.safeParse({ org: values.org ?? '', orgId: values['org-id'], out: values.out });
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => i.message).join('; ')}\n${USAGE}`);
  return parsed.data;
}
