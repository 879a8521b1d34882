export interface Instruction {
  op: string;
  args: string;
}

/** Splits a Dockerfile into instructions per stage (line continuations joined, comments dropped). */
export function parseDockerfile(text: string): Instruction[][] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const stages: Instruction[][] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const ins = { op: m[1]!.toUpperCase(), args: m[2]! };
    if (ins.op === 'FROM') stages.push([]);
    stages[stages.length - 1]?.push(ins);
  }
  return stages;
}

/** The exec-form JSON array of ENTRYPOINT/CMD, or the shell form as one string. */
export function execForm(args: string): string[] {
  try {
    const parsed = JSON.parse(args) as unknown;
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    /* shell form */
  }
  return [args];
}

/** The images each FROM pulls (stage names excluded), with global `ARG NAME=default` values substituted. */
export function resolveBaseImages(text: string): string[] {
  const args = new Map<string, string>();
  const stageNames = new Set<string>();
  const images: string[] = [];
  let seenFrom = false;
  for (const ins of parseDockerfile(`FROM scratch AS __globals\n${text}`).flat()) {
    if (ins.op === 'ARG' && !seenFrom) {
      const m = /^(\w+)=(\S+)/.exec(ins.args);
      if (m) args.set(m[1]!, m[2]!);
    }
    if (ins.op !== 'FROM' || ins.args.includes('__globals')) continue;
    seenFrom = true;
    const [ref = '', , name] = ins.args.replace(/^--platform=\S+\s+/, '').split(/\s+/);
    const image = ref.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a: string | undefined, b: string | undefined) => {
      return args.get(a ?? b!) ?? m;
    });
    if (!stageNames.has(image)) images.push(image);
    if (name) stageNames.add(name);
  }
  return [...new Set(images)];
}
