import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveEnv } from './env.js';
import { podTemplates, describe as label, type K8sObject } from './objects.js';
import { repoRoot } from './paths.js';

export const SETUP_SCRIPTS = {
  provision: { script: 'tools/dev/nats-provision.mjs', needs: ['NATS_URL', 'NATS_REPLICAS'] },
  migrate: { script: 'tools/dev/migrate.mjs', needs: ['DATABASE_MIGRATION_URL'] },
} as const;

export interface SetupReport {
  problems: string[];
  /** NATS_REPLICAS the provisioning Job passes, when known. */
  replicas?: string;
}

/** The overlay runs `npm run nats:provision` and `npm run migrate` as Jobs, each with the variables it reads. */
export function setupJobProblems(objects: K8sObject[], root = repoRoot): SetupReport {
  const problems: string[] = [];
  let replicas: string | undefined;
  const jobs = podTemplates(objects).filter((t) => t.owner.kind === 'Job');
  for (const [step, { script, needs }] of Object.entries(SETUP_SCRIPTS)) {
    if (!existsSync(path.join(root, script))) problems.push(`${script} does not exist`);
    const job = jobs.find((t) =>
      t.spec.containers.some((c) => [...(c.command ?? []), ...(c.args ?? [])].includes(script)),
    );
    if (!job) {
      problems.push(`no Job runs ${script} (${step})`);
      continue;
    }
    if (!['Never', 'OnFailure'].includes(job.spec.restartPolicy))
      problems.push(`${label(job.owner)}: restartPolicy must be Never or OnFailure`);
    const container = job.spec.containers.find((c) => [...(c.command ?? []), ...(c.args ?? [])].includes(script))!;
    const { vars, problems: envProblems } = resolveEnv(container, objects);
    problems.push(...envProblems.map((p) => `${label(job.owner)}: ${p}`));
    for (const name of needs) if (!vars.has(name)) problems.push(`${label(job.owner)}: ${name} is not set`);
    if (step === 'provision') replicas = vars.get('NATS_REPLICAS')?.value;
  }
  return { problems, replicas };
}
