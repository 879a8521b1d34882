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
