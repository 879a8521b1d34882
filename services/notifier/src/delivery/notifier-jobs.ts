import { z } from 'zod';

/** The notifier's BullMQ jobs: one queue, a payload schema per job name, deterministic job ids. */
export const NOTIFIER_QUEUE = 'notifier';

export const jobSchemas = {
  /** Send what changed in a notification group (Alertmanager group_wait / group_interval / repeat_interval). */
  flush: z.object({ orgId: z.string().min(1), groupId: z.uuid() }),
  /** One message to one channel, with retries. */
  deliver: z.object({ orgId: z.string().min(1), deliveryId: z.string().min(1) }),
  /** Tell the escalation channels about an incident nobody acknowledged in time. */
  escalate: z.object({ orgId: z.string().min(1), incidentId: z.uuid(), ruleId: z.uuid() }),
  /** After a maintenance window: one digest of what is still wrong. */
  digest: z.object({ orgId: z.string().min(1), windowId: z.uuid(), occurrenceEnd: z.iso.datetime() }),
} as const;

export type JobName = keyof typeof jobSchemas;
export type JobData<N extends JobName> = z.infer<(typeof jobSchemas)[N]>;

export interface PlannedJob<N extends JobName = JobName> {
  name: N;
  data: JobData<N>;
  /** When it should run; the job id includes it so a re-plan for another time is a new job. */
  at: Date;
}

/** BullMQ job ids may not contain ':' (its key separator); ours join their parts with '.'. */
export function jobId(job: PlannedJob): string {
  const d = job.data as Record<string, string>;
  switch (job.name) {
    case 'flush':
      return `flush.${d['groupId']}.${job.at.getTime()}`;
    case 'deliver':
      return `deliver.${d['deliveryId'].replaceAll(':', '.')}`;
    case 'escalate':
      return `escalate.${d['incidentId']}.${d['ruleId']}`;
    case 'digest':
      return `digest.${d['windowId']}.${new Date(d['occurrenceEnd']!).getTime()}`;
  }
}

/** Exponential backoff with full jitter: attempt n waits a random time in [base * 2^(n-1) / 2, base * 2^(n-1)]. */
export function deliveryBackoff(attemptsMade: number, baseMs: number, random = Math.random): number {
  const ceiling = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
