import { execForm, parseDockerfile, resolveBaseImages, type Instruction } from './dockerfile.js';

export interface ImageSpec {
  /** The runtime entry script, relative to the image's working directory. */
  entry: string;
  /** Paths the stage must copy in (build output it runs). */
  mustCopy: string[];
  /** The stage that becomes the image (`--target`); the last stage when absent. */
  stage?: string;
  /** Build arguments the image is built with (`--build-arg SERVICE=health`), substituted into COPY paths. */
  args?: Record<string, string>;
}

const substitute = (text: string, args: Record<string, string>) =>
  text.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a: string | undefined, b: string | undefined) => args[a ?? b!] ?? m);

function stageNamed(stages: Instruction[][], name: string | undefined): Instruction[] {
  if (!name) return stages[stages.length - 1] ?? [];
  return stages.find((s) => new RegExp(`\\sAS\\s+${name}$`, 'i').test(s[0]?.args ?? '')) ?? [];
}

/**
 * A Dockerfile builds in stages and the image's stage runs as a numeric non-root user under an init (tini) for
 * signals, without a HEALTHCHECK (Kubernetes probes do that).
 */
export function dockerfileProblems(text: string, spec: ImageSpec, origin: string): string[] {
  const stages = parseDockerfile(text);
  const problems: string[] = [];
  if (stages.length < 2) problems.push(`${origin}: not a multi-stage build`);
  const final = stageNamed(stages, spec.stage);
  if (final.length === 0) problems.push(`${origin}: no stage ${spec.stage}`);
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
  const copies = final.filter((i) => i.op === 'COPY').map((i) => substitute(i.args, spec.args ?? {}));
  for (const p of spec.mustCopy) {
    if (!copies.some((c) => c.split(/\s+/).some((part) => part.replace(/^\/src\//, '').replace(/\/$/, '') === p)))
      problems.push(`${origin}: final stage does not copy ${p}`);
  }
  return problems;
}

/**
 * Every base image is pinned by digest (a tag can be re-pointed to other bits, a digest cannot) and every Node base
 * runs the given major (the LTS the images ship).
 */
export function baseImageProblems(text: string, nodeMajor: number): string[] {
  const problems: string[] = [];
  const bases = resolveBaseImages(text);
  if (bases.length === 0) problems.push('Dockerfile: no base image');
  for (const image of bases) {
    if (!/@sha256:[0-9a-f]{64}$/.test(image)) problems.push(`base image ${image} is not pinned by digest`);
    const node = /(?:^|\/)node:(\d+)[.-]|nodejs(\d+)-/.exec(image);
    if (!node) problems.push(`base image ${image} is neither node:<major> nor distroless nodejs<major>`);
    else if (Number(node[1] ?? node[2]) !== nodeMajor)
      problems.push(`base image ${image} is not Node ${nodeMajor} (the supported LTS)`);
  }
  return problems;
}

/** No TypeScript compiler and one swagger-ui-dist in the production node_modules the images copy. */
export function productionDepsProblems(text: string): string[] {
  const deps = parseDockerfile(text).find((s) => /\sAS\s+deps$/i.test(s[0]?.args ?? '')) ?? [];
  const run = deps
    .filter((i) => i.op === 'RUN')
    .map((i) => i.args)
    .join(' && ');
  const problems: string[] = [];
  if (!/npm ci\b[^&]*--omit=dev/.test(run)) problems.push('deps stage: npm ci without --omit=dev');
  if (!/rm -rf [^&]*node_modules\/typescript\b/.test(run) || !/test ! -e node_modules\/typescript/.test(run))
    problems.push('deps stage: does not remove (and verify the absence of) node_modules/typescript');
  if (!/swagger-ui-dist[^&]*-eq 1/.test(run)) problems.push('deps stage: does not verify a single swagger-ui-dist');
  return problems;
}

/** The build context is the repository root: host node_modules and build output must not leak into images. */
export function dockerignoreProblems(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trim());
  return ['node_modules', 'dist', '.git']
    .filter((p) => !lines.some((l) => l === p || l === `**/${p}` || l === `${p}/` || l === `**/${p}/`))
    .map((p) => `.dockerignore does not exclude ${p}`);
}
