import type { SimulatorStats } from './simulator.js';

/** Rewrites one status line on a terminal (a plain line per second elsewhere): sent/s, totals, errors. */
export function startProgress(stats: SimulatorStats, out: NodeJS.WriteStream = process.stderr, everySec = 1): () => void {
  let last = stats.sent;
  let lastAt = Date.now();
  const render = () => {
    const now = Date.now();
    const rate = ((stats.sent - last) * 1000) / Math.max(1, now - lastAt);
    last = stats.sent;
    lastAt = now;
    const line = `sent ${Math.round(rate)}/s  total ${stats.sent}  batches ${stats.batches}  errors ${stats.errors}  silent ${stats.silent}  dark sites ${stats.darkSites}`;
    out.write(out.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
  };
  const timer = setInterval(render, out.isTTY ? 1000 : everySec * 1000);
  return () => {
    clearInterval(timer);
    render();
    if (out.isTTY) out.write('\n');
  };
}
