import { execForm, parseDockerfile, type Instruction } from './dockerfile.js';

export interface ImageSpec {
  /** The runtime entry script, relative to the image's working directory. */
  entry: string;
  /** Paths the final stage must copy in (build output it runs). */
  mustCopy: string[];
  port?: number;
}

/**
 * A Dockerfile builds in stages and its final stage runs as a numeric non-root user under an init (tini) for
 * signals, without a HEALTHCHECK (Kubernetes probes do that).
 */
export function dockerfileProblems(text: string, spec: ImageSpec, origin: string): string[] {
  const stages = parseDockerfile(text);
  const problems: string[] = [];
  if (stages.length < 2) problems.push(`${origin}: not a multi-stage build`);
  const final: Instruction[] = stages[stages.length - 1] ?? [];
  const all = stages.flat();
  if (all.some((i) => i.op === 'HEALTHCHECK' && !/^NONE\b/i.test(i.args)))
    problems.push(`${origin}: has a HEALTHCHECK`);
  const user = [...final]
    .reverse()
    .find((i) => i.op === 'USER')
    ?.args.trim();
  const uid = user?.split(':')[0];
  if (!uid || !/^\d+$/.test(uid) || uid === '0')
    problems.push(`${origin}: final stage must set a numeric non-root USER (got ${user ?? 'none'})`);
  const entry = execForm([...final].reverse().find((i) => i.op === 'ENTRYPOINT')?.args ?? '[]');
  const cmd = execForm([...final].reverse().find((i) => i.op === 'CMD')?.args ?? '[]');
  if (!/tini/.test(entry[0] ?? '')) problems.push(`${origin}: ENTRYPOINT must start with tini (signals, zombies)`);
  if (![...entry, ...cmd].includes(spec.entry)) problems.push(`${origin}: does not run ${spec.entry}`);
  const copies = final.filter((i) => i.op === 'COPY').map((i) => i.args);
  for (const p of spec.mustCopy) {
    if (!copies.some((c) => c.split(/\s+/).some((part) => part.replace(/^\/src\//, '') === p)))
      problems.push(`${origin}: final stage does not copy ${p}`);
  }
  if (
    spec.port !== undefined &&
    !final.some((i) => i.op === 'EXPOSE' && i.args.split(/\s+/).includes(String(spec.port)))
  ) {
    problems.push(`${origin}: does not EXPOSE ${spec.port}`);
  }
  return problems;
}

/** The build context is the repository root: host node_modules and build output must not leak into images. */
export function dockerignoreProblems(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trim());
  return ['node_modules', 'dist', '.git']
    .filter((p) => !lines.some((l) => l === p || l === `**/${p}` || l === `${p}/` || l === `**/${p}/`))
    .map((p) => `.dockerignore does not exclude ${p}`);
}
